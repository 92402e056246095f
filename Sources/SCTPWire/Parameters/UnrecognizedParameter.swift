/// Unrecognized Parameter parameter, type 8 (RFC 9260 §3.3.3.1): in an INIT ACK, one parameter of
/// the INIT that the sender did not recognize and was asked to report (RFC 9260 §3.2.1).
///
///     type = 8 (16) | length (16) | the unrecognized parameter: type, length, value (and padding)
///
/// The reported parameter is kept as the exact bytes sent, since implementations differ on whether
/// its padding is included and a report may hold anything; `reportedParameter` is the typed view.
public struct UnrecognizedParameter: ParameterBody {
    /// The reported parameter as sent: its header, value and whatever padding the sender copied.
    public var reportedBytes: [UInt8]

    /// A report of exactly these bytes.
    public init(reportedBytes: [UInt8]) {
        self.reportedBytes = reportedBytes
    }

    /// A report of `parameter`, copied with its padding (as Linux and FreeBSD send it).
    public init(reporting parameter: Parameter) {
        self.reportedBytes = EchoedParameterCoding.bytes(of: [parameter], padded: true)
    }

    /// The reported bytes decoded as one parameter, or nil when they are not exactly one parameter
    /// (optionally followed by its padding).
    public var reportedParameter: Parameter? {
        try? self.decodeReportedParameter()
    }

    /// The reported bytes decoded as one parameter; error offsets count from the first reported byte.
    public func decodeReportedParameter() throws(WireDecodingError) -> Parameter {
        try EchoedParameterCoding.decodeOne(self.reportedBytes, context: "unrecognized-parameter parameter")
    }

    public static let parameterType = ParameterType.unrecognizedParameter
    public static let name = "Unrecognized Parameter"
    public static let valueLength = TLVValueLength.any
    public static let fieldSchema = FieldRecordSchema(
        kind: "unrecognized-parameter", summary: "Unrecognized Parameter parameter (type 8)",
        reference: "RFC 9260 §3.3.3.1",
        fields: [
            .init(
                "parameter", .either(.record(of: "parameter"), .bytes),
                "The reported parameter: a parameter record (sent with its padding), or its exact bytes")
        ])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.reportedBytes = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.reportedBytes)
    }

    public var parameter: Parameter { .unrecognizedParameter(self) }

    /// The reported parameter as a record when its bytes are exactly what that record encodes to,
    /// otherwise as bytes, so that the record always rebuilds the same bytes.
    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: [.init("parameter", EchoedParameterCoding.singleFieldValue(self.reportedBytes, padded: true))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(reportedBytes: try EchoedParameterCoding.readSingle(fields, "parameter", padded: true))
    }
}
