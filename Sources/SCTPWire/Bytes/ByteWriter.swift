/// A big-endian writer that appends to a growing byte array.
public struct ByteWriter: Sendable {
    /// Everything written so far.
    public var bytes: [UInt8]

    public init(capacity: Int = 64) {
        self.bytes = []
        self.bytes.reserveCapacity(capacity)
    }

    /// Bytes written so far.
    public var count: Int { self.bytes.count }

    public mutating func writeUInt8(_ value: UInt8) {
        self.bytes.append(value)
    }

    public mutating func writeUInt16(_ value: UInt16) {
        self.bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        self.bytes.append(UInt8(truncatingIfNeeded: value))
    }

    public mutating func writeUInt32(_ value: UInt32) {
        self.bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        self.bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        self.bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        self.bytes.append(UInt8(truncatingIfNeeded: value))
    }

    public mutating func writeUInt64(_ value: UInt64) {
        self.writeUInt32(UInt32(truncatingIfNeeded: value >> 32))
        self.writeUInt32(UInt32(truncatingIfNeeded: value))
    }

    public mutating func writeBytes<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        self.bytes.append(contentsOf: bytes)
    }

    /// Appends zero bytes until the length is a multiple of 4 (RFC 9260 §3.2: chunk, parameter and
    /// cause padding).
    public mutating func padToFourBytes() {
        while self.bytes.count % 4 != 0 {
            self.bytes.append(0)
        }
    }

    /// Overwrites a big-endian 16-bit integer at `offset` (to fill in a length once it is known).
    public mutating func setUInt16(_ value: UInt16, at offset: Int) {
        self.bytes[offset] = UInt8(truncatingIfNeeded: value >> 8)
        self.bytes[offset + 1] = UInt8(truncatingIfNeeded: value)
    }

    /// Overwrites a big-endian 32-bit integer at `offset`.
    public mutating func setUInt32(_ value: UInt32, at offset: Int) {
        self.bytes[offset] = UInt8(truncatingIfNeeded: value >> 24)
        self.bytes[offset + 1] = UInt8(truncatingIfNeeded: value >> 16)
        self.bytes[offset + 2] = UInt8(truncatingIfNeeded: value >> 8)
        self.bytes[offset + 3] = UInt8(truncatingIfNeeded: value)
    }
}
