/// Serial number arithmetic for 32-bit TSNs (RFC 9260 §1.6, RFC 1982): comparisons that stay
/// right across the wrap from 2^32 - 1 to 0. The one implementation: the rules' association tracker
/// and the harness's association model both compare TSNs with it.
public enum Serial {
    /// `a` comes before `b`.
    @inlinable @inline(__always)
    public static func lessThan(_ a: UInt32, _ b: UInt32) -> Bool {
        let distance = b &- a
        return distance != 0 && distance < 0x8000_0000
    }

    /// `a` comes before `b` or equals it.
    @inlinable @inline(__always)
    public static func lessThanOrEqual(_ a: UInt32, _ b: UInt32) -> Bool {
        a == b || Self.lessThan(a, b)
    }

    /// The later of two serial numbers.
    @inlinable @inline(__always)
    public static func max(_ a: UInt32, _ b: UInt32) -> UInt32 {
        Self.lessThan(a, b) ? b : a
    }
}
