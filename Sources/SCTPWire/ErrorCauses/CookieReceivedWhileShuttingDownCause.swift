/// Cookie Received While Shutting Down cause, code 10 (RFC 9260 §3.3.10.10): a COOKIE ECHO arrived in
/// SHUTDOWN-ACK-SENT state. It has no value.
///
///     code = 10 (16) | length = 4 (16)
public struct CookieReceivedWhileShuttingDownCause: ErrorCauseBody {
    public init() {}

    public static let causeCode = ErrorCauseCode.cookieReceivedWhileShuttingDown
    public static let name = "Cookie Received While Shutting Down"
    public static let valueLength = TLVValueLength.exactly(0)
    public static let fieldSchema = FieldRecordSchema(
        kind: "cookie-received-while-shutting-down",
        summary: "Cookie Received While Shutting Down cause (code 10)", reference: "RFC 9260 §3.3.10.10",
        fields: [])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {}

    public func encodeValue(into writer: inout ByteWriter) {}

    public var errorCause: ErrorCause { .cookieReceivedWhileShuttingDown(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind)
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        _ = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init()
    }
}
