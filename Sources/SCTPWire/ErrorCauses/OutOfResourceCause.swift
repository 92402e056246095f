/// Out of Resource cause, code 4 (RFC 9260 §3.3.10.4): the sender is out of resources. It has no value.
///
///     code = 4 (16) | length = 4 (16)
public struct OutOfResourceCause: ErrorCauseBody {
    public init() {}

    public static let causeCode = ErrorCauseCode.outOfResource
    public static let name = "Out of Resource"
    public static let valueLength = TLVValueLength.exactly(0)
    public static let fieldSchema = FieldRecordSchema(
        kind: "out-of-resource", summary: "Out of Resource cause (code 4)", reference: "RFC 9260 §3.3.10.4",
        fields: [])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {}

    public func encodeValue(into writer: inout ByteWriter) {}

    public var errorCause: ErrorCause { .outOfResource(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind)
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        _ = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init()
    }
}
