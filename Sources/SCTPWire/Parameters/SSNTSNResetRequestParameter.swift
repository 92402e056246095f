/// SSN/TSN Reset Request parameter, type 15 (RFC 6525 §4.3): in a RE-CONFIG, asks to reset all stream
/// sequence numbers and the TSN.
///
///     type = 15 (16) | length = 8 (16) | re-configuration request sequence number (32)
public struct SSNTSNResetRequestParameter: ParameterBody {
    /// The Re-configuration Request Sequence Number.
    public var requestSequenceNumber: UInt32

    public init(requestSequenceNumber: UInt32) {
        self.requestSequenceNumber = requestSequenceNumber
    }

    public static let parameterType = ParameterType.ssnTSNResetRequest
    public static let name = "SSN/TSN Reset Request"
    public static let valueLength = TLVValueLength.exactly(4)
    public static let fieldSchema = FieldRecordSchema(
        kind: "ssn-tsn-reset-request", summary: "SSN/TSN Reset Request parameter (type 15)", reference: "RFC 6525 §4.3",
        fields: [.init("request_sequence_number", .unsigned(bits: 32), "Re-configuration Request Sequence Number")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.requestSequenceNumber = try reader.readUInt32()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.requestSequenceNumber)
    }

    public var parameter: Parameter { .ssnTSNResetRequest(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind, fields: [.init("request_sequence_number", .unsigned(UInt64(self.requestSequenceNumber)))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(requestSequenceNumber: try fields.unsigned("request_sequence_number"))
    }
}
