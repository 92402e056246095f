/// When a packet was captured: whole seconds and nanoseconds, since the Unix epoch for captures
/// from the wild, since the start of a run for the harness's own (virtual-time) captures.
public struct CaptureTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: UInt64
    /// Always below 1,000,000,000.
    public var nanoseconds: UInt32

    public init(seconds: UInt64, nanoseconds: UInt32 = 0) {
        self.seconds = seconds + UInt64(nanoseconds / 1_000_000_000)
        self.nanoseconds = nanoseconds % 1_000_000_000
    }

    /// From a count of nanoseconds (e.g. `VirtualInstant.nanoseconds`).
    public init(totalNanoseconds: UInt64) {
        self.seconds = totalNanoseconds / 1_000_000_000
        self.nanoseconds = UInt32(totalNanoseconds % 1_000_000_000)
    }

    /// The timestamp in nanoseconds, saturating at `UInt64.max`.
    public var totalNanoseconds: UInt64 {
        let (product, overflow) = self.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return .max }
        let (sum, sumOverflow) = product.addingReportingOverflow(UInt64(self.nanoseconds))
        return sumOverflow ? .max : sum
    }

    public static func < (lhs: CaptureTimestamp, rhs: CaptureTimestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    /// `1595518918.370315008`.
    public var description: String {
        let fraction = String(self.nanoseconds)
        return "\(self.seconds).\(String(repeating: "0", count: 9 - fraction.count))\(fraction)"
    }
}
