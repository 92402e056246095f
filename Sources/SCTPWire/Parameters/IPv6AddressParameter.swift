/// IPv6 Address parameter, type 6 (RFC 9260 §3.3.2.1): one IPv6 address of the sender, in INIT and
/// INIT ACK, and nested in ASCONF parameters (RFC 5061 §4.2).
///
///     type = 6 (16) | length = 20 (16) | IPv6 address (128)
public struct IPv6AddressParameter: ParameterBody {
    /// The address.
    public var address: IPv6AddressValue

    public init(address: IPv6AddressValue) {
        self.address = address
    }

    public static let parameterType = ParameterType.ipv6Address
    public static let name = "IPv6 Address"
    public static let valueLength = TLVValueLength.exactly(16)
    public static let fieldSchema = FieldRecordSchema(
        kind: "ipv6-address", summary: "IPv6 Address parameter (type 6)", reference: "RFC 9260 §3.3.2.1",
        fields: [.init("address", .text(format: "IPv6 address"), "The address, e.g. 2001:db8::1")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        let high = try reader.readUInt64()
        let low = try reader.readUInt64()
        self.address = IPv6AddressValue(high: high, low: low)
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt64(self.address.high)
        writer.writeUInt64(self.address.low)
    }

    public var parameter: Parameter { .ipv6Address(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: [.init("address", .text(self.address.description))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        let text = try fields.text("address")
        guard let address = IPv6AddressValue(text) else {
            throw FieldRecordError(path: "address", reason: "'\(text)' is not an IPv6 address")
        }
        self.init(address: address)
    }
}
