/// A bounds-checked, big-endian reader over a byte array.
///
/// Offsets are absolute positions in `bytes`, so an error deep inside a parameter still reports
/// where it is in the whole packet. A failed read throws and leaves `offset` unchanged.
/// `context` names what is being decoded and goes into every error this reader throws; it is kept as a
/// `DecodingContext` and spelled out only when an error is built, so a successful decode builds no text.
public struct ByteReader: Sendable {
    /// The whole buffer (never copied by sub-readers).
    public let bytes: [UInt8]
    /// Position of the next byte to read.
    public private(set) var offset: Int
    /// One past the last byte this reader may read.
    public let endOffset: Int
    /// What this reader decodes, for error messages (spelled out when an error is built).
    public var decodingContext: DecodingContext

    /// What this reader decodes, as error messages show it.
    public var context: String {
        get { self.decodingContext.description }
        set { self.decodingContext = DecodingContext(newValue) }
    }

    /// A reader over all of `bytes`.
    public init(_ bytes: [UInt8], context: String = "packet") {
        self.init(bytes, decodingContext: DecodingContext(context))
    }

    /// A reader over all of `bytes`, its context named lazily.
    public init(_ bytes: [UInt8], decodingContext: DecodingContext) {
        self.bytes = bytes
        self.offset = 0
        self.endOffset = bytes.count
        self.decodingContext = decodingContext
    }

    /// A reader over `bytes[range]`, reporting absolute offsets. The range is clamped to the buffer.
    public init(_ bytes: [UInt8], range: Range<Int>, context: String) {
        self.init(bytes, range: range, decodingContext: DecodingContext(context))
    }

    /// A reader over `bytes[range]` (clamped to the buffer), its context named lazily.
    @inline(__always)
    public init(_ bytes: [UInt8], range: Range<Int>, decodingContext: DecodingContext) {
        self.bytes = bytes
        self.offset = max(0, min(range.lowerBound, bytes.count))
        self.endOffset = max(self.offset, min(range.upperBound, bytes.count))
        self.decodingContext = decodingContext
    }

    /// Bytes left to read.
    public var remaining: Int { self.endOffset - self.offset }

    /// Whether everything has been read.
    public var isAtEnd: Bool { self.offset >= self.endOffset }

    /// An error located at the current offset (or `offset` if given) in this reader's context.
    public func error(_ reason: WireDecodingError.Reason, at offset: Int? = nil) -> WireDecodingError {
        WireDecodingError(offset: offset ?? self.offset, context: self.context, reason: reason)
    }

    @inline(__always)
    func require(_ count: Int) throws(WireDecodingError) {
        if count < 0 || self.remaining < count {
            throw self.truncatedError(needed: count)
        }
    }

    /// The error a read of `count` bytes past the end throws (built out of line: only failures pay).
    @inline(never)
    func truncatedError(needed count: Int) -> WireDecodingError {
        WireDecodingError(
            offset: self.offset, context: self.context, reason: .truncated(needed: count, available: self.remaining))
    }

    /// Reads one byte.
    public mutating func readUInt8() throws(WireDecodingError) -> UInt8 {
        try self.require(1)
        defer { self.offset += 1 }
        return self.bytes[self.offset]
    }

    /// Reads a big-endian 16-bit integer.
    public mutating func readUInt16() throws(WireDecodingError) -> UInt16 {
        try self.require(2)
        defer { self.offset += 2 }
        return UInt16(self.bytes[self.offset]) << 8 | UInt16(self.bytes[self.offset + 1])
    }

    /// Reads a big-endian 32-bit integer.
    public mutating func readUInt32() throws(WireDecodingError) -> UInt32 {
        try self.require(4)
        defer { self.offset += 4 }
        let o = self.offset
        return UInt32(self.bytes[o]) << 24 | UInt32(self.bytes[o + 1]) << 16
            | UInt32(self.bytes[o + 2]) << 8 | UInt32(self.bytes[o + 3])
    }

    /// Reads a big-endian 64-bit integer.
    public mutating func readUInt64() throws(WireDecodingError) -> UInt64 {
        let high = try self.readUInt32()
        do {
            let low = try self.readUInt32()
            return UInt64(high) << 32 | UInt64(low)
        } catch {
            self.offset -= 4
            throw error
        }
    }

    /// Reads `count` bytes into a new array.
    public mutating func readBytes(_ count: Int) throws(WireDecodingError) -> [UInt8] {
        try self.require(count)
        defer { self.offset += count }
        return Array(self.bytes[self.offset..<(self.offset + count)])
    }

    /// Reads everything that is left.
    public mutating func readRemainingBytes() -> [UInt8] {
        defer { self.offset = self.endOffset }
        return Array(self.bytes[self.offset..<self.endOffset])
    }

    /// Skips `count` bytes.
    public mutating func skip(_ count: Int) throws(WireDecodingError) {
        try self.require(count)
        self.offset += count
    }

    /// Skips up to `count` bytes, stopping at the end (for trailing padding that may be absent).
    public mutating func skipUpTo(_ count: Int) {
        self.offset += max(0, min(count, self.remaining))
    }

    /// Peeks at a byte `ahead` bytes past the current offset without moving.
    public func peekUInt8(ahead: Int = 0) throws(WireDecodingError) -> UInt8 {
        try self.require(ahead + 1)
        return self.bytes[self.offset + ahead]
    }

    /// Peeks at a big-endian 16-bit integer `ahead` bytes past the current offset without moving.
    public func peekUInt16(ahead: Int = 0) throws(WireDecodingError) -> UInt16 {
        try self.require(ahead + 2)
        return UInt16(self.bytes[self.offset + ahead]) << 8 | UInt16(self.bytes[self.offset + ahead + 1])
    }

    /// Splits off a reader for the next `count` bytes (e.g. one TLV's value) and moves past them.
    public mutating func readSubReader(_ count: Int, context: String) throws(WireDecodingError) -> ByteReader {
        try self.readSubReader(count, decodingContext: DecodingContext(context))
    }

    /// Splits off a reader for the next `count` bytes, its context named lazily, and moves past them.
    @inline(__always)
    public mutating func readSubReader(
        _ count: Int, decodingContext: DecodingContext
    ) throws(WireDecodingError) -> ByteReader {
        try self.require(count)
        let sub = ByteReader(self.bytes, range: self.offset..<(self.offset + count), decodingContext: decodingContext)
        self.offset += count
        return sub
    }
}
