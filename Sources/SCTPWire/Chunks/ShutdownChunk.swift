/// SHUTDOWN, Shutdown Association (RFC 9260 §3.3.8).
///
/// ```
///  type 7 | flags (reserved) | length = 8
///  cumulative_tsn_ack (32)
/// ```
public struct ShutdownChunk: ChunkBody {
    public static let chunkType = ChunkType.shutdown
    public static let minimumValueLength = 4

    /// The flags byte (all bits reserved).
    public var flags: ReservedChunkFlags
    /// Cumulative TSN ack: the last TSN received in sequence.
    public var cumulativeTSNAck: UInt32

    public init(flags: ReservedChunkFlags = [], cumulativeTSNAck: UInt32) {
        self.flags = flags
        self.cumulativeTSNAck = cumulativeTSNAck
    }

    public init(flags: ReservedChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.flags = flags
        self.cumulativeTSNAck = try reader.readUInt32()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.cumulativeTSNAck)
    }

    public var chunk: Chunk { .shutdown(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "shutdown", summary: "SHUTDOWN, Shutdown Association (type 7)", reference: "RFC 9260 §3.3.8",
        fields: ReservedChunkFlags.schemaFields + [
            .init("cumulative_tsn_ack", .unsigned(bits: 32), "Cumulative TSN ack: the last TSN received in sequence.")
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: self.flags.fieldRecordFields + [.unsigned("cumulative_tsn_ack", self.cumulativeTSNAck)])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            flags: try ReservedChunkFlags(fields: fields), cumulativeTSNAck: try fields.unsigned("cumulative_tsn_ack"))
    }
}
