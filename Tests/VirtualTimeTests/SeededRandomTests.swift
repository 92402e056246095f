import Testing
import VirtualTime

@Suite struct SeededRandomTests {
    /// Reference outputs from the public-domain C code of splitmix64.c and xoshiro256starstar.c.
    @Test func splitMix64MatchesTheReferenceImplementation() {
        var zero = SplitMix64(seed: 0)
        #expect([zero.next(), zero.next(), zero.next()] == [
            0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
        ])
        var other = SplitMix64(seed: 1_234_567)
        #expect([other.next(), other.next(), other.next()] == [
            0x599E_D017_FB08_FC85, 0x2C73_F084_5854_0FA5, 0x883E_BCE5_A3F2_7C77,
        ])
    }

    @Test func xoshiro256StarStarMatchesTheReferenceImplementation() {
        var raw = Xoshiro256StarStar(state: (1, 2, 3, 4))
        #expect((0..<5).map { _ in raw.next() } == [
            0x0000_0000_0000_2D00, 0x0000_0000_0000_0000, 0x0000_0000_5A00_7080,
            0x10E0_0000_0000_9D80, 0x10E0_B61C_E100_9D80,
        ])
        var seeded = Xoshiro256StarStar(seed: 42)
        #expect((0..<3).map { _ in seeded.next() } == [
            0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1,
        ])
    }

    @Test func sameSeedSameStreamDifferentSeedDifferentStream() {
        var a = Xoshiro256StarStar(seed: 7)
        var b = Xoshiro256StarStar(seed: 7)
        var c = Xoshiro256StarStar(seed: 8)
        let first = (0..<100).map { _ in a.next() }
        #expect(first == (0..<100).map { _ in b.next() })
        #expect(first != (0..<100).map { _ in c.next() })
    }

    @Test func allZeroStateIsReplacedBecauseItWouldBeStuck() {
        var stuck = Xoshiro256StarStar(state: (0, 0, 0, 0))
        #expect(stuck.state == Xoshiro256StarStar(seed: 0).state)
        let outputs = [stuck.next(), stuck.next()]
        #expect(outputs != [0, 0])
    }

    @Test func splitStreamsAreReproducibleAndDistinct() {
        var parent1 = Xoshiro256StarStar(seed: 99)
        var parent2 = Xoshiro256StarStar(seed: 99)
        var left1 = parent1.split(label: 1)
        var left2 = parent2.split(label: 1)
        var parent3 = Xoshiro256StarStar(seed: 99)
        var right = parent3.split(label: 2)
        let values = (0..<10).map { _ in left1.next() }
        #expect(values == (0..<10).map { _ in left2.next() })
        #expect(values != (0..<10).map { _ in right.next() })
    }

    @Test func drawsStayInRangeAndAreRoughlyUniform() {
        var generator = Xoshiro256StarStar(seed: 2024)
        var buckets = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 {
            let index = generator.nextIndex(below: 6)
            if index >= 6 { Issue.record("index \(index) out of range") }
            buckets[Int(index)] += 1
        }
        #expect(buckets.allSatisfy { (9_000...11_000).contains($0) })
        var hits = 0
        for _ in 0..<10_000 {
            let unit = generator.nextUnitInterval()
            if !(unit >= 0 && unit < 1) { Issue.record("unit draw \(unit) out of range") }
            if generator.nextBernoulli(0.25) { hits += 1 }
        }
        #expect((2_200...2_800).contains(hits))
        let zeroBound = generator.nextIndex(below: 0)
        #expect(zeroBound == 0)
    }

    @Test func bernoulliExtremesAndItsFixedConsumption() {
        var a = Xoshiro256StarStar(seed: 5)
        var b = Xoshiro256StarStar(seed: 5)
        let never = a.nextBernoulli(0)
        let always = b.nextBernoulli(1)
        let negative = a.nextBernoulli(-.infinity)
        let notANumber = a.nextBernoulli(.nan)
        #expect(!never && always && !negative && !notANumber)
        _ = b.next()
        _ = b.next()
        // Each draw consumed exactly one output, whatever the outcome.
        #expect(a.next() == b.next())
    }
}
