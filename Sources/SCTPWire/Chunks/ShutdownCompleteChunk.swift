/// SHUTDOWN COMPLETE, Shutdown Complete (RFC 9260 §3.3.13): a chunk with no value.
///
/// ```
///  type 14 | reserved |T| | length = 4
/// ```
public struct ShutdownCompleteChunk: ChunkBody {
    public static let chunkType = ChunkType.shutdownComplete
    public static let minimumValueLength = 0

    /// The T bit and the reserved bits.
    public var flags: TBitChunkFlags

    public init(flags: TBitChunkFlags = []) {
        self.flags = flags
    }

    public init(flags: TBitChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.flags = flags
    }

    public func encodeValue(into writer: inout ByteWriter) {}

    public var chunk: Chunk { .shutdownComplete(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "shutdown-complete", summary: "SHUTDOWN COMPLETE, Shutdown Complete (type 14)",
        reference: "RFC 9260 §3.3.13", fields: TBitChunkFlags.schemaFields)

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: self.flags.fieldRecordFields)
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(flags: try TBitChunkFlags(fields: fields))
    }
}
