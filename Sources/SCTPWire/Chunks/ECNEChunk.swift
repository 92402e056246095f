/// ECNE, Explicit Congestion Notification Echo (RFC 4960 Appendix A; the optional packet count is
/// from draft-stewart-tsvwg-sctpecn and is sent by FreeBSD and usrsctp).
///
/// ```
///  type 12 | flags (reserved) | length = 8 or 12
///  lowest TSN number (32)
///  [number of packets marked CE since the last CWR (32)]
/// ```
public struct ECNEChunk: ChunkBody {
    public static let chunkType = ChunkType.ecne
    public static let minimumValueLength = 4

    /// The flags byte (all bits reserved).
    public var flags: ReservedChunkFlags
    /// Lowest TSN: the TSN of the DATA chunk whose packet carried the CE mark.
    public var lowestTSN: UInt32
    /// Number of CE-marked packets since the last CWR, present in the 12-byte form only.
    public var packetCount: UInt32?

    public init(flags: ReservedChunkFlags = [], lowestTSN: UInt32, packetCount: UInt32? = nil) {
        self.flags = flags
        self.lowestTSN = lowestTSN
        self.packetCount = packetCount
    }

    public init(flags: ReservedChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.flags = flags
        self.lowestTSN = try reader.readUInt32()
        self.packetCount = reader.remaining >= 4 ? try reader.readUInt32() : nil
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.lowestTSN)
        if let packetCount = self.packetCount {
            writer.writeUInt32(packetCount)
        }
    }

    public var chunk: Chunk { .ecne(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "ecne", summary: "Explicit Congestion Notification Echo (type 12)",
        reference: "RFC 4960 Appendix A; draft-stewart-tsvwg-sctpecn",
        fields: ReservedChunkFlags.schemaFields + [
            .init("lowest_tsn", .unsigned(bits: 32), "Lowest TSN of the CE-marked packet"),
            .init(
                "packet_count", .unsigned(bits: 32), optional: true,
                "CE-marked packets since the last CWR (absent: the 8-byte form)"),
        ])

    public var fieldRecord: FieldRecord {
        var fields = self.flags.fieldRecordFields + [FieldRecord.Field.unsigned("lowest_tsn", self.lowestTSN)]
        if let packetCount = self.packetCount {
            fields.append(.unsigned("packet_count", packetCount))
        }
        return FieldRecord(kind: Self.kind, fields: fields)
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            flags: try ReservedChunkFlags(fields: fields), lowestTSN: try fields.unsigned("lowest_tsn"),
            packetCount: try fields.optionalUnsigned("packet_count"))
    }
}
