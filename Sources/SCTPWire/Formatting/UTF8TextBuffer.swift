/// Text built directly as UTF-8 bytes, for output printed a million lines at a time (`sctpconform
/// decode`, the one-line summaries): numbers are formatted digit by digit into the buffer and
/// literals copied in, so that a line costs no `String` of its own.
public struct UTF8TextBuffer: Sendable {
    /// The text so far, UTF-8.
    public var bytes: [UInt8]

    public init(capacity: Int = 256) {
        self.bytes = []
        self.bytes.reserveCapacity(capacity)
    }

    /// Bytes written so far.
    @inlinable
    public var count: Int { self.bytes.count }

    /// The text as a `String`.
    public var string: String { String(decoding: self.bytes, as: UTF8.self) }

    /// Empties the buffer, keeping its storage.
    @inlinable
    public mutating func removeAll() {
        self.bytes.removeAll(keepingCapacity: true)
    }

    /// Appends one ASCII byte.
    @inlinable
    public mutating func append(ascii byte: UInt8) {
        self.bytes.append(byte)
    }

    /// Appends a literal.
    @inlinable
    public mutating func append(_ text: StaticString) {
        if text.hasPointerRepresentation {
            self.bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        } else {
            self.append(String(describing: text))
        }
    }

    /// Appends any text.
    @inlinable
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { self.bytes.append(contentsOf: $0) }
    }

    /// Appends `value` in decimal.
    @inlinable
    public mutating func append(decimal value: UInt64) {
        self.append(decimal: value, width: 1)
    }

    /// Appends `value` in decimal.
    @inlinable
    public mutating func append(decimal value: Int) {
        if value < 0 {
            self.bytes.append(UInt8(ascii: "-"))
            self.append(decimal: UInt64(value.magnitude), width: 1)
        } else {
            self.append(decimal: UInt64(value), width: 1)
        }
    }

    /// Appends `value` in decimal with at least `width` digits (zeros in front).
    @inlinable
    public mutating func append(decimal value: UInt64, width: Int) {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        self.appendDigits(of: value, radix: 10, count: max(digits, width))
    }

    /// Appends `value` in lowercase hexadecimal with at least `width` digits (zeros in front), no prefix.
    @inlinable
    public mutating func append(hex value: UInt64, width: Int = 1) {
        var digits = 1
        var rest = value
        while rest >= 16 {
            rest >>= 4
            digits += 1
        }
        self.appendDigits(of: value, radix: 16, count: max(digits, width))
    }

    /// Removes trailing `byte`s, but none before `start`.
    @inlinable
    public mutating func removeTrailing(_ byte: UInt8, downTo start: Int) {
        while self.bytes.count > start, self.bytes[self.bytes.count - 1] == byte {
            self.bytes.removeLast()
        }
    }

    /// Appends the last `count` digits of `value` in `radix` (10 or 16), most significant first:
    /// formatted in a small buffer on the stack, then copied in at once.
    @inlinable
    mutating func appendDigits(of value: UInt64, radix: UInt64, count: Int) {
        guard count <= 24 else {
            self.bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count - 24))
            self.appendDigits(of: value, radix: radix, count: 24)
            return
        }
        // Twenty-four ASCII zeros.
        var scratch: (UInt64, UInt64, UInt64) = (0x3030_3030_3030_3030, 0x3030_3030_3030_3030, 0x3030_3030_3030_3030)
        withUnsafeMutableBytes(of: &scratch) { digits in
            var rest = value
            var index = 23
            if radix == 16 {
                while rest != 0 {
                    let digit = UInt8(truncatingIfNeeded: rest & 0xF)
                    digits[index] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                    rest >>= 4
                    index -= 1
                }
            } else {
                while rest != 0 {
                    digits[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                    index -= 1
                }
            }
            self.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[(24 - count)...]))
        }
    }
}
