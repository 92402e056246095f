/// Unrecognized Parameters cause, code 8 (RFC 9260 §3.3.10.8): the sender did not recognize these
/// parameters of an INIT ACK (or other chunk) whose types asked to be reported (RFC 9260 §3.2.1).
///
///     code = 8 (16) | length (16) | the unrecognized parameters: type, length, value (and padding) ...
///
/// The parameters are kept as the exact bytes sent (Linux pads each one, others may not);
/// `reportedParameters` is the typed view.
public struct UnrecognizedParametersCause: ErrorCauseBody {
    /// The reported parameters as sent.
    public var reportedBytes: [UInt8]

    /// A cause echoing exactly these bytes.
    public init(reportedBytes: [UInt8]) {
        self.reportedBytes = reportedBytes
    }

    /// A cause echoing `parameters`, each copied with its padding.
    public init(reporting parameters: [Parameter]) {
        self.reportedBytes = EchoedParameterCoding.bytes(of: parameters, padded: true)
    }

    /// The echoed bytes as parameters, or nil when they are not a sequence of whole parameters.
    public var reportedParameters: [Parameter]? {
        try? EchoedParameterCoding.decodeList(self.reportedBytes, context: "unrecognized-parameters error cause")
    }

    public static let causeCode = ErrorCauseCode.unrecognizedParameters
    public static let name = "Unrecognized Parameters"
    public static let valueLength = TLVValueLength.any
    public static let fieldSchema = FieldRecordSchema(
        kind: "unrecognized-parameters", summary: "Unrecognized Parameters cause (code 8)",
        reference: "RFC 9260 §3.3.10.8",
        fields: [
            .init(
                "parameters", .either(.list(of: .record(of: "parameter")), .bytes),
                "The reported parameters: parameter records (each sent padded), or their exact bytes")
        ])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.reportedBytes = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.reportedBytes)
    }

    public var errorCause: ErrorCause { .unrecognizedParameters(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: [.init("parameters", EchoedParameterCoding.listFieldValue(self.reportedBytes, padded: true))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(reportedBytes: try EchoedParameterCoding.readList(fields, "parameters", padded: true))
    }
}
