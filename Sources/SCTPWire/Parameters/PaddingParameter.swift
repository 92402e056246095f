/// Padding parameter, type 0x8005 (RFC 4820 §4): makes an INIT larger, for path MTU probing; the
/// receiver ignores its content.
///
///     type = 0x8005 (16) | length (16) | padding data (variable)
public struct PaddingParameter: ParameterBody {
    /// The padding data (its content carries no meaning).
    public var paddingData: [UInt8]

    public init(paddingData: [UInt8]) {
        self.paddingData = paddingData
    }

    public static let parameterType = ParameterType.padding
    public static let name = "Padding"
    public static let valueLength = TLVValueLength.any
    public static let fieldSchema = FieldRecordSchema(
        kind: "padding", summary: "Padding parameter (type 0x8005)", reference: "RFC 4820 §4",
        fields: [.init("padding", .bytes, "Padding data bytes")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.paddingData = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.paddingData)
    }

    public var parameter: Parameter { .padding(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: [.init("padding", .bytes(self.paddingData))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(paddingData: try fields.bytes("padding"))
    }
}
