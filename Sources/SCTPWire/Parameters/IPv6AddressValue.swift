/// An IPv6 address as carried in SCTP address parameters (RFC 9260 §3.3.2.1), printed in the
/// canonical text form of RFC 5952 §4 (`2001:db8::1`) and parsed from any RFC 4291 §2.2 form.
public struct IPv6AddressValue: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The first 8 network-order bytes.
    public var high: UInt64
    /// The last 8 network-order bytes.
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The address from its 16 network-order bytes; nil for any other count.
    public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        guard bytes.count == 16 else { return nil }
        let array = Array(bytes)
        self.high = array[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        self.low = array[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The address from its eight 16-bit groups; nil unless there are exactly eight.
    public init?(groups: [UInt16]) {
        guard groups.count == 8 else { return nil }
        self.high = groups[0..<4].reduce(0) { $0 << 16 | UInt64($1) }
        self.low = groups[4..<8].reduce(0) { $0 << 16 | UInt64($1) }
    }

    /// Parses text: eight hexadecimal groups, at most one `::` standing for one or more zero groups,
    /// and optionally a dotted IPv4 address in place of the last two groups (RFC 4291 §2.2).
    public init?(_ text: String) {
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return nil }
        guard var head = Self.parseGroups(halves[0], allowIPv4Tail: halves.count == 1) else { return nil }
        if halves.count == 2 {
            guard let tail = Self.parseGroups(halves[1], allowIPv4Tail: true), head.count + tail.count <= 7 else {
                return nil
            }
            head += [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        self.init(groups: head)
    }

    /// Colon-separated groups (possibly none), the last two possibly written as an IPv4 address.
    private static func parseGroups(_ text: String, allowIPv4Tail: Bool) -> [UInt16]? {
        if text.isEmpty { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var groups: [UInt16] = []
        for (index, part) in parts.enumerated() {
            if index == parts.count - 1, allowIPv4Tail, part.contains(".") {
                guard let ipv4 = IPv4AddressValue(String(part)) else { return nil }
                groups.append(UInt16(truncatingIfNeeded: ipv4.rawValue >> 16))
                groups.append(UInt16(truncatingIfNeeded: ipv4.rawValue))
                continue
            }
            guard (1...4).contains(part.count), part.allSatisfy({ $0.isHexDigit && $0.isASCII }),
                let group = UInt16(part, radix: 16)
            else { return nil }
            groups.append(group)
        }
        return groups
    }

    /// The eight 16-bit groups.
    public var groups: [UInt16] {
        [48, 32, 16, 0].map { UInt16(truncatingIfNeeded: self.high >> $0) }
            + [48, 32, 16, 0].map { UInt16(truncatingIfNeeded: self.low >> $0) }
    }

    /// The 16 network-order bytes.
    public var bytes: [UInt8] {
        stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: self.high >> UInt64($0)) }
            + stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: self.low >> UInt64($0)) }
    }

    /// RFC 5952 §4 text: lowercase hexadecimal without leading zeros, the longest run of two or more
    /// zero groups (the first of equal runs) written `::`.
    public var description: String {
        let groups = self.groups
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < 8, groups[end] == 0 { end += 1 }
            if end - index > bestLength, end - index >= 2 {
                bestStart = index
                bestLength = end - index
            }
            index = end
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestStart >= 0 else { return hex.joined(separator: ":") }
        let head = hex[0..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }

    public static func < (lhs: IPv6AddressValue, rhs: IPv6AddressValue) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}
