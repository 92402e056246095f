/// xoshiro256** 1.0 (Blackman and Vigna, 2018): the harness's seeded random number generator.
///
/// Every random choice the harness makes (fuzzing, fault injection, the hosted stack's tags and
/// cookie secrets) comes from one of these, seeded from the run's seed, never from the system RNG.
/// `init(seed:)` fills the 256-bit state with four SplitMix64 outputs, as the authors recommend;
/// the usrsctp helper (Sources/Targets/USRSCTP/sctpconform-usrsctp.c) does exactly the same in C.
public struct Xoshiro256StarStar: RandomNumberGenerator, Hashable, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Seeds the generator from one 64-bit value (through SplitMix64).
    public init(seed: UInt64) {
        var expander = SplitMix64(seed: seed)
        self.s0 = expander.next()
        self.s1 = expander.next()
        self.s2 = expander.next()
        self.s3 = expander.next()
    }

    /// Uses `state` as the raw 256-bit state. An all-zero state would only ever produce zeros, so it
    /// is replaced by the state `init(seed: 0)` gives.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        var words = state
        if words == (0, 0, 0, 0) {
            var expander = SplitMix64(seed: 0)
            words = (expander.next(), expander.next(), expander.next(), expander.next())
        }
        self.s0 = words.0
        self.s1 = words.1
        self.s2 = words.2
        self.s3 = words.3
    }

    /// The raw 256-bit state (to save and restore a generator).
    public var state: (UInt64, UInt64, UInt64, UInt64) { (self.s0, self.s1, self.s2, self.s3) }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(self.s1 &* 5, by: 7) &* 9
        let t = self.s1 << 17
        self.s2 ^= self.s0
        self.s3 ^= self.s1
        self.s1 ^= self.s2
        self.s0 ^= self.s3
        self.s2 ^= t
        self.s3 = rotateLeft(self.s3, by: 45)
        return result
    }

    /// A generator for an independent sub-stream, e.g. one per packet direction: seeded from this
    /// generator's next output mixed with `label`, so the streams do not overlap in practice.
    public mutating func split(label: UInt64 = 0) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: self.next() ^ (label &* 0xD1B5_4A32_D192_ED03))
    }
}

@inline(__always)
private func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
    (value << amount) | (value >> (64 - amount))
}
