/// Forward-TSN Supported parameter, type 0xC000 (RFC 3758 §3.1): the sender supports partial reliability
/// and the FORWARD TSN chunk. It has no value.
///
///     type = 0xC000 (16) | length = 4 (16)
public struct ForwardTSNSupportedParameter: ParameterBody {
    public init() {}

    public static let parameterType = ParameterType.forwardTSNSupported
    public static let name = "Forward-TSN Supported"
    public static let valueLength = TLVValueLength.exactly(0)
    public static let fieldSchema = FieldRecordSchema(
        kind: "forward-tsn-supported", summary: "Forward-TSN Supported parameter (type 0xC000)",
        reference: "RFC 3758 §3.1",
        fields: [])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {}

    public func encodeValue(into writer: inout ByteWriter) {}

    public var parameter: Parameter { .forwardTSNSupported(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind)
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        _ = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init()
    }
}
