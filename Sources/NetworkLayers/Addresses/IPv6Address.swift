/// An IPv6 address (RFC 8200), printed in the canonical text form of RFC 5952.
public struct IPv6Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The first eight bytes on the wire, first byte most significant.
    public var high: UInt64
    /// The last eight bytes on the wire.
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The address from its eight 16-bit groups.
    public init(groups: [UInt16]) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<8 {
            let group = index < groups.count ? UInt64(groups[index]) : 0
            if index < 4 {
                high = high << 16 | group
            } else {
                low = low << 16 | group
            }
        }
        self.init(high: high, low: low)
    }

    /// Reads sixteen bytes at `offset` (the caller has checked they exist).
    init(reading bytes: [UInt8], at offset: Int) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<8 {
            high = high << 8 | UInt64(bytes[offset + index])
            low = low << 8 | UInt64(bytes[offset + 8 + index])
        }
        self.init(high: high, low: low)
    }

    /// Text such as `2001:db8::1` or `::ffff:198.18.0.1`; nil if it is not an IPv6 address.
    public init?(_ text: String) {
        guard let groups = Self.parseGroups(Substring(text)) else { return nil }
        self.init(groups: groups)
    }

    private static func parseGroups(_ text: Substring) -> [UInt16]? {
        guard !text.isEmpty, text.utf8.count <= 45 else { return nil }
        guard let gap = text.firstRange(of: "::") else {
            let groups = Self.parseRun(text, allowIPv4Tail: true)
            return groups?.count == 8 ? groups : nil
        }
        let before = text[text.startIndex..<gap.lowerBound]
        let after = text[gap.upperBound...]
        guard after.firstRange(of: "::") == nil, !after.hasPrefix(":"), !before.hasSuffix(":") else { return nil }
        guard let head = Self.parseRun(before, allowIPv4Tail: false),
            let tail = Self.parseRun(after, allowIPv4Tail: true),
            head.count + tail.count <= 7
        else { return nil }
        return head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
    }

    /// Colon-separated hex groups; the last may be a dotted quad (two groups).
    private static func parseRun(_ run: Substring, allowIPv4Tail: Bool) -> [UInt16]? {
        if run.isEmpty { return [] }
        let parts = run.split(separator: ":", omittingEmptySubsequences: false)
        var groups: [UInt16] = []
        for (index, part) in parts.enumerated() {
            if index == parts.count - 1, allowIPv4Tail, part.contains(".") {
                guard let v4 = IPv4Address(String(part)) else { return nil }
                groups.append(UInt16(truncatingIfNeeded: v4.rawValue >> 16))
                groups.append(UInt16(truncatingIfNeeded: v4.rawValue))
                continue
            }
            guard (1...4).contains(part.count), let group = UInt16(part, radix: 16) else { return nil }
            groups.append(group)
        }
        return groups
    }

    /// The sixteen bytes in wire order.
    public var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: self.high >> UInt64(56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: self.low >> UInt64(56 - 8 * $0)) }
    }

    /// The eight 16-bit groups.
    public var groups: [UInt16] {
        (0..<4).map { UInt16(truncatingIfNeeded: self.high >> UInt64(48 - 16 * $0)) }
            + (0..<4).map { UInt16(truncatingIfNeeded: self.low >> UInt64(48 - 16 * $0)) }
    }

    public static func < (lhs: IPv6Address, rhs: IPv6Address) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    /// RFC 5952: lowercase, no leading zeros, the longest run of two or more zero groups (the
    /// first if tied) as `::`, and IPv4-mapped addresses with a dotted-quad tail (§5).
    public var description: String {
        let groups = self.groups
        if self.high == 0, self.low >> 32 == 0xFFFF {
            return "::ffff:" + IPv4Address(rawValue: UInt32(truncatingIfNeeded: self.low)).description
        }
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            if groups[index] == 0 {
                var end = index
                while end < 8, groups[end] == 0 { end += 1 }
                if end - index > bestLength {
                    bestStart = index
                    bestLength = end - index
                }
                index = end
            } else {
                index += 1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        if bestLength < 2 {
            return hex.joined(separator: ":")
        }
        let head = hex[0..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}
