/// State Cookie parameter, type 7 (RFC 9260 §3.3.3.1): in an INIT ACK, the state the sender needs to
/// rebuild the association; the peer returns it in COOKIE ECHO (RFC 9260 §3.3.11).
///
///     type = 7 (16) | length (16) | cookie (variable)
public struct StateCookieParameter: ParameterBody {
    /// The cookie, opaque to the receiver.
    public var cookie: [UInt8]

    public init(cookie: [UInt8]) {
        self.cookie = cookie
    }

    public static let parameterType = ParameterType.stateCookie
    public static let name = "State Cookie"
    public static let valueLength = TLVValueLength.any
    public static let fieldSchema = FieldRecordSchema(
        kind: "state-cookie", summary: "State Cookie parameter (type 7)", reference: "RFC 9260 §3.3.3.1",
        fields: [.init("cookie", .bytes, "Opaque cookie bytes")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.cookie = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.cookie)
    }

    public var parameter: Parameter { .stateCookie(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: [.init("cookie", .bytes(self.cookie))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(cookie: try fields.bytes("cookie"))
    }
}
