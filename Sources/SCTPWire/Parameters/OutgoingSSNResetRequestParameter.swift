/// Outgoing SSN Reset Request parameter, type 13 (RFC 6525 §4.1): in a RE-CONFIG, announces that the
/// sender resets the sequence numbers of these outgoing streams (all of them when the list is empty).
///
///     type = 13 (16) | length (16) | request sequence number (32) | response sequence number (32)
///     | sender's last assigned TSN (32) | stream number (16) ...
public struct OutgoingSSNResetRequestParameter: ParameterBody {
    /// The Re-configuration Request Sequence Number of this request.
    public var requestSequenceNumber: UInt32
    /// The Re-configuration Response Sequence Number this request answers (for a peer's incoming request).
    public var responseSequenceNumber: UInt32
    /// The sender's last assigned TSN.
    public var lastAssignedTSN: UInt32
    /// The streams to reset; empty means all.
    public var streamIdentifiers: [UInt16]

    public init(
        requestSequenceNumber: UInt32, responseSequenceNumber: UInt32, lastAssignedTSN: UInt32,
        streamIdentifiers: [UInt16] = []
    ) {
        self.requestSequenceNumber = requestSequenceNumber
        self.responseSequenceNumber = responseSequenceNumber
        self.lastAssignedTSN = lastAssignedTSN
        self.streamIdentifiers = streamIdentifiers
    }

    public static let parameterType = ParameterType.outgoingSSNResetRequest
    public static let name = "Outgoing SSN Reset Request"
    public static let valueLength = TLVValueLength.atLeast(12, unit: 2)
    public static let fieldSchema = FieldRecordSchema(
        kind: "outgoing-ssn-reset-request", summary: "Outgoing SSN Reset Request parameter (type 13)",
        reference: "RFC 6525 §4.1",
        fields: [
            .init("request_sequence_number", .unsigned(bits: 32), "Re-configuration Request Sequence Number"),
            .init("response_sequence_number", .unsigned(bits: 32), "Re-configuration Response Sequence Number"),
            .init("last_assigned_tsn", .unsigned(bits: 32), "Sender's last assigned TSN"),
            .init("stream_ids", .list(of: .unsigned(bits: 16)), optional: true, "Streams to reset (default []: all)"),
        ])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.requestSequenceNumber = try reader.readUInt32()
        self.responseSequenceNumber = try reader.readUInt32()
        self.lastAssignedTSN = try reader.readUInt32()
        self.streamIdentifiers = try StreamListCoding.decode(from: &reader)
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.requestSequenceNumber)
        writer.writeUInt32(self.responseSequenceNumber)
        writer.writeUInt32(self.lastAssignedTSN)
        StreamListCoding.encode(self.streamIdentifiers, into: &writer)
    }

    public var parameter: Parameter { .outgoingSSNResetRequest(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: [
                .init("request_sequence_number", .unsigned(UInt64(self.requestSequenceNumber))),
                .init("response_sequence_number", .unsigned(UInt64(self.responseSequenceNumber))),
                .init("last_assigned_tsn", .unsigned(UInt64(self.lastAssignedTSN))),
                .init("stream_ids", StreamListCoding.fieldValue(self.streamIdentifiers)),
            ])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            requestSequenceNumber: try fields.unsigned("request_sequence_number"),
            responseSequenceNumber: try fields.unsigned("response_sequence_number"),
            lastAssignedTSN: try fields.unsigned("last_assigned_tsn"),
            streamIdentifiers: fieldRecord["stream_ids"] == nil ? [] : try fields.unsignedList("stream_ids"))
    }
}
