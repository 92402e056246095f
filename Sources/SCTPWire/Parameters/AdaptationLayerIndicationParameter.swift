/// Adaptation Layer Indication parameter, type 0xC006 (RFC 5061 §4.2.6): the adaptation layer the
/// sender runs, as a code point from the IANA "Adaptation Code Point" registry.
///
///     type = 0xC006 (16) | length = 8 (16) | adaptation code point (32)
public struct AdaptationLayerIndicationParameter: ParameterBody {
    /// The adaptation code point.
    public var adaptationCodePoint: UInt32

    public init(adaptationCodePoint: UInt32) {
        self.adaptationCodePoint = adaptationCodePoint
    }

    public static let parameterType = ParameterType.adaptationLayerIndication
    public static let name = "Adaptation Layer Indication"
    public static let valueLength = TLVValueLength.exactly(4)
    public static let fieldSchema = FieldRecordSchema(
        kind: "adaptation-layer-indication", summary: "Adaptation Layer Indication parameter (type 0xC006)",
        reference: "RFC 5061 §4.2.6",
        fields: [.init("adaptation_code_point", .unsigned(bits: 32), "Adaptation code point")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.adaptationCodePoint = try reader.readUInt32()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.adaptationCodePoint)
    }

    public var parameter: Parameter { .adaptationLayerIndication(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind, fields: [.init("adaptation_code_point", .unsigned(UInt64(self.adaptationCodePoint)))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(adaptationCodePoint: try fields.unsigned("adaptation_code_point"))
    }
}
