/// SACK, Selective Acknowledgement (RFC 9260 §3.3.4, figure "SACK chunk").
///
/// ```
///  type 3 | flags (reserved) | length
///  cumulative TSN ack (32) | advertised receiver window credit, a_rwnd (32)
///  number of gap ack blocks N (16) | number of duplicate TSNs X (16)
///  N × (gap ack block start (16), end (16)) | X × duplicate TSN (32)
/// ```
/// The counts are not stored: they are the list sizes. A chunk whose length disagrees with its counts
/// cannot be read and is a decoding error (its raw view still shows it).
public struct SACKChunk: ChunkBody {
    public static let chunkType = ChunkType.sack
    @inlinable public static var minimumValueLength: Int { 12 }

    /// The flags byte (all bits reserved).
    public var flags: ReservedChunkFlags
    /// Cumulative TSN ack: the last TSN received in sequence.
    public var cumulativeTSNAck: UInt32
    /// Advertised receiver window credit (a_rwnd), in bytes.
    public var advertisedReceiverWindow: UInt32
    /// Gap Ack Blocks, in wire order.
    public var gapBlocks: [GapAckBlock]
    /// Duplicate TSNs, in wire order.
    public var duplicateTSNs: [UInt32]

    public init(
        flags: ReservedChunkFlags = [], cumulativeTSNAck: UInt32, advertisedReceiverWindow: UInt32,
        gapBlocks: [GapAckBlock] = [], duplicateTSNs: [UInt32] = []
    ) {
        self.flags = flags
        self.cumulativeTSNAck = cumulativeTSNAck
        self.advertisedReceiverWindow = advertisedReceiverWindow
        self.gapBlocks = gapBlocks
        self.duplicateTSNs = duplicateTSNs
    }

    public init(flags: ReservedChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        let valueStart = reader.offset
        self.flags = flags
        self.cumulativeTSNAck = try reader.readUInt32()
        self.advertisedReceiverWindow = try reader.readUInt32()
        let gapCount = Int(try reader.readUInt16())
        let duplicateCount = Int(try reader.readUInt16())
        try SACKLists.requireItems(gapCount + duplicateCount, in: reader, valueStart: valueStart)
        self.gapBlocks = try SACKLists.gapBlocks(gapCount, from: &reader)
        self.duplicateTSNs = try SACKLists.tsns(duplicateCount, from: &reader)
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.cumulativeTSNAck)
        writer.writeUInt32(self.advertisedReceiverWindow)
        writer.writeUInt16(SACKLists.count(self.gapBlocks))
        writer.writeUInt16(SACKLists.count(self.duplicateTSNs))
        for block in self.gapBlocks {
            block.encode(into: &writer)
        }
        for tsn in self.duplicateTSNs {
            writer.writeUInt32(tsn)
        }
    }

    public var chunk: Chunk { .sack(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "sack", summary: "Selective Acknowledgement (type 3)", reference: "RFC 9260 §3.3.4",
        fields: ReservedChunkFlags.schemaFields + [
            .init("cumulative_tsn_ack", .unsigned(bits: 32), "Cumulative TSN ack"),
            .init("a_rwnd", .unsigned(bits: 32), "Advertised receiver window credit in bytes"),
            .init(
                "gap_blocks", .list(of: .record(of: "gap-block")), optional: true,
                "Gap Ack Blocks {start, end} (default none; the count field is the list size)"),
            .init(
                "duplicate_tsns", .list(of: .unsigned(bits: 32)), optional: true,
                "Duplicate TSNs (default none; the count field is the list size)"),
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: self.flags.fieldRecordFields + [
                .unsigned("cumulative_tsn_ack", self.cumulativeTSNAck),
                .unsigned("a_rwnd", self.advertisedReceiverWindow),
                .records("gap_blocks", self.gapBlocks), .unsignedList("duplicate_tsns", self.duplicateTSNs),
            ])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            flags: try ReservedChunkFlags(fields: fields), cumulativeTSNAck: try fields.unsigned("cumulative_tsn_ack"),
            advertisedReceiverWindow: try fields.unsigned("a_rwnd"),
            gapBlocks: try SACKLists.gapBlocks("gap_blocks", fields: fields),
            duplicateTSNs: try fields.optionalUnsignedList("duplicate_tsns"))
    }
}
