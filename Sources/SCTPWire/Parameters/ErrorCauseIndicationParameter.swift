/// Error Cause Indication parameter, type 0xC003 (RFC 5061 §4.2.3): in an ASCONF-ACK, reports why
/// the request with this correlation ID failed, as one or more error causes.
///
///     type = 0xC003 (16) | length (16) | ASCONF-Request Correlation ID (32) | error causes (TLVs)
public struct ErrorCauseIndicationParameter: ParameterBody, TLVContainer {
    /// The ASCONF-Request Correlation ID of the request that failed.
    public var correlationID: UInt32
    /// Why it failed.
    public var causes: [ErrorCause]

    public init(correlationID: UInt32, causes: [ErrorCause]) {
        self.correlationID = correlationID
        self.causes = causes
    }

    public static let parameterType = ParameterType.errorCauseIndication
    public static let name = "Error Cause Indication"
    public static let valueLength = TLVValueLength.atLeast(4, unit: 1)
    public static let fieldSchema = FieldRecordSchema(
        kind: "error-cause-indication", summary: "Error Cause Indication parameter (type 0xC003)",
        reference: "RFC 5061 §4.2.3",
        fields: [
            .init("correlation_id", .unsigned(bits: 32), "ASCONF-Request Correlation ID of the failed request"),
            .init("causes", .list(of: .record(of: "error-cause")), "The error causes"),
        ])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.correlationID = try reader.readUInt32()
        self.causes = try ErrorCause.decodeList(from: &reader)
    }

    /// Writes the correlation ID and the causes, the last one unpadded (RFC 9260 §3.2).
    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.correlationID)
        ErrorCause.encodeList(self.causes, into: &writer)
    }

    public var parameter: Parameter { .errorCauseIndication(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: [
                .init("correlation_id", .unsigned(UInt64(self.correlationID))),
                .init("causes", .list(self.causes.map { .record($0.fieldRecord) })),
            ])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            correlationID: try fields.unsigned("correlation_id"),
            causes: try fields.nestedList("causes") { record throws(FieldRecordError) in
                try ErrorCause(fieldRecord: record)
            })
    }
}
