/// Draws whose results are defined here, not by the Swift standard library, so a seed gives the
/// same choices on every toolchain (the standard library's `random(in:using:)` may change its
/// algorithm between releases).
extension RandomNumberGenerator {
    /// A uniform double in [0, 1): the top 53 bits of one output.
    public mutating func nextUnitInterval() -> Double {
        Double(self.next() >> 11) * 0x1.0p-53
    }

    /// True with probability `probability` (clamped to [0, 1]); always draws exactly one output.
    public mutating func nextBernoulli(_ probability: Double) -> Bool {
        let draw = self.nextUnitInterval()
        if !(probability > 0) { return false }
        return draw < probability
    }

    /// A uniform integer in 0..<`bound` by Lemire's multiply-and-reject method; 0 when `bound` is 0.
    public mutating func nextIndex(below bound: UInt64) -> UInt64 {
        guard bound > 0 else { return 0 }
        var product = self.next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = self.next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }
}
