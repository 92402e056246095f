/// Set Primary Address parameter, type 0xC004 (RFC 5061 §4.2.4): in an ASCONF
/// (or INIT ACK), asks the peer to use this address as its primary destination.
///
///     type = 0xC004 (16) | length (16) | ASCONF-Request Correlation ID (32) | address parameter (TLV)
public struct SetPrimaryAddressParameter: ParameterBody, TLVContainer {
    /// The ASCONF-Request Correlation ID the answer in the ASCONF-ACK refers to.
    public var correlationID: UInt32
    /// The address to make primary.
    public var address: Parameter

    public init(correlationID: UInt32, address: Parameter) {
        self.correlationID = correlationID
        self.address = address
    }

    public static let parameterType = ParameterType.setPrimaryAddress
    public static let name = "Set Primary Address"
    public static let valueLength = TLVValueLength.atLeast(8, unit: 1)
    public static let fieldSchema = FieldRecordSchema(
        kind: "set-primary-address", summary: "Set Primary Address parameter (type 0xC004)",
        reference: "RFC 5061 §4.2.4",
        fields: ASCONFAddressRequestCoding.fields)

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        (self.correlationID, self.address) = try ASCONFAddressRequestCoding.decode(from: &reader)
    }

    public func encodeValue(into writer: inout ByteWriter) {
        ASCONFAddressRequestCoding.encode(correlationID: self.correlationID, address: self.address, into: &writer)
    }

    public var parameter: Parameter { .setPrimaryAddress(self) }

    public var fieldRecord: FieldRecord {
        ASCONFAddressRequestCoding.record(kind: Self.kind, correlationID: self.correlationID, address: self.address)
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let (correlationID, address) = try ASCONFAddressRequestCoding.read(fieldRecord, schema: Self.fieldSchema)
        self.init(correlationID: correlationID, address: address)
    }
}
