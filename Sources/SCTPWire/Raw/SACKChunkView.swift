/// A SACK chunk's fields in place (RFC 9260 §3.3.4), for any bytes: the counts as written (they may
/// lie), and the gap blocks and duplicate TSNs at the places the counts give them. Getters give nil
/// for what is not all there; setters write any value and nothing past the end.
///
/// ```
///  0: type 3 | 1: flags | 2: length
///  4: cumulative TSN ack | 8: a_rwnd | 12: number of gap ack blocks N | 14: number of duplicate TSNs X
///  16: N × (start, end) | 16 + 4N: X × duplicate TSN
/// ```
public struct SACKChunkView<Bytes: RawBytes>: SelectiveAckFields {
    public var bytes: Bytes
    public let offset: Int

    /// The header and the fixed fields, before the gap blocks.
    public static var fixedLength: Int { 16 }

    @inlinable
    public init(_ bytes: Bytes, at offset: Int) {
        self.bytes = bytes
        self.offset = Swift.max(0, offset)
    }

    /// The number of duplicate TSNs as written.
    @inlinable
    public var duplicateCount: UInt16? {
        self.bytes.bigEndianUInt16(at: self.offset + 14)
    }

    /// Gap block `index` (0-based) where the count puts it, nil when not all there.
    @inlinable
    public func gapBlock(_ index: Int) -> GapAckBlock? {
        guard index >= 0 else { return nil }
        let at = self.offset + Self.fixedLength + 4 * index
        guard let start = self.bytes.bigEndianUInt16(at: at), let end = self.bytes.bigEndianUInt16(at: at + 2)
        else { return nil }
        return GapAckBlock(start: start, end: end)
    }

    /// Duplicate TSN `index` (0-based), after the gap blocks the count announces; nil when not all there.
    @inlinable
    public func duplicateTSN(_ index: Int) -> UInt32? {
        guard index >= 0, let gaps = self.gapBlockCount else { return nil }
        return self.bytes.bigEndianUInt32(at: self.offset + Self.fixedLength + 4 * Int(gaps) + 4 * index)
    }

    /// The gap blocks the count announces that lie within the declared length (and the bytes).
    public var gapBlocks: [GapAckBlock] {
        RawListReading.elements(
            count: Int(self.gapBlockCount ?? 0), from: self.offset + Self.fixedLength, width: 4,
            end: self.declaredEnd, self.gapBlock)
    }

    /// The duplicate TSNs the count announces that lie within the declared length (and the bytes).
    public var duplicateTSNs: [UInt32] {
        let start = self.offset + Self.fixedLength + 4 * Int(self.gapBlockCount ?? 0)
        return RawListReading.elements(
            count: Int(self.duplicateCount ?? 0), from: start, width: 4, end: self.declaredEnd, self.duplicateTSN)
    }
}

extension SACKChunkView where Bytes: MutableRawBytes {
    /// Writes the duplicate TSN count, any value.
    @inlinable
    public mutating func setDuplicateCount(_ count: UInt16) {
        self.bytes.setBigEndianUInt16(count, at: self.offset + 14)
    }

    /// Writes gap block `index` where the count puts it (nothing unless it fits).
    @inlinable
    public mutating func setGapBlock(_ block: GapAckBlock, at index: Int) {
        guard index >= 0 else { return }
        let at = self.offset + Self.fixedLength + 4 * index
        guard at >= 0, at <= self.bytes.count - 4 else { return }
        self.bytes.setBigEndianUInt16(block.start, at: at)
        self.bytes.setBigEndianUInt16(block.end, at: at + 2)
    }

    /// Writes duplicate TSN `index` after the gap blocks the count announces (nothing unless it fits).
    @inlinable
    public mutating func setDuplicateTSN(_ tsn: UInt32, at index: Int) {
        guard index >= 0, let gaps = self.gapBlockCount else { return }
        self.bytes.setBigEndianUInt32(tsn, at: self.offset + Self.fixedLength + 4 * Int(gaps) + 4 * index)
    }
}

/// Reading a counted list of fixed-width elements out of a raw chunk.
enum RawListReading {
    /// The first `count` elements of `width` bytes from `start` that end by `end`.
    static func elements<Element>(
        count: Int, from start: Int, width: Int, end: Int, _ element: (Int) -> Element?
    ) -> [Element] {
        let fitting = max(0, min(count, (end - start) / width))
        var result: [Element] = []
        result.reserveCapacity(fitting)
        for index in 0..<fitting {
            guard let value = element(index) else { break }
            result.append(value)
        }
        return result
    }
}
