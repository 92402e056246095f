/// An IPv4 address as carried in SCTP address parameters (RFC 9260 §3.3.2.1), printed and parsed
/// in dotted-decimal form (`198.18.0.1`).
public struct IPv4AddressValue: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The address in network order as a 32-bit number (`198.18.0.1` is `0xC612_0001`).
    public var rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        self.rawValue = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// The address from its 4 network-order bytes; nil for any other count.
    public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        guard bytes.count == 4 else { return nil }
        self.rawValue = bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Parses dotted-decimal text: four decimal numbers 0...255 of one to three digits.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }),
                let octet = UInt8(part)
            else { return nil }
            value = value << 8 | UInt32(octet)
        }
        self.rawValue = value
    }

    /// The 4 network-order bytes.
    public var bytes: [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: self.rawValue >> $0) }
    }

    /// Dotted-decimal text.
    public var description: String {
        self.bytes.map(String.init).joined(separator: ".")
    }

    public static func < (lhs: IPv4AddressValue, rhs: IPv4AddressValue) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
