/// A parameter whose type this module has no typed representation for, kept as type and value
/// bytes so it survives decode and encode byte for byte (RFC 9260 §3.2.1).
///
/// It may also carry a known type code, to send a deliberately malformed parameter (an IPv4 Address
/// with 3 bytes); decoding never produces that, it decodes known types into their typed case.
public struct UnknownParameter: Hashable, Sendable, FieldRecordConvertible {
    /// The type code as sent.
    public var type: UInt16
    /// The value bytes, without header or padding.
    public var value: [UInt8]

    public init(type: UInt16, value: [UInt8] = []) {
        self.type = type
        self.value = value
    }

    /// What a receiver that does not recognize the type does (the type's two high bits).
    public var action: UnrecognizedParameterAction {
        UnrecognizedParameterAction(parameterType: self.type)
    }

    /// The record kind.
    public static let kind = "unknown-parameter"

    /// The fields of `unknown-parameter` records.
    public static let fieldSchema = FieldRecordSchema(
        kind: Self.kind,
        summary: "A parameter of any type, kept as type and value bytes",
        reference: "RFC 9260 §3.2.1",
        fields: [
            .init("type", .unsigned(bits: 16), "Parameter type; its two high bits are the unrecognized-type action"),
            .init("value", .bytes, optional: true, "Value bytes without header or padding (default empty)"),
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind, fields: [.init("type", .unsigned(UInt64(self.type))), .init("value", .bytes(self.value))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(type: try fields.unsigned("type"), value: try fields.optionalBytes("value") ?? [])
    }
}
