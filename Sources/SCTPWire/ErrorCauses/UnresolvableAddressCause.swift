/// Unresolvable Address cause, code 5 (RFC 9260 §3.3.10.5): the sender could not
/// resolve an address parameter (often a Host Name Address) of the peer.
///
///     code = 5 (16) | length (16) | unresolvable address parameter (TLV)
///
/// The echoed parameter is kept as the exact bytes sent; `unresolvableAddress` is the typed view.
public struct UnresolvableAddressCause: ErrorCauseBody {
    /// The echoed parameter as sent (header, value and any padding the sender included).
    public var addressBytes: [UInt8]

    /// A cause echoing exactly these bytes.
    public init(addressBytes: [UInt8]) {
        self.addressBytes = addressBytes
    }

    /// A cause echoing `parameter`, copied without padding (the cause's own padding follows).
    public init(reporting parameter: Parameter) {
        self.addressBytes = EchoedParameterCoding.bytes(of: [parameter], padded: false)
    }

    /// The echoed bytes as one parameter, or nil when they are not exactly one parameter.
    public var unresolvableAddress: Parameter? {
        try? EchoedParameterCoding.decodeOne(self.addressBytes, context: "unresolvable-address error cause")
    }

    public static let causeCode = ErrorCauseCode.unresolvableAddress
    public static let name = "Unresolvable Address"
    public static let valueLength = TLVValueLength.any
    public static let fieldSchema = FieldRecordSchema(
        kind: "unresolvable-address", summary: "Unresolvable Address cause (code 5)", reference: "RFC 9260 §3.3.10.5",
        fields: [
            .init(
                "address", .either(.record(of: "parameter"), .bytes),
                "The address parameter that could not be resolved: a parameter record, or its exact bytes")
        ])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.addressBytes = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.addressBytes)
    }

    public var errorCause: ErrorCause { .unresolvableAddress(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: [.init("address", EchoedParameterCoding.singleFieldValue(self.addressBytes, padded: false))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(addressBytes: try EchoedParameterCoding.readSingle(fields, "address", padded: false))
    }
}
