import VirtualTime

/// The fuzzer's only source of randomness: xoshiro256** from a seed (never the system RNG), with
/// draws defined here so a seed gives the same cases on every toolchain.
public struct FuzzRandom: Sendable {
    private var generator: Xoshiro256StarStar

    public init(seed: UInt64) {
        self.generator = Xoshiro256StarStar(seed: seed)
    }

    /// 64 random bits.
    public mutating func next() -> UInt64 {
        self.generator.next()
    }

    /// A uniform integer in 0..<bound (0 when bound is 0).
    public mutating func below(_ bound: Int) -> Int {
        bound <= 0 ? 0 : Int(self.generator.nextIndex(below: UInt64(bound)))
    }

    /// A uniform integer in the closed range.
    public mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + self.below(range.count)
    }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        self.generator.nextBernoulli(probability)
    }

    /// One element, uniformly (nil for an empty collection).
    public mutating func pick<Element>(_ elements: [Element]) -> Element? {
        elements.isEmpty ? nil : elements[self.below(elements.count)]
    }

    /// An index into `weights`, chosen in proportion to them (0 when all are 0).
    public mutating func weighted(_ weights: [Int]) -> Int {
        let total = weights.reduce(0) { $0 + max(0, $1) }
        guard total > 0 else { return 0 }
        var draw = self.below(total)
        for (index, weight) in weights.enumerated() where weight > 0 {
            if draw < weight { return index }
            draw -= weight
        }
        return weights.count - 1
    }

    /// A count biased toward small numbers: each further one with probability `more`, at most `limit`.
    public mutating func smallCount(from start: Int = 0, more: Double = 0.5, limit: Int) -> Int {
        var count = start
        while count < limit && self.chance(more) { count += 1 }
        return count
    }

    /// `count` random bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(count)
        while result.count < count {
            var word = self.next()
            for _ in 0..<min(8, count - result.count) {
                result.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return result
    }

    /// An independent stream for the label (a shard, a job), leaving this one unchanged.
    public func split(_ label: UInt64) -> FuzzRandom {
        var copy = self
        copy.generator = copy.generator.split(label: label)
        return copy
    }
}
