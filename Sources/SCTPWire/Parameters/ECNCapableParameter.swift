/// ECN Capable parameter, type 0x8000 (reserved by RFC 9260 §3.3.2.1; RFC 3168 Appendix A): the sender
/// supports Explicit Congestion Notification. It has no value.
///
///     type = 0x8000 (16) | length = 4 (16)
public struct ECNCapableParameter: ParameterBody {
    public init() {}

    public static let parameterType = ParameterType.ecnCapable
    public static let name = "ECN Capable"
    public static let valueLength = TLVValueLength.exactly(0)
    public static let fieldSchema = FieldRecordSchema(
        kind: "ecn-capable", summary: "ECN Capable parameter (type 0x8000)", reference: "RFC 9260 §3.3.2.1",
        fields: [])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {}

    public func encodeValue(into writer: inout ByteWriter) {}

    public var parameter: Parameter { .ecnCapable(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind)
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        _ = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init()
    }
}
