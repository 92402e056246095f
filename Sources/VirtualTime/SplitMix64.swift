/// SplitMix64 (Steele, Lea, Flood 2014; public-domain reference by Vigna): a tiny seeded generator.
///
/// The harness uses it to expand one 64-bit seed into the state of `Xoshiro256StarStar`, and as a
/// generator in its own right where speed matters more than statistical quality. The output
/// sequence is fixed by the algorithm, not by the Swift version, so a seed reproduces a run anywhere.
public struct SplitMix64: RandomNumberGenerator, Hashable, Sendable {
    /// The whole state: advanced by the golden-ratio increment on every draw.
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        self.state = seed
    }

    public mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
