/// Supported Extensions parameter, type 0x8008 (RFC 5061 §4.2.7): the extension chunk types the sender
/// supports, one byte each.
///
///     type = 0x8008 (16) | length (16) | chunk type (8) ...
public struct SupportedExtensionsParameter: ParameterBody {
    /// The supported chunk types, in wire order.
    public var chunkTypes: [UInt8]

    public init(chunkTypes: [UInt8]) {
        self.chunkTypes = chunkTypes
    }

    public static let parameterType = ParameterType.supportedExtensions
    public static let name = "Supported Extensions"
    public static let valueLength = TLVValueLength.any
    public static let fieldSchema = FieldRecordSchema(
        kind: "supported-extensions", summary: "Supported Extensions parameter (type 0x8008)",
        reference: "RFC 5061 §4.2.7",
        fields: [.init("chunk_types", .list(of: .unsigned(bits: 8)), "Supported extension chunk types")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.chunkTypes = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.chunkTypes)
    }

    public var parameter: Parameter { .supportedExtensions(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind, fields: [.init("chunk_types", .list(self.chunkTypes.map { .unsigned(UInt64($0)) }))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(chunkTypes: try fields.unsignedList("chunk_types"))
    }
}
