/// Stale Cookie Error cause, code 3 (RFC 9260 §3.3.10.3): a COOKIE ECHO arrived with an expired cookie;
/// the value says by how long it had expired.
///
///     code = 3 (16) | length = 8 (16) | measure of staleness in microseconds (32)
public struct StaleCookieErrorCause: ErrorCauseBody {
    /// How long past its lifetime the cookie was, in microseconds.
    public var stalenessMicroseconds: UInt32

    public init(stalenessMicroseconds: UInt32) {
        self.stalenessMicroseconds = stalenessMicroseconds
    }

    public static let causeCode = ErrorCauseCode.staleCookieError
    public static let name = "Stale Cookie Error"
    public static let valueLength = TLVValueLength.exactly(4)
    public static let fieldSchema = FieldRecordSchema(
        kind: "stale-cookie-error", summary: "Stale Cookie Error cause (code 3)", reference: "RFC 9260 §3.3.10.3",
        fields: [.init("staleness_us", .unsigned(bits: 32), "Measure of staleness (microseconds)")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.stalenessMicroseconds = try reader.readUInt32()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.stalenessMicroseconds)
    }

    public var errorCause: ErrorCause { .staleCookieError(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: [.init("staleness_us", .unsigned(UInt64(self.stalenessMicroseconds)))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(stalenessMicroseconds: try fields.unsigned("staleness_us"))
    }
}
