/// COOKIE ACK, Cookie Acknowledgement (RFC 9260 §3.3.12): a chunk with no value.
///
/// ```
///  type 11 | flags (reserved) | length = 4
/// ```
public struct CookieAckChunk: ChunkBody {
    public static let chunkType = ChunkType.cookieAck
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

    public var chunk: Chunk { .cookieAck(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "cookie-ack", summary: "COOKIE ACK, Cookie Acknowledgement (type 11)", reference: "RFC 9260 §3.3.12",
        fields: ReservedChunkFlags.schemaFields)

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: self.flags.fieldRecordFields)
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(flags: try ReservedChunkFlags(fields: fields))
    }
}
