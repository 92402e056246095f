/// The fields DATA (RFC 9260 §3.3.1) and I-DATA (RFC 8260 §2.1) share at the same places: the U, B, E,
/// I flags, the TSN at 4 and the stream identifier at 8, then user data after the fixed fields.
public protocol DataChunkFields: RawChunkView {
    /// The header and the fixed fields, before the user data.
    static var fixedLength: Int { get }
}

extension DataChunkFields {
    /// U, B, E, I and the reserved bits.
    @inlinable
    public var flags: DataChunkFlags? {
        self.flagsByte.map(DataChunkFlags.init(rawValue:))
    }

    /// Transmission sequence number.
    @inlinable
    public var tsn: UInt32? {
        self.bytes.bigEndianUInt32(at: self.offset + 4)
    }

    /// Stream identifier.
    @inlinable
    public var streamID: UInt16? {
        self.bytes.bigEndianUInt16(at: self.offset + 8)
    }

    /// Where the user data lies: after the fixed fields, up to the declared length (clamped to the
    /// bytes); nil when the fixed fields are not all there.
    @inlinable
    public var userDataRange: Range<Int>? {
        let start = self.offset + Self.fixedLength
        guard self.offset >= 0, start <= self.bytes.count else { return nil }
        return start..<Swift.max(start, self.declaredEnd)
    }
}

extension DataChunkFields where Bytes: MutableRawBytes {
    @inlinable
    public mutating func setFlags(_ flags: DataChunkFlags) {
        self.setFlagsByte(flags.rawValue)
    }

    @inlinable
    public mutating func setTSN(_ tsn: UInt32) {
        self.bytes.setBigEndianUInt32(tsn, at: self.offset + 4)
    }

    @inlinable
    public mutating func setStreamID(_ streamID: UInt16) {
        self.bytes.setBigEndianUInt16(streamID, at: self.offset + 8)
    }
}
