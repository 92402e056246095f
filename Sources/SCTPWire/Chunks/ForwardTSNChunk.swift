/// FORWARD TSN, Forward Cumulative TSN (RFC 3758 §3.2, figure "Forward Cumulative TSN chunk").
///
/// ```
///  type 192 | flags (reserved) | length
///  new cumulative TSN (32)
///  N × (stream (16) | stream sequence (16))
/// ```
public struct ForwardTSNChunk: ChunkBody {
    /// One skipped stream: the largest stream sequence number being skipped in it.
    public struct SkippedStream: Hashable, Sendable, FieldRecordConvertible {
        /// Stream identifier.
        public var streamID: UInt16
        /// The largest stream sequence number skipped on that stream.
        public var streamSequence: UInt16

        public init(streamID: UInt16, streamSequence: UInt16) {
            self.streamID = streamID
            self.streamSequence = streamSequence
        }

        public static let fieldSchema = FieldRecordSchema(
            kind: "forward-tsn-stream", summary: "A stream skipped by FORWARD TSN", reference: "RFC 3758 §3.2",
            fields: [
                .init("stream_id", .unsigned(bits: 16), "Stream identifier"),
                .init("stream_seq", .unsigned(bits: 16), "Largest stream sequence number skipped"),
            ])

        public var fieldRecord: FieldRecord {
            FieldRecord(
                kind: Self.fieldSchema.kind,
                fields: [.unsigned("stream_id", self.streamID), .unsigned("stream_seq", self.streamSequence)])
        }

        public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
            let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
            self.init(streamID: try fields.unsigned("stream_id"), streamSequence: try fields.unsigned("stream_seq"))
        }
    }

    public static let chunkType = ChunkType.forwardTSN
    public static let minimumValueLength = 4

    /// The flags byte (all bits reserved).
    public var flags: ReservedChunkFlags
    /// New cumulative TSN: the receiver treats every TSN up to this one as received.
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
        if reader.remaining % 4 != 0 {
            throw reader.error(
                .lengthNotMultiple(declared: reader.declaredChunkLength(valueStart: valueStart), of: 4),
                at: valueStart - 2)
        }
        var streams: [SkippedStream] = []
        streams.reserveCapacity(reader.remaining / 4)
        while !reader.isAtEnd {
            streams.append(SkippedStream(streamID: try reader.readUInt16(), streamSequence: try reader.readUInt16()))
        }
        self.streams = streams
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.newCumulativeTSN)
        for stream in self.streams {
            writer.writeUInt16(stream.streamID)
            writer.writeUInt16(stream.streamSequence)
        }
    }

    public var chunk: Chunk { .forwardTSN(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "forward-tsn", summary: "Forward Cumulative TSN (type 192)", reference: "RFC 3758 §3.2",
        fields: ReservedChunkFlags.schemaFields + [
            .init("new_cumulative_tsn", .unsigned(bits: 32), "New cumulative TSN"),
            .init(
                "streams", .list(of: .record(of: "forward-tsn-stream")), optional: true,
                "Skipped streams {stream_id, stream_seq} (default none)"),
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
