/// Incoming SSN Reset Request parameter, type 14 (RFC 6525 §4.2): in a RE-CONFIG, asks the peer to
/// reset the sequence numbers of these streams it sends on (all of them when the list is empty).
///
///     type = 14 (16) | length (16) | request sequence number (32) | stream number (16) ...
public struct IncomingSSNResetRequestParameter: ParameterBody {
    /// The Re-configuration Request Sequence Number of this request.
    public var requestSequenceNumber: UInt32
    /// The streams to reset; empty means all.
    public var streamIdentifiers: [UInt16]

    public init(requestSequenceNumber: UInt32, streamIdentifiers: [UInt16] = []) {
        self.requestSequenceNumber = requestSequenceNumber
        self.streamIdentifiers = streamIdentifiers
    }

    public static let parameterType = ParameterType.incomingSSNResetRequest
    public static let name = "Incoming SSN Reset Request"
    public static let valueLength = TLVValueLength.atLeast(4, unit: 2)
    public static let fieldSchema = FieldRecordSchema(
        kind: "incoming-ssn-reset-request", summary: "Incoming SSN Reset Request parameter (type 14)",
        reference: "RFC 6525 §4.2",
        fields: [
            .init("request_sequence_number", .unsigned(bits: 32), "Re-configuration Request Sequence Number"),
            .init("stream_ids", .list(of: .unsigned(bits: 16)), optional: true, "Streams to reset (default []: all)"),
        ])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.requestSequenceNumber = try reader.readUInt32()
        self.streamIdentifiers = try StreamListCoding.decode(from: &reader)
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.requestSequenceNumber)
        StreamListCoding.encode(self.streamIdentifiers, into: &writer)
    }

    public var parameter: Parameter { .incomingSSNResetRequest(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: [
                .init("request_sequence_number", .unsigned(UInt64(self.requestSequenceNumber))),
                .init("stream_ids", StreamListCoding.fieldValue(self.streamIdentifiers)),
            ])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            requestSequenceNumber: try fields.unsigned("request_sequence_number"),
            streamIdentifiers: fieldRecord["stream_ids"] == nil ? [] : try fields.unsignedList("stream_ids"))
    }
}
