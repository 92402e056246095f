/// IPv4 Address parameter, type 5 (RFC 9260 §3.3.2.1): one IPv4 address of the sender, in INIT and
/// INIT ACK, and nested in ASCONF parameters (RFC 5061 §4.2).
///
///     type = 5 (16) | length = 8 (16) | IPv4 address (32)
public struct IPv4AddressParameter: ParameterBody {
    /// The address.
    public var address: IPv4AddressValue

    public init(address: IPv4AddressValue) {
        self.address = address
    }

    public static let parameterType = ParameterType.ipv4Address
    public static let name = "IPv4 Address"
    public static let valueLength = TLVValueLength.exactly(4)
    public static let fieldSchema = FieldRecordSchema(
        kind: "ipv4-address", summary: "IPv4 Address parameter (type 5)", reference: "RFC 9260 §3.3.2.1",
        fields: [.init("address", .text(format: "dotted IPv4 address"), "The address, e.g. 198.18.0.1")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.address = IPv4AddressValue(rawValue: try reader.readUInt32())
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.address.rawValue)
    }

    public var parameter: Parameter { .ipv4Address(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: [.init("address", .text(self.address.description))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        let text = try fields.text("address")
        guard let address = IPv4AddressValue(text) else {
            throw FieldRecordError(path: "address", reason: "'\(text)' is not a dotted IPv4 address")
        }
        self.init(address: address)
    }
}
