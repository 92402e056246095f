/// Unsupported HMAC Identifier cause, code 0x0105 (RFC 4895 §4.1): an AUTH chunk used an HMAC identifier
/// the receiver does not support. Its length is 6; two padding bytes follow.
///
///     code = 0x0105 (16) | length = 6 (16) | HMAC identifier (16) | padding (16)
public struct UnsupportedHMACIdentifierCause: ErrorCauseBody {
    /// The unsupported HMAC identifier.
    public var hmacIdentifier: UInt16

    public init(hmacIdentifier: UInt16) {
        self.hmacIdentifier = hmacIdentifier
    }

    public static let causeCode = ErrorCauseCode.unsupportedHMACIdentifier
    public static let name = "Unsupported HMAC Identifier"
    public static let valueLength = TLVValueLength.exactly(2)
    public static let fieldSchema = FieldRecordSchema(
        kind: "unsupported-hmac-identifier", summary: "Unsupported HMAC Identifier cause (code 0x0105)",
        reference: "RFC 4895 §4.1",
        fields: [.init("hmac_id", .unsigned(bits: 16), "The unsupported HMAC identifier")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.hmacIdentifier = try reader.readUInt16()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt16(self.hmacIdentifier)
    }

    public var errorCause: ErrorCause { .unsupportedHMACIdentifier(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: [.init("hmac_id", .unsigned(UInt64(self.hmacIdentifier)))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(hmacIdentifier: try fields.unsigned("hmac_id"))
    }
}
