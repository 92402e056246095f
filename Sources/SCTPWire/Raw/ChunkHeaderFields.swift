/// The chunk header every raw chunk view shares (RFC 9260 §3.2): type, flags and the length as
/// written, read and written in place at `offset`.
public protocol RawChunkView {
    associatedtype Bytes: RawBytes
    /// The bytes the chunk sits in (a whole packet, or the chunk alone).
    var bytes: Bytes { get set }
    /// Where the chunk header starts in `bytes`.
    var offset: Int { get }
}

extension RawChunkView {
    /// The type byte, nil past the end.
    @inlinable
    public var type: ChunkType? {
        self.bytes.byte(at: self.offset).map(ChunkType.init(rawValue:))
    }

    /// The flags byte, nil past the end.
    @inlinable
    public var flagsByte: UInt8? {
        self.bytes.byte(at: self.offset + 1)
    }

    /// The length field as written (lies included), nil when not all there.
    @inlinable
    public var declaredLength: UInt16? {
        self.bytes.bigEndianUInt16(at: self.offset + 2)
    }

    /// Where the chunk's declared length ends, clamped to the bytes (at least the header's end).
    @inlinable
    public var declaredEnd: Int {
        let headerEnd = Swift.min(self.offset + 4, self.bytes.count)
        let end = self.offset + Int(self.declaredLength ?? 0)
        return Swift.min(Swift.max(headerEnd, end), self.bytes.count)
    }
}

extension RawChunkView where Bytes: MutableRawBytes {
    /// Writes the type byte (nothing past the end).
    @inlinable
    public mutating func setType(_ type: ChunkType) {
        self.bytes.setByte(type.rawValue, at: self.offset)
    }

    /// Writes the flags byte (nothing past the end).
    @inlinable
    public mutating func setFlagsByte(_ flags: UInt8) {
        self.bytes.setByte(flags, at: self.offset + 1)
    }

    /// Writes the length field, any value, lies included (nothing unless it fits).
    @inlinable
    public mutating func setDeclaredLength(_ length: UInt16) {
        self.bytes.setBigEndianUInt16(length, at: self.offset + 2)
    }
}
