/// Invalid Mandatory Parameter cause, code 7 (RFC 9260 §3.3.10.7): a mandatory parameter of an INIT or
/// INIT ACK was set to an invalid value. It has no value.
///
///     code = 7 (16) | length = 4 (16)
public struct InvalidMandatoryParameterCause: ErrorCauseBody {
    public init() {}

    public static let causeCode = ErrorCauseCode.invalidMandatoryParameter
    public static let name = "Invalid Mandatory Parameter"
    public static let valueLength = TLVValueLength.exactly(0)
    public static let fieldSchema = FieldRecordSchema(
        kind: "invalid-mandatory-parameter", summary: "Invalid Mandatory Parameter cause (code 7)",
        reference: "RFC 9260 §3.3.10.7",
        fields: [])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {}

    public func encodeValue(into writer: inout ByteWriter) {}

    public var errorCause: ErrorCause { .invalidMandatoryParameter(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind)
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        _ = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init()
    }
}
