/// Success Indication parameter, type 0xC005 (RFC 5061 §4.2.5): in an ASCONF-ACK, reports that the
/// request with this correlation ID succeeded.
///
///     type = 0xC005 (16) | length = 8 (16) | ASCONF-Request Correlation ID (32)
public struct SuccessIndicationParameter: ParameterBody {
    /// The ASCONF-Request Correlation ID of the request that succeeded.
    public var correlationID: UInt32

    public init(correlationID: UInt32) {
        self.correlationID = correlationID
    }

    public static let parameterType = ParameterType.successIndication
    public static let name = "Success Indication"
    public static let valueLength = TLVValueLength.exactly(4)
    public static let fieldSchema = FieldRecordSchema(
        kind: "success-indication", summary: "Success Indication parameter (type 0xC005)", reference: "RFC 5061 §4.2.5",
        fields: [.init("correlation_id", .unsigned(bits: 32), "ASCONF-Request Correlation ID")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.correlationID = try reader.readUInt32()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.correlationID)
    }

    public var parameter: Parameter { .successIndication(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: [.init("correlation_id", .unsigned(UInt64(self.correlationID)))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(correlationID: try fields.unsigned("correlation_id"))
    }
}
