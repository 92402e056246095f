import Fuzz
import Testing

/// Shrinking keeps the failure and drops everything else.
@Suite("Fuzz shrinking")
struct ShrinkerTests {
    /// Fails when a SHUTDOWN COMPLETE (flags bit 1) follows an advance of at least a second.
    static func judge(_ fuzzCase: FuzzCase) -> FuzzFailure? {
        var waited = false
        for step in fuzzCase.steps {
            if case .advance(let milliseconds) = step, milliseconds >= 1_000 { waited = true }
            if case .packet(let packet) = step, waited,
                packet.chunks.contains(where: { $0.type == 0x0E && $0.flags & 0x02 != 0 })
            {
                return FuzzFailure(kind: .crash, rule: "sut-crashed", section: "robustness", message: "boom")
            }
        }
        return nil
    }

    @Test("a long failing case shrinks to the advance and the one chunk, values simplified")
    func shrinksToTheCore() throws {
        let noise = FuzzPacket(
            sourcePort: 5000, destinationPort: 5001, verificationTag: 9, checksum: .bad,
            chunks: [FuzzChunk(type: 0, flags: 3, value: [1, 2, 3, 4, 5, 6, 7, 8], length: 99)])
        var culprit = noise
        culprit.chunks.append(FuzzChunk(type: 0x0E, flags: 0x03, value: [], length: 1))
        let fuzzCase = FuzzCase(steps: [
            .packet(noise), .advance(milliseconds: 61_000), .action(.shutdown), .packet(noise), .packet(culprit),
            .advance(milliseconds: 5), .packet(noise),
        ])
        let failure = try #require(Self.judge(fuzzCase))
        var shrinker = CaseShrinker(budget: 500) { candidate in Self.judge(candidate) }
        let (shrunk, kept) = try shrinker.shrink(fuzzCase, failure: failure)
        #expect(kept.signature == failure.signature)
        #expect(shrunk.steps.count == 2, "\(FuzzCaseText.write(shrunk))")
        #expect(shrunk.steps.first == .advance(milliseconds: 1_000))
        guard case .packet(let packet)? = shrunk.steps.last else {
            Issue.record("no packet left")
            return
        }
        #expect(packet.chunks == [FuzzChunk(type: 0x0E, flags: 0x02, value: [])])
        #expect(packet.checksum == .correct)
        #expect(shrinker.executions <= 500)
    }

    @Test("the budget bounds the executions")
    func budget() throws {
        let steps = (0..<40).map { _ in FuzzCaseStep.advance(milliseconds: 2_000) } + [
            .packet(FuzzPacket(sourcePort: 1, destinationPort: 2, verificationTag: 3, chunks: [
                FuzzChunk(type: 0x0E, flags: 2, value: [])
            ]))
        ]
        let fuzzCase = FuzzCase(steps: steps)
        var shrinker = CaseShrinker(budget: 7) { candidate in Self.judge(candidate) }
        _ = try shrinker.shrink(fuzzCase, failure: try #require(Self.judge(fuzzCase)))
        #expect(shrinker.executions == 7)
    }
}
