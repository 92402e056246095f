/// A 48-bit IEEE 802 MAC address.
public struct MACAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address in the low 48 bits, first byte on the wire most significant.
    public var rawValue: UInt64

    public init(rawValue: UInt64) {
        self.rawValue = rawValue & 0xFFFF_FFFF_FFFF
    }

    /// The address from six bytes in wire order.
    public init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8, _ b4: UInt8, _ b5: UInt8) {
        self.rawValue =
            UInt64(b0) << 40 | UInt64(b1) << 32 | UInt64(b2) << 24 | UInt64(b3) << 16
            | UInt64(b4) << 8 | UInt64(b5)
    }

    /// Reads six bytes at `offset` (the caller has checked they exist).
    init(reading bytes: [UInt8], at offset: Int) {
        self.init(
            bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3], bytes[offset + 4],
            bytes[offset + 5])
    }

    /// `aa:bb:cc:dd:ee:ff`, or nil if the text is not six colon-separated hex bytes.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6 else { return nil }
        var value: UInt64 = 0
        for part in parts {
            guard (1...2).contains(part.count), let byte = UInt8(part, radix: 16) else { return nil }
            value = value << 8 | UInt64(byte)
        }
        self.rawValue = value
    }

    /// The all-zero address.
    public static let zero = MACAddress(rawValue: 0)

    /// The six bytes in wire order.
    public var bytes: [UInt8] {
        (0..<6).map { UInt8(truncatingIfNeeded: self.rawValue >> UInt64(40 - 8 * $0)) }
    }

    func append(to bytes: inout [UInt8]) {
        for shift in stride(from: 40, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: self.rawValue >> UInt64(shift)))
        }
    }

    /// `0a:58:ac:1b:02:01`.
    public var description: String {
        self.bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: ":")
    }
}
