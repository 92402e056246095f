/// Add Incoming Streams Request parameter, type 18 (RFC 6525 §4.6): in a RE-CONFIG, asks the peer to
/// add streams it sends on.
///
///     type = 18 (16) | length = 12 (16) | request sequence number (32) | number of new streams (16)
///     | reserved (16)
public struct AddIncomingStreamsRequestParameter: ParameterBody {
    /// The Re-configuration Request Sequence Number of this request.
    public var requestSequenceNumber: UInt32
    /// How many streams to add.
    public var newStreams: UInt16
    /// The reserved field as sent (zero from a conforming sender; kept so decoding never alters bytes).
    public var reserved: UInt16

    public init(requestSequenceNumber: UInt32, newStreams: UInt16, reserved: UInt16 = 0) {
        self.requestSequenceNumber = requestSequenceNumber
        self.newStreams = newStreams
        self.reserved = reserved
    }

    public static let parameterType = ParameterType.addIncomingStreamsRequest
    public static let name = "Add Incoming Streams Request"
    public static let valueLength = TLVValueLength.exactly(8)
    public static let fieldSchema = FieldRecordSchema(
        kind: "add-incoming-streams-request", summary: "Add Incoming Streams Request parameter (type 18)",
        reference: "RFC 6525 §4.6",
        fields: [
            .init("request_sequence_number", .unsigned(bits: 32), "Re-configuration Request Sequence Number"),
            .init("new_streams", .unsigned(bits: 16), "Number of new streams"),
            .init("reserved", .unsigned(bits: 16), optional: true, "Reserved field (default 0; shown when not 0)"),
        ])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.requestSequenceNumber = try reader.readUInt32()
        self.newStreams = try reader.readUInt16()
        self.reserved = try reader.readUInt16()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.requestSequenceNumber)
        writer.writeUInt16(self.newStreams)
        writer.writeUInt16(self.reserved)
    }

    public var parameter: Parameter { .addIncomingStreamsRequest(self) }

    public var fieldRecord: FieldRecord {
        var record = FieldRecord(
            kind: Self.kind,
            fields: [
                .init("request_sequence_number", .unsigned(UInt64(self.requestSequenceNumber))),
                .init("new_streams", .unsigned(UInt64(self.newStreams))),
            ])
        if self.reserved != 0 {
            record.fields.append(.init("reserved", .unsigned(UInt64(self.reserved))))
        }
        return record
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            requestSequenceNumber: try fields.unsigned("request_sequence_number"),
            newStreams: try fields.unsigned("new_streams"),
            reserved: try fields.unsigned("reserved", default: 0))
    }
}
