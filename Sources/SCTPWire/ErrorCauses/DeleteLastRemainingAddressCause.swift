/// Request to Delete Last Remaining IP Address cause, code 0x00A0 (RFC 5061 §4.3.1): in an ASCONF-ACK,
/// refuses a Delete IP Address that would remove the last address of the association.
///
///     code = 0x00A0 (16) | length (16) | the refused ASCONF parameter (TLV)
///
/// The echoed parameter is kept as the exact bytes sent; `refusedParameter` is the typed view.
public struct DeleteLastRemainingAddressCause: ErrorCauseBody {
    /// The echoed parameter as sent (header, value and any padding the sender included).
    public var parameterBytes: [UInt8]

    /// A cause echoing exactly these bytes.
    public init(parameterBytes: [UInt8]) {
        self.parameterBytes = parameterBytes
    }

    /// A cause echoing `parameter`, copied without padding (the cause's own padding follows).
    public init(refusing parameter: Parameter) {
        self.parameterBytes = EchoedParameterCoding.bytes(of: [parameter], padded: false)
    }

    /// The echoed bytes as one parameter, or nil when they are not exactly one parameter.
    public var refusedParameter: Parameter? {
        try? EchoedParameterCoding.decodeOne(self.parameterBytes, context: "delete-last-remaining-address error cause")
    }

    public static let causeCode = ErrorCauseCode.deleteLastRemainingAddress
    public static let name = "Request to Delete Last Remaining IP Address"
    public static let valueLength = TLVValueLength.any
    public static let fieldSchema = FieldRecordSchema(
        kind: "delete-last-remaining-address",
        summary: "Request to Delete Last Remaining IP Address cause (code 0x00A0)", reference: "RFC 5061 §4.3.1",
        fields: [
            .init(
                "parameter", .either(.record(of: "parameter"), .bytes),
                "The refused ASCONF parameter: a parameter record, or its exact bytes")
        ])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.parameterBytes = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.parameterBytes)
    }

    public var errorCause: ErrorCause { .deleteLastRemainingAddress(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: [.init("parameter", EchoedParameterCoding.singleFieldValue(self.parameterBytes, padded: false))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(parameterBytes: try EchoedParameterCoding.readSingle(fields, "parameter", padded: false))
    }
}
