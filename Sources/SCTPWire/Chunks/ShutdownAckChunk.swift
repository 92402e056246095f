/// SHUTDOWN ACK, Shutdown Acknowledgement (RFC 9260 §3.3.9): a chunk with no value.
///
/// ```
///  type 8 | flags (reserved) | length = 4
/// ```
public struct ShutdownAckChunk: ChunkBody {
    public static let chunkType = ChunkType.shutdownAck
    public static let minimumValueLength = 0

    /// The flags byte (all bits reserved).
    public var flags: ReservedChunkFlags

    public init(flags: ReservedChunkFlags = []) {
        self.flags = flags
    }

    public init(flags: ReservedChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.flags = flags
    }

    public func encodeValue(into writer: inout ByteWriter) {}

    public var chunk: Chunk { .shutdownAck(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "shutdown-ack", summary: "SHUTDOWN ACK, Shutdown Acknowledgement (type 8)", reference: "RFC 9260 §3.3.9",
        fields: ReservedChunkFlags.schemaFields)

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: self.flags.fieldRecordFields)
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(flags: try ReservedChunkFlags(fields: fields))
    }
}
