/// Bytes that may share storage with the buffer they were decoded from (user data of DATA and
/// I-DATA chunks), so that decoding a packet does not copy its payload. Indices start at 0 whatever
/// the position in the underlying buffer; equality and hashing compare the bytes only.
public struct ByteSlice: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    /// The buffer the bytes live in.
    let base: [UInt8]
    /// Where they start in `base` (32 bits keep the value small; buffers are packets).
    let start: UInt32
    /// How many there are.
    let length: UInt32

    /// A view of `bytes[range]` without copying (the range is clamped to the buffer).
    @inline(__always)
    public init(_ bytes: [UInt8], range: Range<Int>) {
        let lower = Swift.max(0, Swift.min(range.lowerBound, bytes.count))
        let upper = Swift.max(lower, Swift.min(range.upperBound, bytes.count))
        self.base = bytes
        self.start = UInt32(truncatingIfNeeded: lower)
        self.length = UInt32(truncatingIfNeeded: upper - lower)
    }

    /// A view of a whole array (no copy).
    public init(_ bytes: [UInt8]) {
        self.init(bytes, range: 0..<bytes.count)
    }

    /// Bytes from any sequence.
    public init<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        self.init(Array(bytes))
    }

    public init(arrayLiteral elements: UInt8...) {
        self.init(elements)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int { Int(self.length) }

    public var count: Int { Int(self.length) }

    /// The byte at `position` (0-based; traps outside `0..<count` like an array).
    public subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < Int(self.length), "ByteSlice index out of range")
        return self.base[Int(self.start) + position]
    }

    /// The bytes as a slice of the underlying buffer (its indices are the buffer's).
    public var slice: ArraySlice<UInt8> {
        self.base[Int(self.start)..<(Int(self.start) + Int(self.length))]
    }

    /// The bytes as a new array.
    public var array: [UInt8] { Array(self.slice) }

    /// Calls `body` with the bytes' memory.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try self.base.withUnsafeBytes { raw in
            try body(UnsafeRawBufferPointer(rebasing: raw[Int(self.start)..<(Int(self.start) + Int(self.length))]))
        }
    }

    public static func == (lhs: ByteSlice, rhs: ByteSlice) -> Bool {
        guard lhs.length == rhs.length else { return false }
        return lhs.withUnsafeBytes { left in rhs.withUnsafeBytes { right in left.elementsEqual(right) } }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.count)
        self.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    /// `[68 65 6c]` (hex, at most 32 bytes shown).
    public var description: String {
        let shown = self.prefix(32).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        return "[" + shown.joined(separator: " ") + (self.count > 32 ? " … (\(self.count) bytes)]" : "]")
    }
}

extension ByteReader {
    /// Reads everything that is left as a view sharing the reader's buffer (no copy).
    public mutating func readRemainingSlice() -> ByteSlice {
        let slice = ByteSlice(self.bytes, range: self.offset..<self.endOffset)
        self.skipUpTo(self.remaining)
        return slice
    }

    /// Reads `count` bytes as a view sharing the reader's buffer (no copy).
    public mutating func readSlice(_ count: Int) throws(WireDecodingError) -> ByteSlice {
        try self.require(count)
        let slice = ByteSlice(self.bytes, range: self.offset..<(self.offset + count))
        self.skipUpTo(count)
        return slice
    }
}
