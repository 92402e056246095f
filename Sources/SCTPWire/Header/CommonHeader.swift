/// The SCTP common header (RFC 9260 §3.1, figure "SCTP Common Header Format").
///
/// ```
///  source port number (16) | destination port number (16)
///  verification tag (32)
///  checksum (32)
/// ```
public struct CommonHeader: Hashable, Sendable {
    /// Source port number.
    public var sourcePort: UInt16
    /// Destination port number.
    public var destinationPort: UInt16
    /// Verification tag.
    public var verificationTag: UInt32
    /// The checksum field as it stands, read big-endian (see `SCTPChecksum` for what it should hold).
    public var checksum: UInt32

    /// Bytes in the common header.
    public static let length = 12

    public init(sourcePort: UInt16, destinationPort: UInt16, verificationTag: UInt32, checksum: UInt32 = 0) {
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.verificationTag = verificationTag
        self.checksum = checksum
    }

    /// Reads the 12-byte header at the reader's position.
    @inline(__always)
    public static func decode(from reader: inout ByteReader) throws(WireDecodingError) -> CommonHeader {
        let start = reader.offset
        guard reader.remaining >= Self.length else {
            throw WireDecodingError(
                offset: start, context: "SCTP common header",
                reason: .truncated(needed: Self.length, available: reader.remaining))
        }
        let header = CommonHeader(
            sourcePort: reader.loadUInt16(at: start), destinationPort: reader.loadUInt16(at: start + 2),
            verificationTag: reader.loadUInt32(at: start + 4), checksum: reader.loadUInt32(at: start + 8))
        try reader.skip(Self.length)
        return header
    }

    /// Writes the 12-byte header, checksum field as stored in `checksum`.
    public func encode(into writer: inout ByteWriter) {
        writer.writeUInt16(self.sourcePort)
        writer.writeUInt16(self.destinationPort)
        writer.writeUInt32(self.verificationTag)
        writer.writeUInt32(self.checksum)
    }
}

extension CommonHeader: FieldRecordConvertible {
    /// The record kind.
    public static let kind = "common-header"

    public static let fieldSchema = FieldRecordSchema(
        kind: Self.kind, summary: "SCTP common header", reference: "RFC 9260 §3.1",
        fields: [
            .init("source_port", .unsigned(bits: 16), "Source port number"),
            .init("destination_port", .unsigned(bits: 16), "Destination port number"),
            .init("verification_tag", .unsigned(bits: 32), "Verification tag"),
            .init(
                "checksum", .unsigned(bits: 32), optional: true,
                "Checksum field as read big-endian (default 0; encoding normally computes it)"),
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: [
                .unsigned("source_port", self.sourcePort), .unsigned("destination_port", self.destinationPort),
                .unsigned("verification_tag", self.verificationTag), .unsigned("checksum", self.checksum),
            ])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            sourcePort: try fields.unsigned("source_port"), destinationPort: try fields.unsigned("destination_port"),
            verificationTag: try fields.unsigned("verification_tag"),
            checksum: try fields.unsigned("checksum", default: 0))
    }
}
