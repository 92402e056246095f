/// Cookie Preservative parameter, type 9 (RFC 9260 §3.3.2.1): in an INIT, asks for a longer cookie life
/// span after a Stale Cookie Error (RFC 9260 §5.2.6).
///
///     type = 9 (16) | length = 8 (16) | suggested cookie life-span increment in milliseconds (32)
public struct CookiePreservativeParameter: ParameterBody {
    /// The suggested increment of the cookie life span, in milliseconds.
    public var lifeSpanIncrementMilliseconds: UInt32

    public init(lifeSpanIncrementMilliseconds: UInt32) {
        self.lifeSpanIncrementMilliseconds = lifeSpanIncrementMilliseconds
    }

    public static let parameterType = ParameterType.cookiePreservative
    public static let name = "Cookie Preservative"
    public static let valueLength = TLVValueLength.exactly(4)
    public static let fieldSchema = FieldRecordSchema(
        kind: "cookie-preservative", summary: "Cookie Preservative parameter (type 9)", reference: "RFC 9260 §3.3.2.1",
        fields: [.init("life_span_increment_ms", .unsigned(bits: 32), "Suggested cookie life-span increment (ms)")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.lifeSpanIncrementMilliseconds = try reader.readUInt32()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.lifeSpanIncrementMilliseconds)
    }

    public var parameter: Parameter { .cookiePreservative(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: [.init("life_span_increment_ms", .unsigned(UInt64(self.lifeSpanIncrementMilliseconds)))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(lifeSpanIncrementMilliseconds: try fields.unsigned("life_span_increment_ms"))
    }
}
