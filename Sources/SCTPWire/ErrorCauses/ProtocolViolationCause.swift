/// Protocol Violation cause, code 13 (RFC 9260 §3.3.10.13): the peer broke the protocol in a way no
/// other cause describes; the value may say how.
///
///     code = 13 (16) | length (16) | additional information (variable)
public struct ProtocolViolationCause: ErrorCauseBody {
    /// Implementation-specific details (often ASCII text; may be empty).
    public var additionalInformation: [UInt8]

    public init(additionalInformation: [UInt8]) {
        self.additionalInformation = additionalInformation
    }

    public static let causeCode = ErrorCauseCode.protocolViolation
    public static let name = "Protocol Violation"
    public static let valueLength = TLVValueLength.any
    public static let fieldSchema = FieldRecordSchema(
        kind: "protocol-violation", summary: "Protocol Violation cause (code 13)",
        reference: "RFC 9260 §3.3.10.13",
        fields: [.init("additional_information", .bytes, "Additional information bytes")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.additionalInformation = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.additionalInformation)
    }

    public var errorCause: ErrorCause { .protocolViolation(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: [.init("additional_information", .bytes(self.additionalInformation))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(additionalInformation: try fields.bytes("additional_information"))
    }
}
