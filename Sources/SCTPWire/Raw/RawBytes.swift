/// Bytes a raw view reads (and, when mutable, writes) in place: a packet's `[UInt8]`, or the
/// buffer the offline checker decodes from. Every access through the views is bounds-checked
/// here, so a view never traps: a field that is not all there reads as nil and writes nothing.
public protocol RawBytes {
    /// How many bytes there are.
    var count: Int { get }
    /// The byte at `index`, which the caller has checked lies in `0..<count`.
    func uncheckedByte(at index: Int) -> UInt8
    /// The big-endian 16-bit value at `offset`, which the caller has checked lies in the bytes
    /// (one check for several fields: `DataChunkView.fixedFields`).
    func uncheckedBigEndianUInt16(at offset: Int) -> UInt16
    /// The big-endian 32-bit value at `offset`, which the caller has checked lies in the bytes.
    func uncheckedBigEndianUInt32(at offset: Int) -> UInt32
    /// The big-endian 16-bit value at `offset`, nil unless `offset..<offset + 2` lies in the bytes.
    func bigEndianUInt16(at offset: Int) -> UInt16?
    /// The big-endian 32-bit value at `offset`, nil unless `offset..<offset + 4` lies in the bytes.
    func bigEndianUInt32(at offset: Int) -> UInt32?
}

/// Bytes a raw view can write in place.
public protocol MutableRawBytes: RawBytes {
    /// Writes the byte at `index`, which the caller has checked lies in `0..<count`.
    mutating func setUncheckedByte(_ value: UInt8, at index: Int)
}

extension RawBytes {
    /// The byte at `offset`, nil past the end.
    @inlinable
    public func byte(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < self.count else { return nil }
        return self.uncheckedByte(at: offset)
    }

    @inlinable
    public func uncheckedBigEndianUInt16(at offset: Int) -> UInt16 {
        UInt16(self.uncheckedByte(at: offset)) << 8 | UInt16(self.uncheckedByte(at: offset + 1))
    }

    @inlinable
    public func uncheckedBigEndianUInt32(at offset: Int) -> UInt32 {
        UInt32(self.uncheckedByte(at: offset)) << 24 | UInt32(self.uncheckedByte(at: offset + 1)) << 16
            | UInt32(self.uncheckedByte(at: offset + 2)) << 8 | UInt32(self.uncheckedByte(at: offset + 3))
    }

    @inlinable
    public func bigEndianUInt16(at offset: Int) -> UInt16? {
        guard offset >= 0, offset <= self.count &- 2 else { return nil }
        return self.uncheckedBigEndianUInt16(at: offset)
    }

    @inlinable
    public func bigEndianUInt32(at offset: Int) -> UInt32? {
        guard offset >= 0, offset <= self.count &- 4 else { return nil }
        return self.uncheckedBigEndianUInt32(at: offset)
    }
}

extension MutableRawBytes {
    /// Writes a byte at `offset`; nothing past the end.
    @inlinable
    public mutating func setByte(_ value: UInt8, at offset: Int) {
        guard offset >= 0, offset < self.count else { return }
        self.setUncheckedByte(value, at: offset)
    }

    /// Writes a big-endian 16-bit value at `offset`; nothing unless all of it fits.
    @inlinable
    public mutating func setBigEndianUInt16(_ value: UInt16, at offset: Int) {
        guard offset >= 0, offset <= self.count &- 2 else { return }
        self.setUncheckedByte(UInt8(truncatingIfNeeded: value >> 8), at: offset)
        self.setUncheckedByte(UInt8(truncatingIfNeeded: value), at: offset + 1)
    }

    /// Writes a big-endian 32-bit value at `offset`; nothing unless all of it fits.
    @inlinable
    public mutating func setBigEndianUInt32(_ value: UInt32, at offset: Int) {
        guard offset >= 0, offset <= self.count &- 4 else { return }
        self.setUncheckedByte(UInt8(truncatingIfNeeded: value >> 24), at: offset)
        self.setUncheckedByte(UInt8(truncatingIfNeeded: value >> 16), at: offset + 1)
        self.setUncheckedByte(UInt8(truncatingIfNeeded: value >> 8), at: offset + 2)
        self.setUncheckedByte(UInt8(truncatingIfNeeded: value), at: offset + 3)
    }
}

extension Array: RawBytes where Element == UInt8 {
    @inlinable
    public func uncheckedByte(at index: Int) -> UInt8 {
        self[index]
    }
}

extension Array: MutableRawBytes where Element == UInt8 {
    @inlinable
    public mutating func setUncheckedByte(_ value: UInt8, at index: Int) {
        self[index] = value
    }
}

extension UnsafeRawBufferPointer: RawBytes {
    @inlinable
    public func uncheckedByte(at index: Int) -> UInt8 {
        self.load(fromByteOffset: index, as: UInt8.self)
    }

    @inlinable
    public func uncheckedBigEndianUInt16(at offset: Int) -> UInt16 {
        UInt16(bigEndian: self.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    @inlinable
    public func uncheckedBigEndianUInt32(at offset: Int) -> UInt32 {
        UInt32(bigEndian: self.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}
