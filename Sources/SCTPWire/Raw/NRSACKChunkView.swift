/// An NR-SACK chunk's fields in place (draft-natarajan-tsvwg-sctp-nrsack §4.1), for any bytes: the
/// counts as written and the blocks and duplicate TSNs where they put them. Getters give nil for
/// what is not all there; setters write any value and nothing past the end.
///
/// ```
///  0: type 16 | 1: flags (A) | 2: length
///  4: cumulative TSN ack | 8: a_rwnd | 12: gap blocks N | 14: NR gap blocks M
///  16: duplicate TSNs X | 18: reserved
///  20: N × gap block | 20 + 4N: M × NR gap block | 20 + 4(N + M): X × duplicate TSN
/// ```
public struct NRSACKChunkView<Bytes: RawBytes>: SelectiveAckFields {
    public var bytes: Bytes
    public let offset: Int

    /// The header and the fixed fields, before the gap blocks.
    public static var fixedLength: Int { 20 }

    @inlinable
    public init(_ bytes: Bytes, at offset: Int) {
        self.bytes = bytes
        self.offset = Swift.max(0, offset)
    }

    @inlinable
    public var nrGapBlockCount: UInt16? {
        self.bytes.bigEndianUInt16(at: self.offset + 14)
    }

    @inlinable
    public var duplicateCount: UInt16? {
        self.bytes.bigEndianUInt16(at: self.offset + 16)
    }

    @inlinable
    public var reserved: UInt16? {
        self.bytes.bigEndianUInt16(at: self.offset + 18)
    }

    /// Block `index` of the gap blocks followed by the NR gap blocks (0-based, counting both lists).
    @inlinable
    func block(_ index: Int) -> GapAckBlock? {
        guard index >= 0 else { return nil }
        let at = self.offset + Self.fixedLength + 4 * index
        guard let start = self.bytes.bigEndianUInt16(at: at), let end = self.bytes.bigEndianUInt16(at: at + 2)
        else { return nil }
        return GapAckBlock(start: start, end: end)
    }

    /// The gap blocks the count announces that lie within the declared length.
    public var gapBlocks: [GapAckBlock] {
        RawListReading.elements(
            count: Int(self.gapBlockCount ?? 0), from: self.offset + Self.fixedLength, width: 4,
            end: self.declaredEnd, self.block)
    }

    /// The NR gap blocks the count announces that lie within the declared length.
    public var nrGapBlocks: [GapAckBlock] {
        let skipped = Int(self.gapBlockCount ?? 0)
        return RawListReading.elements(
            count: Int(self.nrGapBlockCount ?? 0), from: self.offset + Self.fixedLength + 4 * skipped, width: 4,
            end: self.declaredEnd, { self.block(skipped + $0) })
    }

    /// The duplicate TSNs the count announces that lie within the declared length.
    public var duplicateTSNs: [UInt32] {
        let start = self.offset + Self.fixedLength + 4 * (Int(self.gapBlockCount ?? 0) + Int(self.nrGapBlockCount ?? 0))
        return RawListReading.elements(
            count: Int(self.duplicateCount ?? 0), from: start, width: 4, end: self.declaredEnd,
            { self.bytes.bigEndianUInt32(at: start + 4 * $0) })
    }
}

extension NRSACKChunkView where Bytes: MutableRawBytes {
    @inlinable
    public mutating func setNRGapBlockCount(_ count: UInt16) {
        self.bytes.setBigEndianUInt16(count, at: self.offset + 14)
    }

    @inlinable
    public mutating func setDuplicateCount(_ count: UInt16) {
        self.bytes.setBigEndianUInt16(count, at: self.offset + 16)
    }

    @inlinable
    public mutating func setReserved(_ reserved: UInt16) {
        self.bytes.setBigEndianUInt16(reserved, at: self.offset + 18)
    }
}
