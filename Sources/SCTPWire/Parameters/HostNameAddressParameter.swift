/// Host Name Address parameter, type 11 (RFC 9260 §3.3.2.1, use deprecated): a host name for the
/// receiver to resolve, in INIT and INIT ACK, sent with at least one NUL terminator in its length.
///
///     type = 11 (16) | length (16) | host name, NUL-terminated (variable)
///
/// The value is kept as sent (the terminator, any extra bytes after it, any encoding), so that it
/// survives decode and encode; `hostName` is the text before the first NUL.
public struct HostNameAddressParameter: ParameterBody {
    /// The value as sent, terminator included.
    public var value: [UInt8]

    /// A parameter carrying exactly these value bytes.
    public init(value: [UInt8]) {
        self.value = value
    }

    /// A parameter carrying `hostName` in UTF-8 followed by one NUL terminator.
    public init(hostName: String) {
        self.value = Array(hostName.utf8) + [0]
    }

    /// The name: the bytes before the first NUL, as UTF-8 (invalid sequences replaced).
    public var hostName: String {
        String(decoding: self.value.prefix(while: { $0 != 0 }), as: UTF8.self)
    }

    /// Whether the value is exactly `hostName` with one terminator (the form RFC 9260 describes).
    public var isCanonical: Bool {
        Array(self.hostName.utf8) + [0] == self.value
    }

    public static let parameterType = ParameterType.hostNameAddress
    public static let name = "Host Name Address"
    public static let valueLength = TLVValueLength.any
    public static let fieldSchema = FieldRecordSchema(
        kind: "host-name-address", summary: "Host Name Address parameter (type 11)", reference: "RFC 9260 §3.3.2.1",
        fields: [
            .init("host_name", .text(format: "host name"), optional: true, "The name, sent with one NUL terminator"),
            .init(
                "value", .bytes, optional: true,
                "Instead of host_name: the exact value bytes (no terminator, extra bytes, other encodings)"),
        ])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.value = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.value)
    }

    public var parameter: Parameter { .hostNameAddress(self) }

    /// `host_name` when the value is canonical, otherwise `value`.
    public var fieldRecord: FieldRecord {
        let field: FieldRecord.Field =
            self.isCanonical ? .init("host_name", .text(self.hostName)) : .init("value", .bytes(self.value))
        return FieldRecord(kind: Self.kind, fields: [field])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        switch (fieldRecord["host_name"], fieldRecord["value"]) {
        case (.some, .some):
            throw FieldRecordError(path: "value", reason: "give either host_name or value, not both")
        case (.some, .none):
            self.init(hostName: try fields.text("host_name"))
        case (.none, .some):
            self.init(value: try fields.bytes("value"))
        case (.none, .none):
            throw FieldRecordError(path: "host_name", reason: "missing field 'host_name' of 'host-name-address'")
        }
    }
}
