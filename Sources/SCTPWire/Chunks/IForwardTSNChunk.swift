/// I-FORWARD-TSN, Interleaved Forward Cumulative TSN (RFC 8260 §2.3.1, figure "I-FORWARD-TSN chunk").
///
/// ```
///  type 194 | flags (reserved) | length
///  new cumulative TSN (32)
///  N × (stream identifier (16) | reserved (15) |U| (16) | message identifier (32))
/// ```
public struct IForwardTSNChunk: ChunkBody {
    /// One skipped stream: the largest message identifier skipped on it, ordered or unordered.
    public struct SkippedStream: Hashable, Sendable, FieldRecordConvertible {
        /// Stream identifier.
        public var streamID: UInt16
        /// The 16 bits holding the reserved bits and the U bit (lowest bit), kept as received.
        public var flags: UInt16
        /// The largest message identifier skipped.
        public var messageID: UInt32

        public init(streamID: UInt16, flags: UInt16 = 0, messageID: UInt32) {
            self.streamID = streamID
            self.flags = flags
            self.messageID = messageID
        }

        public init(streamID: UInt16, unordered: Bool, messageID: UInt32) {
            self.init(streamID: streamID, flags: unordered ? Self.unorderedBit : 0, messageID: messageID)
        }

        /// The U bit in `flags`.
        public static let unorderedBit: UInt16 = 0x0001

        /// U bit: the skipped message was unordered.
        public var isUnordered: Bool {
            get { self.flags & Self.unorderedBit != 0 }
            set { self.flags = newValue ? self.flags | Self.unorderedBit : self.flags & ~Self.unorderedBit }
        }

        public static let fieldSchema = FieldRecordSchema(
            kind: "i-forward-tsn-stream", summary: "A stream skipped by I-FORWARD-TSN", reference: "RFC 8260 §2.3.1",
            fields: [
                .init("stream_id", .unsigned(bits: 16), "Stream identifier"),
                .init("flags", .unsigned(bits: 16), optional: true, "Reserved bits and U bit (default 0)"),
                .init("unordered", .flag, optional: true, "U bit: the skipped message was unordered"),
                .init("message_id", .unsigned(bits: 32), "Largest message identifier (MID) skipped"),
            ])

        public var fieldRecord: FieldRecord {
            FieldRecord(
                kind: Self.fieldSchema.kind,
                fields: [
                    .unsigned("stream_id", self.streamID), .unsigned("flags", self.flags),
                    FieldRecord.Field("unordered", .flag(self.isUnordered)), .unsigned("message_id", self.messageID),
                ])
        }

        public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
            let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
            self.init(
                streamID: try fields.unsigned("stream_id"), flags: try fields.unsigned("flags", default: 0),
                messageID: try fields.unsigned("message_id"))
            if let unordered = try fields.optionalFlag("unordered") {
                self.isUnordered = unordered
            }
        }
    }

    public static let chunkType = ChunkType.iForwardTSN
    public static let minimumValueLength = 4

    /// The flags byte (all bits reserved).
    public var flags: ReservedChunkFlags
    /// New cumulative TSN.
    public var newCumulativeTSN: UInt32
    /// The skipped streams, in wire order.
    public var streams: [SkippedStream]

    public init(flags: ReservedChunkFlags = [], newCumulativeTSN: UInt32, streams: [SkippedStream] = []) {
        self.flags = flags
        self.newCumulativeTSN = newCumulativeTSN
        self.streams = streams
    }

    public init(flags: ReservedChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        let valueStart = reader.offset
        self.flags = flags
        self.newCumulativeTSN = try reader.readUInt32()
        if reader.remaining % 8 != 0 {
            throw reader.error(
                .lengthNotMultiple(declared: reader.declaredChunkLength(valueStart: valueStart), of: 8),
                at: valueStart - 2)
        }
        var streams: [SkippedStream] = []
        streams.reserveCapacity(reader.remaining / 8)
        while !reader.isAtEnd {
            streams.append(
                SkippedStream(
                    streamID: try reader.readUInt16(), flags: try reader.readUInt16(),
                    messageID: try reader.readUInt32()))
        }
        self.streams = streams
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.newCumulativeTSN)
        for stream in self.streams {
            writer.writeUInt16(stream.streamID)
            writer.writeUInt16(stream.flags)
            writer.writeUInt32(stream.messageID)
        }
    }

    public var chunk: Chunk { .iForwardTSN(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "i-forward-tsn", summary: "Interleaved Forward Cumulative TSN (type 194)", reference: "RFC 8260 §2.3.1",
        fields: ReservedChunkFlags.schemaFields + [
            .init("new_cumulative_tsn", .unsigned(bits: 32), "New cumulative TSN"),
            .init(
                "streams", .list(of: .record(of: "i-forward-tsn-stream")), optional: true,
                "Skipped streams {stream_id, unordered, message_id} (default none)"),
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: self.flags.fieldRecordFields + [
                .unsigned("new_cumulative_tsn", self.newCumulativeTSN), .records("streams", self.streams),
            ])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            flags: try ReservedChunkFlags(fields: fields), newCumulativeTSN: try fields.unsigned("new_cumulative_tsn"),
            streams: try fields.optionalNestedList("streams") { (record) throws(FieldRecordError) in
                try SkippedStream(fieldRecord: record)
            })
    }
}
