/// One Gap Ack Block of a SACK (RFC 9260 §3.3.4) or NR-SACK: the TSNs from
/// `cumulativeTSNAck + start` to `cumulativeTSNAck + end` were received. Offsets, not TSNs.
public struct GapAckBlock: Hashable, Sendable, FieldRecordConvertible {
    /// Offset of the first received TSN from the cumulative TSN ack.
    public var start: UInt16
    /// Offset of the last received TSN from the cumulative TSN ack.
    public var end: UInt16

    public init(start: UInt16, end: UInt16) {
        self.start = start
        self.end = end
    }

    /// Bytes per block on the wire.
    static let wireLength = 4

    public static let fieldSchema = FieldRecordSchema(
        kind: "gap-block", summary: "Gap Ack Block (offsets from the cumulative TSN ack)",
        reference: "RFC 9260 §3.3.4",
        fields: [
            .init("start", .unsigned(bits: 16), "Gap Ack Block start offset"),
            .init("end", .unsigned(bits: 16), "Gap Ack Block end offset"),
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.fieldSchema.kind, fields: [.unsigned("start", self.start), .unsigned("end", self.end)])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(start: try fields.unsigned("start"), end: try fields.unsigned("end"))
    }

    @inline(__always)
    static func decode(from reader: inout ByteReader) throws(WireDecodingError) -> GapAckBlock {
        GapAckBlock(start: try reader.readUInt16(), end: try reader.readUInt16())
    }

    func encode(into writer: inout ByteWriter) {
        writer.writeUInt16(self.start)
        writer.writeUInt16(self.end)
    }
}

/// Reads the gap blocks and duplicate TSNs that the counts of a SACK or NR-SACK announce, checking
/// first that the chunk length holds exactly that many (RFC 9260 §3.3.4).
enum SACKLists {
    /// Checks that `reader` holds exactly `count` 4-byte items; `valueStart` locates the length field.
    static func requireItems(_ count: Int, in reader: ByteReader, valueStart: Int) throws(WireDecodingError) {
        let needed = count * 4
        if reader.remaining == needed { return }
        let declared = reader.declaredChunkLength(valueStart: valueStart)
        let expected = declared - reader.remaining + needed
        if reader.remaining < needed {
            throw reader.error(.lengthTooShort(declared: declared, minimum: expected), at: valueStart - 2)
        }
        throw reader.error(
            .invalidValue("length \(declared) does not match the \(expected) bytes the block and TSN counts announce"),
            at: valueStart - 2)
    }

    static func gapBlocks(_ count: Int, from reader: inout ByteReader) throws(WireDecodingError) -> [GapAckBlock] {
        if count == 0 { return [] }
        var blocks: [GapAckBlock] = []
        blocks.reserveCapacity(count)
        for _ in 0..<count {
            blocks.append(try GapAckBlock.decode(from: &reader))
        }
        return blocks
    }

    static func tsns(_ count: Int, from reader: inout ByteReader) throws(WireDecodingError) -> [UInt32] {
        if count == 0 { return [] }
        var tsns: [UInt32] = []
        tsns.reserveCapacity(count)
        for _ in 0..<count {
            tsns.append(try reader.readUInt32())
        }
        return tsns
    }

    /// A count field for a list, clamped to what 16 bits can say (only a hand-built value can exceed it).
    static func count(_ list: some Collection) -> UInt16 {
        UInt16(clamping: list.count)
    }

    /// Field-record lists of gap blocks.
    static func gapBlocks(_ name: String, fields: TLVFieldReader) throws(FieldRecordError) -> [GapAckBlock] {
        try fields.optionalNestedList(name) { (record) throws(FieldRecordError) in try GapAckBlock(fieldRecord: record)
        }
    }
}
