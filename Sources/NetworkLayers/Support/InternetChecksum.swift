/// The Internet checksum of RFC 1071 (one's complement of the one's complement sum of 16-bit
/// words), used by the IPv4 header (RFC 791 §3.1) and UDP (RFC 768; RFC 8200 §8.1 for IPv6).
public struct InternetChecksum: Sendable {
    /// The running 32-bit sum, folded at the end.
    private var sum: UInt64 = 0
    /// Whether an odd byte is waiting for its partner (the next `add` continues mid-word).
    private var pendingHighByte: UInt8?

    public init() {}

    /// Adds `bytes[range]` to the sum, as if it continued the bytes added so far.
    public mutating func add(_ bytes: [UInt8], _ range: Range<Int>) {
        guard range.lowerBound < range.upperBound else { return }
        bytes.withUnsafeBytes { raw in
            self.add(UnsafeRawBufferPointer(rebasing: raw[range]))
        }
    }

    /// Adds `bytes` to the sum, as if they continued the bytes added so far.
    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        let end = bytes.count
        guard index < end else { return }
        if let high = self.pendingHighByte {
            self.sum &+= UInt64(high) << 8 | UInt64(bytes[index])
            self.pendingHighByte = nil
            index += 1
        }
        var sum = self.sum
        if end - index >= 8 {
            // Eight bytes at a time in host order: a one's complement sum does not depend on byte
            // order (RFC 1071 §2 (B)), so the folded sum of host-order words is the sum of the
            // network-order words with its two bytes swapped. Folding never turns a non-zero sum
            // into 0, so the result equals the word-by-word sum exactly.
            var wide: UInt64 = 0
            var carries: UInt64 = 0
            while index + 8 <= end {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let (total, overflow) = wide.addingReportingOverflow(word)
                wide = total
                carries &+= overflow ? 1 : 0
                index += 8
            }
            // 2^64 ≡ 1 (mod 0xFFFF): each carry out of 64 bits adds one.
            var folded = (wide & 0xFFFF_FFFF) &+ (wide >> 32) &+ carries
            while folded > 0xFFFF {
                folded = (folded & 0xFFFF) &+ (folded >> 16)
            }
            // Read as network order, the host-order sum's bytes are the network-order sum.
            sum &+= UInt64(UInt16(bigEndian: UInt16(truncatingIfNeeded: folded)))
        }
        while index + 1 < end {
            sum &+= UInt64(UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt16.self)))
            index += 2
        }
        self.sum = sum
        if index < end {
            self.pendingHighByte = bytes[index]
        }
    }

    /// Adds all of `bytes`.
    public mutating func add(_ bytes: [UInt8]) {
        self.add(bytes, 0..<bytes.count)
    }

    /// Adds one 16-bit word (must be called on a word boundary).
    public mutating func add(word: UInt16) {
        self.sum &+= UInt64(word)
    }

    /// Adds one 32-bit value as two words (must be called on a word boundary).
    public mutating func add(doubleWord: UInt32) {
        self.sum &+= UInt64(doubleWord >> 16) &+ UInt64(doubleWord & 0xFFFF)
    }

    /// The checksum: the complement of the folded sum (an odd trailing byte is padded with zero).
    public var value: UInt16 {
        var sum = self.sum
        if let high = self.pendingHighByte {
            sum &+= UInt64(high) << 8
        }
        while sum > 0xFFFF {
            sum = (sum & 0xFFFF) &+ (sum >> 16)
        }
        return ~UInt16(sum)
    }

    /// The checksum of `bytes[range]`.
    public static func of(_ bytes: [UInt8], _ range: Range<Int>) -> UInt16 {
        var checksum = InternetChecksum()
        checksum.add(bytes, range)
        return checksum.value
    }
}
