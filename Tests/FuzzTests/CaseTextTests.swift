import Fuzz
import Testing

/// The corpus file format: writing then reading gives the case back; bad files are refused with the line.
@Suite("Fuzz case files")
struct CaseTextTests {
    @Test("generated and mutated cases survive a write and a read, and name files by content")
    func roundTrip() {
        let generator = CaseGenerator(baseline: MutatorTests.baseline, associated: true)
        let mutator = CaseMutator(generator: generator)
        var random = FuzzRandom(seed: 21)
        for _ in 0..<500 {
            let fuzzCase = mutator.mutate(generator.generate(random: &random), other: nil, random: &random)
            let text = FuzzCaseText.write(fuzzCase)
            guard case .success(let read) = FuzzCaseText.read(text) else {
                Issue.record("does not read back:\n\(text)")
                return
            }
            #expect(read == fuzzCase)
            #expect(CorpusStore.fileName(of: read) == CorpusStore.fileName(of: fuzzCase))
        }
    }

    @Test("every action and option reads back")
    func actions() throws {
        let fuzzCase = FuzzCase(steps: [
            .action(.listen), .action(.connect), .action(.send(stream: 3, ppid: 46, payload: [1, 2], unordered: true)),
            .action(.shutdown), .action(.abort(reason: [])), .action(.close),
            .action(.setOption(.rtoInfo(initial: 10, min: nil, max: 99))),
            .action(.setOption(.initMessage(outboundStreams: nil, maxInboundStreams: 4, maxAttempts: nil))),
            .action(.setOption(.cookieLife(milliseconds: 5))), .action(.setOption(.maxRetransmissions(2))),
            .action(.setOption(.heartbeatInterval(milliseconds: 0))), .action(.setOption(.delayedAck(milliseconds: 1))),
            .action(.setOption(.noDelay(true))), .advance(milliseconds: 4_000),
            .packet(FuzzPacket(sourcePort: 1, destinationPort: 2, verificationTag: 3, checksum: .value(7), chunks: [])),
        ])
        #expect(try FuzzCaseText.read(FuzzCaseText.write(fuzzCase)).get() == fuzzCase)
    }

    @Test("malformed files are refused with the line and the reason")
    func malformed() {
        let cases: [(String, Int)] = [
            ("not a case\n", 1),
            ("sctpconform-fuzz-case 1\nchunk 1 0 - 00\n", 2),
            ("sctpconform-fuzz-case 1\npacket 1 2 3 nonsense\n", 2),
            ("sctpconform-fuzz-case 1\nadvance 1\naction fly\n", 3),
            ("sctpconform-fuzz-case 1\npacket 1 2 3 correct\n  chunk 1 0 - 0g\n", 3),
        ]
        for (text, line) in cases {
            guard case .failure(let error) = FuzzCaseText.read(text) else {
                Issue.record("accepted:\n\(text)")
                continue
            }
            #expect(error.line == line, "\(error)")
        }
    }
}
