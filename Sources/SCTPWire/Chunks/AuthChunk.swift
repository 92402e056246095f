/// AUTH, Authentication (RFC 4895 §4.1, figure "AUTH chunk").
///
/// ```
///  type 15 | flags (reserved) | length
///  shared key identifier (16) | HMAC identifier (16)
///  HMAC ...
/// ```
public struct AuthChunk: ChunkBody {
    public static let chunkType = ChunkType.auth
    public static let minimumValueLength = 4

    /// The flags byte (all bits reserved).
    public var flags: ReservedChunkFlags
    /// Shared key identifier.
    public var sharedKeyID: UInt16
    /// HMAC identifier (1: SHA-1, 3: SHA-256; RFC 4895 §3.3).
    public var hmacID: UInt16
    /// The HMAC, computed with this field zeroed (RFC 4895 §6.2).
    public var hmac: [UInt8]

    public init(flags: ReservedChunkFlags = [], sharedKeyID: UInt16, hmacID: UInt16, hmac: [UInt8]) {
        self.flags = flags
        self.sharedKeyID = sharedKeyID
        self.hmacID = hmacID
        self.hmac = hmac
    }

    public init(flags: ReservedChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.flags = flags
        self.sharedKeyID = try reader.readUInt16()
        self.hmacID = try reader.readUInt16()
        self.hmac = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt16(self.sharedKeyID)
        writer.writeUInt16(self.hmacID)
        writer.writeBytes(self.hmac)
    }

    public var chunk: Chunk { .auth(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "auth", summary: "Authentication (type 15)", reference: "RFC 4895 §4.1",
        fields: ReservedChunkFlags.schemaFields + [
            .init("shared_key_id", .unsigned(bits: 16), "Shared key identifier"),
            .init("hmac_id", .unsigned(bits: 16), "HMAC identifier (1 SHA-1, 3 SHA-256)"),
            .init("hmac", .bytes, "HMAC"),
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: self.flags.fieldRecordFields + [
                .unsigned("shared_key_id", self.sharedKeyID), .unsigned("hmac_id", self.hmacID),
                .bytes("hmac", self.hmac),
            ])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            flags: try ReservedChunkFlags(fields: fields), sharedKeyID: try fields.unsigned("shared_key_id"),
            hmacID: try fields.unsigned("hmac_id"), hmac: try fields.bytes("hmac"))
    }
}
