/// An error cause whose code this module has no typed representation for, kept as code and value
/// bytes so it survives decode and encode byte for byte (RFC 9260 §3.3.10).
///
/// It may also carry a known code, to send a deliberately malformed cause (a Stale Cookie Error with
/// 3 bytes); decoding never produces that, it decodes known codes into their typed case.
public struct UnknownErrorCause: Hashable, Sendable, FieldRecordConvertible {
    /// The cause code as sent.
    public var code: UInt16
    /// The value bytes, without header or padding.
    public var value: [UInt8]

    public init(code: UInt16, value: [UInt8] = []) {
        self.code = code
        self.value = value
    }

    /// The record kind.
    public static let kind = "unknown-error-cause"

    /// The fields of `unknown-error-cause` records.
    public static let fieldSchema = FieldRecordSchema(
        kind: Self.kind,
        summary: "An error cause of any code, kept as code and value bytes",
        reference: "RFC 9260 §3.3.10",
        fields: [
            .init("code", .unsigned(bits: 16), "Cause code"),
            .init("value", .bytes, optional: true, "Value bytes without header or padding (default empty)"),
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind, fields: [.init("code", .unsigned(UInt64(self.code))), .init("value", .bytes(self.value))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(code: try fields.unsigned("code"), value: try fields.optionalBytes("value") ?? [])
    }
}
