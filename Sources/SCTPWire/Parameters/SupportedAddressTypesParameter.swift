/// Supported Address Types parameter, type 12 (RFC 9260 §3.3.2.1): in an INIT, the address parameter
/// types the sender can use (5 IPv4, 6 IPv6, 11 Host Name).
///
///     type = 12 (16) | length (16) | address type (16) ...
public struct SupportedAddressTypesParameter: ParameterBody {
    /// The address parameter types, in wire order.
    public var addressTypes: [UInt16]

    public init(addressTypes: [UInt16]) {
        self.addressTypes = addressTypes
    }

    public static let parameterType = ParameterType.supportedAddressTypes
    public static let name = "Supported Address Types"
    public static let valueLength = TLVValueLength.atLeast(0, unit: 2)
    public static let fieldSchema = FieldRecordSchema(
        kind: "supported-address-types", summary: "Supported Address Types parameter (type 12)",
        reference: "RFC 9260 §3.3.2.1",
        fields: [.init("types", .list(of: .unsigned(bits: 16)), "Address parameter types, e.g. [5, 6]")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        var addressTypes: [UInt16] = []
        while !reader.isAtEnd {
            addressTypes.append(try reader.readUInt16())
        }
        self.addressTypes = addressTypes
    }

    public func encodeValue(into writer: inout ByteWriter) {
        for item in self.addressTypes {
            writer.writeUInt16(item)
        }
    }

    public var parameter: Parameter { .supportedAddressTypes(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: [.init("types", .list(self.addressTypes.map { .unsigned(UInt64($0)) }))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(addressTypes: try fields.unsignedList("types"))
    }
}
