/// Re-configuration Response parameter, type 16 (RFC 6525 §4.4): in a RE-CONFIG, the answer to a
/// request; an answer to an SSN/TSN Reset Request also carries the next TSNs of both sides.
///
///     type = 16 (16) | length = 12 or 20 (16) | response sequence number (32) | result (32)
///     [| sender's next TSN (32) | receiver's next TSN (32)]
public struct ReconfigurationResponseParameter: ParameterBody {
    /// The two optional TSN fields, present together or not at all.
    public struct NextTSNs: Hashable, Sendable {
        /// The Sender's Next TSN.
        public var sender: UInt32
        /// The Receiver's Next TSN.
        public var receiver: UInt32

        public init(sender: UInt32, receiver: UInt32) {
            self.sender = sender
            self.receiver = receiver
        }
    }

    /// The Re-configuration Response Sequence Number: the request sequence number answered.
    public var responseSequenceNumber: UInt32
    /// The result.
    public var result: ReconfigurationResult
    /// The next TSNs, when present.
    public var nextTSNs: NextTSNs?

    public init(responseSequenceNumber: UInt32, result: ReconfigurationResult, nextTSNs: NextTSNs? = nil) {
        self.responseSequenceNumber = responseSequenceNumber
        self.result = result
        self.nextTSNs = nextTSNs
    }

    public static let parameterType = ParameterType.reconfigurationResponse
    public static let name = "Re-configuration Response"
    public static let valueLength = TLVValueLength.oneOf([8, 16])
    public static let fieldSchema = FieldRecordSchema(
        kind: "reconfiguration-response", summary: "Re-configuration Response parameter (type 16)",
        reference: "RFC 6525 §4.4",
        fields: [
            .init("response_sequence_number", .unsigned(bits: 32), "Re-configuration Response Sequence Number"),
            .init(
                "result", .unsigned(bits: 32),
                "Result (0 nothing to do, 1 performed, 2 denied, 3-5 errors, 6 in progress)"),
            .init("sender_next_tsn", .unsigned(bits: 32), optional: true, "Sender's Next TSN (with receiver_next_tsn)"),
            .init(
                "receiver_next_tsn", .unsigned(bits: 32), optional: true, "Receiver's Next TSN (with sender_next_tsn)"),
        ])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.responseSequenceNumber = try reader.readUInt32()
        self.result = ReconfigurationResult(rawValue: try reader.readUInt32())
        if reader.isAtEnd {
            self.nextTSNs = nil
        } else {
            let sender = try reader.readUInt32()
            self.nextTSNs = NextTSNs(sender: sender, receiver: try reader.readUInt32())
        }
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.responseSequenceNumber)
        writer.writeUInt32(self.result.rawValue)
        if let nextTSNs = self.nextTSNs {
            writer.writeUInt32(nextTSNs.sender)
            writer.writeUInt32(nextTSNs.receiver)
        }
    }

    public var parameter: Parameter { .reconfigurationResponse(self) }

    public var fieldRecord: FieldRecord {
        var record = FieldRecord(
            kind: Self.kind,
            fields: [
                .init("response_sequence_number", .unsigned(UInt64(self.responseSequenceNumber))),
                .init("result", .unsigned(UInt64(self.result.rawValue))),
            ])
        if let nextTSNs = self.nextTSNs {
            record.fields.append(.init("sender_next_tsn", .unsigned(UInt64(nextTSNs.sender))))
            record.fields.append(.init("receiver_next_tsn", .unsigned(UInt64(nextTSNs.receiver))))
        }
        return record
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        let sender: UInt32? = try fields.optionalUnsigned("sender_next_tsn")
        let receiver: UInt32? = try fields.optionalUnsigned("receiver_next_tsn")
        let nextTSNs: NextTSNs?
        switch (sender, receiver) {
        case (.some(let sender), .some(let receiver)): nextTSNs = NextTSNs(sender: sender, receiver: receiver)
        case (.none, .none): nextTSNs = nil
        case (.some, .none):
            throw FieldRecordError(path: "receiver_next_tsn", reason: "sender_next_tsn needs receiver_next_tsn too")
        case (.none, .some):
            throw FieldRecordError(path: "sender_next_tsn", reason: "receiver_next_tsn needs sender_next_tsn too")
        }
        self.init(
            responseSequenceNumber: try fields.unsigned("response_sequence_number"),
            result: ReconfigurationResult(rawValue: try fields.unsigned("result")),
            nextTSNs: nextTSNs)
    }
}
