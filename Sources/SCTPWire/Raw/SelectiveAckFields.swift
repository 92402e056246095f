/// The fields SACK (RFC 9260 §3.3.4) and NR-SACK (draft-natarajan-tsvwg-sctp-nrsack §4.1) share at the
/// same places: the cumulative TSN ack at 4, a_rwnd at 8 and the gap block count at 12.
public protocol SelectiveAckFields: RawChunkView {}

extension SelectiveAckFields {
    @inlinable
    public var cumulativeTSNAck: UInt32? {
        self.bytes.bigEndianUInt32(at: self.offset + 4)
    }

    @inlinable
    public var advertisedReceiverWindow: UInt32? {
        self.bytes.bigEndianUInt32(at: self.offset + 8)
    }

    /// The number of gap ack blocks as written (it may lie).
    @inlinable
    public var gapBlockCount: UInt16? {
        self.bytes.bigEndianUInt16(at: self.offset + 12)
    }
}

extension SelectiveAckFields where Bytes: MutableRawBytes {
    @inlinable
    public mutating func setCumulativeTSNAck(_ value: UInt32) {
        self.bytes.setBigEndianUInt32(value, at: self.offset + 4)
    }

    @inlinable
    public mutating func setAdvertisedReceiverWindow(_ value: UInt32) {
        self.bytes.setBigEndianUInt32(value, at: self.offset + 8)
    }

    /// Writes the gap block count, any value (the blocks are not moved).
    @inlinable
    public mutating func setGapBlockCount(_ count: UInt16) {
        self.bytes.setBigEndianUInt16(count, at: self.offset + 12)
    }
}
