/// Serial number arithmetic for 32-bit TSNs (RFC 9260 §1.6, RFC 1982): comparisons that stay
/// right across the wrap from 2^32 - 1 to 0.
enum Serial {
    /// `a` comes before `b`.
    @inline(__always)
    static func lessThan(_ a: UInt32, _ b: UInt32) -> Bool {
        let distance = b &- a
        return distance != 0 && distance < 0x8000_0000
    }

    /// `a` comes before `b` or equals it.
    @inline(__always)
    static func lessThanOrEqual(_ a: UInt32, _ b: UInt32) -> Bool {
        a == b || Self.lessThan(a, b)
    }

    /// The later of two serial numbers.
    @inline(__always)
    static func max(_ a: UInt32, _ b: UInt32) -> UInt32 {
        Self.lessThan(a, b) ? b : a
    }
}
