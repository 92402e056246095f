/// COOKIE ECHO, State Cookie (RFC 9260 §3.3.11).
///
/// ```
///  type 10 | flags (reserved) | length
///  cookie (the State Cookie of the INIT ACK, opaque)
/// ```
public struct CookieEchoChunk: ChunkBody {
    public static let chunkType = ChunkType.cookieEcho
    public static let minimumValueLength = 0

    /// The flags byte (all bits reserved).
    public var flags: ReservedChunkFlags
    /// The State Cookie exactly as the INIT ACK carried it.
    public var cookie: [UInt8]

    public init(flags: ReservedChunkFlags = [], cookie: [UInt8]) {
        self.flags = flags
        self.cookie = cookie
    }

    public init(flags: ReservedChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.flags = flags
        self.cookie = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.cookie)
    }

    public var chunk: Chunk { .cookieEcho(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "cookie-echo", summary: "COOKIE ECHO, State Cookie (type 10)", reference: "RFC 9260 §3.3.11",
        fields: ReservedChunkFlags.schemaFields + [
            .init("cookie", .bytes, "The State Cookie exactly as the INIT ACK carried it.")
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: self.flags.fieldRecordFields + [.bytes("cookie", self.cookie)])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(flags: try ReservedChunkFlags(fields: fields), cookie: try fields.bytes("cookie"))
    }
}
