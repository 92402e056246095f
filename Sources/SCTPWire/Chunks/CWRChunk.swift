/// CWR, Congestion Window Reduced (RFC 4960 Appendix A; draft-stewart-tsvwg-sctpecn).
///
/// ```
///  type 13 | flags (reserved) | length = 8
///  lowest_tsn (32)
/// ```
public struct CWRChunk: ChunkBody {
    public static let chunkType = ChunkType.cwr
    public static let minimumValueLength = 4

    /// The flags byte (all bits reserved).
    public var flags: ReservedChunkFlags
    /// Lowest TSN: the TSN of the ECNE that caused the congestion window reduction.
    public var lowestTSN: UInt32

    public init(flags: ReservedChunkFlags = [], lowestTSN: UInt32) {
        self.flags = flags
        self.lowestTSN = lowestTSN
    }

    public init(flags: ReservedChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.flags = flags
        self.lowestTSN = try reader.readUInt32()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.lowestTSN)
    }

    public var chunk: Chunk { .cwr(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "cwr", summary: "CWR, Congestion Window Reduced (type 13)",
        reference: "RFC 4960 Appendix A; draft-stewart-tsvwg-sctpecn",
        fields: ReservedChunkFlags.schemaFields + [
            .init(
                "lowest_tsn", .unsigned(bits: 32),
                "Lowest TSN: the TSN of the ECNE that caused the congestion window reduction.")
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: self.flags.fieldRecordFields + [.unsigned("lowest_tsn", self.lowestTSN)])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(flags: try ReservedChunkFlags(fields: fields), lowestTSN: try fields.unsigned("lowest_tsn"))
    }
}
