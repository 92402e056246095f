/// NR-SACK, Non-Renegable Selective Acknowledgement (draft-natarajan-tsvwg-sctp-nrsack §4.1; IANA
/// chunk type 16, as implemented by FreeBSD and usrsctp).
///
/// ```
///  type 16 | reserved |A| length
///  cumulative TSN ack (32) | advertised receiver window credit, a_rwnd (32)
///  number of gap ack blocks N (16) | number of NR gap ack blocks M (16)
///  number of duplicate TSNs X (16) | reserved (16)
///  N × gap ack block | M × NR gap ack block | X × duplicate TSN (32)
/// ```
public struct NRSACKChunk: ChunkBody {
    public static let chunkType = ChunkType.nrSack
    public static let minimumValueLength = 16

    /// The A bit and the reserved bits.
    public var flags: NRSACKChunkFlags
    /// Cumulative TSN ack: the last TSN received in sequence.
    public var cumulativeTSNAck: UInt32
    /// Advertised receiver window credit (a_rwnd), in bytes.
    public var advertisedReceiverWindow: UInt32
    /// Gap Ack Blocks (renegable), in wire order.
    public var gapBlocks: [GapAckBlock]
    /// NR Gap Ack Blocks (non-renegable), in wire order.
    public var nrGapBlocks: [GapAckBlock]
    /// Duplicate TSNs, in wire order.
    public var duplicateTSNs: [UInt32]
    /// The reserved 16 bits after the duplicate count, kept as received.
    public var reserved: UInt16

    public init(
        flags: NRSACKChunkFlags = [], cumulativeTSNAck: UInt32, advertisedReceiverWindow: UInt32,
        gapBlocks: [GapAckBlock] = [], nrGapBlocks: [GapAckBlock] = [], duplicateTSNs: [UInt32] = [],
        reserved: UInt16 = 0
    ) {
        self.flags = flags
        self.cumulativeTSNAck = cumulativeTSNAck
        self.advertisedReceiverWindow = advertisedReceiverWindow
        self.gapBlocks = gapBlocks
        self.nrGapBlocks = nrGapBlocks
        self.duplicateTSNs = duplicateTSNs
        self.reserved = reserved
    }

    public init(flags: NRSACKChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        let valueStart = reader.offset
        self.flags = flags
        self.cumulativeTSNAck = try reader.readUInt32()
        self.advertisedReceiverWindow = try reader.readUInt32()
        let gapCount = Int(try reader.readUInt16())
        let nrGapCount = Int(try reader.readUInt16())
        let duplicateCount = Int(try reader.readUInt16())
        self.reserved = try reader.readUInt16()
        try SACKLists.requireItems(gapCount + nrGapCount + duplicateCount, in: reader, valueStart: valueStart)
        self.gapBlocks = try SACKLists.gapBlocks(gapCount, from: &reader)
        self.nrGapBlocks = try SACKLists.gapBlocks(nrGapCount, from: &reader)
        self.duplicateTSNs = try SACKLists.tsns(duplicateCount, from: &reader)
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.cumulativeTSNAck)
        writer.writeUInt32(self.advertisedReceiverWindow)
        writer.writeUInt16(SACKLists.count(self.gapBlocks))
        writer.writeUInt16(SACKLists.count(self.nrGapBlocks))
        writer.writeUInt16(SACKLists.count(self.duplicateTSNs))
        writer.writeUInt16(self.reserved)
        for block in self.gapBlocks {
            block.encode(into: &writer)
        }
        for block in self.nrGapBlocks {
            block.encode(into: &writer)
        }
        for tsn in self.duplicateTSNs {
            writer.writeUInt32(tsn)
        }
    }

    public var chunk: Chunk { .nrSack(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "nr-sack", summary: "Non-Renegable Selective Acknowledgement (type 16)",
        reference: "draft-natarajan-tsvwg-sctp-nrsack §4.1",
        fields: NRSACKChunkFlags.schemaFields + [
            .init("cumulative_tsn_ack", .unsigned(bits: 32), "Cumulative TSN ack"),
            .init("a_rwnd", .unsigned(bits: 32), "Advertised receiver window credit in bytes"),
            .init(
                "gap_blocks", .list(of: .record(of: "gap-block")), optional: true,
                "Gap Ack Blocks {start, end} (default none)"),
            .init(
                "nr_gap_blocks", .list(of: .record(of: "gap-block")), optional: true,
                "NR Gap Ack Blocks {start, end} (default none)"),
            .init("duplicate_tsns", .list(of: .unsigned(bits: 32)), optional: true, "Duplicate TSNs (default none)"),
            .init("reserved", .unsigned(bits: 16), optional: true, "Reserved 16 bits (default 0)"),
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: self.flags.fieldRecordFields + [
                .unsigned("cumulative_tsn_ack", self.cumulativeTSNAck),
                .unsigned("a_rwnd", self.advertisedReceiverWindow),
                .records("gap_blocks", self.gapBlocks), .records("nr_gap_blocks", self.nrGapBlocks),
                .unsignedList("duplicate_tsns", self.duplicateTSNs), .unsigned("reserved", self.reserved),
            ])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            flags: try NRSACKChunkFlags(fields: fields), cumulativeTSNAck: try fields.unsigned("cumulative_tsn_ack"),
            advertisedReceiverWindow: try fields.unsigned("a_rwnd"),
            gapBlocks: try SACKLists.gapBlocks("gap_blocks", fields: fields),
            nrGapBlocks: try SACKLists.gapBlocks("nr_gap_blocks", fields: fields),
            duplicateTSNs: try fields.optionalUnsignedList("duplicate_tsns"),
            reserved: try fields.unsigned("reserved", default: 0))
    }
}
