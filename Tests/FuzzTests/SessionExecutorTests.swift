import Fuzz
import NetworkLayers
import ProcessTestSupport
import Runner
import SCTPWire
import Scenario
import Targets
import Testing

/// The generic executor on usrsctp: the prefix replayed before every input, the same outcome for the
/// same input, the liveness probe, and a crash reported and survived.
@Suite(
    "Session fuzz executor on usrsctp",
    .enabled(
        if: TargetRegistry.usrsctp.checkAvailability().isAvailable || ExternalTool.isCI, "usrsctp is not available"))
struct SessionExecutorTests {
    static func established() throws -> Scenario {
        try ScenarioLoader().load(
            yaml: "id: p\ntitle: p\nfrom: established\nsteps: []\n", file: repositoryRoot() + "/Scenarios/p.yaml")
    }

    static func heartbeat(_ baseline: FuzzBaseline) -> FuzzCaseStep {
        .packet(
            FuzzPacket(
                sourcePort: 5000, destinationPort: 5001, verificationTag: baseline.model.peerTag ?? 0,
                chunks: [
                    FuzzChunk(.heartbeat(HeartbeatChunk(parameters: [.heartbeatInfo(.init(info: [1, 2, 3, 4]))])))
                ]))
    }

    @Test("from ESTABLISHED a HEARTBEAT is answered, the SUT stays alive, and the same input gives the same outcome")
    func heartbeatFromEstablished() throws {
        let executor = SessionFuzzExecutor(descriptor: TargetRegistry.usrsctp)
        defer { executor.shutdown() }
        let baseline = try executor.prepare(prefix: try Self.established(), seed: 5)
        #expect(baseline.model.state == .established)
        #expect(baseline.exchange.count >= 4)
        let input = FuzzCase(steps: [Self.heartbeat(baseline), .advance(milliseconds: 10)]).input
        let outcomes = try executor.execute([input, input])
        #expect(outcomes.count == 2)
        #expect(outcomes[0] == outcomes[1])
        let first = try #require(outcomes.first)
        #expect(first.alive == true)
        #expect(first.failure == nil)
        let kinds = first.packets.flatMap { RawPacket($0.bytes).chunks.map(\.type) }
        #expect(kinds.contains(.heartbeatAck), "\(kinds)")
        // Every packet says after how many steps it came: the HEARTBEAT ACK after the first.
        #expect(first.afterSteps.count == first.packets.count)
        let acknowledgement = try #require(
            first.packets.firstIndex { RawPacket($0.bytes).chunks.contains { $0.type == .heartbeatAck } })
        #expect(first.afterSteps[acknowledgement] == 1)
        #expect(first.afterSteps == first.afterSteps.sorted())
    }

    @Test("a crash is the outcome's failure, and the next input runs on a new helper")
    func crashIsReported() throws {
        let executor = SessionFuzzExecutor(descriptor: TargetRegistry.usrsctp) { (configuration) throws(TargetError) in
            try USRSCTPTarget(
                configuration: configuration,
                options: USRSCTPTarget.Options(helperEnvironment: ["SCTPCONFORM_TEST_CRASH_ON_CHUNK": "199"]))
        }
        defer { executor.shutdown() }
        let baseline = try executor.prepare(prefix: try Self.established(), seed: 5)
        let crashing = FuzzCase(steps: [
            .packet(
                FuzzPacket(
                    sourcePort: 5000, destinationPort: 5001, verificationTag: baseline.model.peerTag ?? 0,
                    chunks: [FuzzChunk(type: 199, flags: 0, value: [])]))
        ])
        let fine = FuzzCase(steps: [Self.heartbeat(baseline)])
        let outcomes = try executor.execute([crashing.input, fine.input])
        guard case .crashed? = outcomes[0].failure else {
            Issue.record("no crash: \(String(describing: outcomes[0].failure))")
            return
        }
        let oracle = FuzzOracle(baseline: baseline)
        #expect(oracle.judge(crashing, outcomes[0])?.kind == .crash)
        #expect(outcomes[1].failure == nil)
        #expect(outcomes[1].alive == true)
        #expect(oracle.judge(fine, outcomes[1]) == nil)
    }
}

/// The oracle puts both directions in the order they happened when the executor says after which step
/// each SUT packet came, even when everything happens at one instant.
@Suite("Fuzz oracle ordering")
struct OracleOrderingTests {
    @Test("SUT packets come right after the step that caused them, not after every packet of the instant")
    func ordersBySteps() {
        let baseline = MutatorTests.baseline
        let oracle = FuzzOracle(baseline: baseline)
        func packet(_ type: UInt8) -> FuzzPacket {
            FuzzPacket(
                sourcePort: 5000, destinationPort: 5001, verificationTag: 1,
                chunks: [FuzzChunk(type: type, flags: 0, value: [])])
        }
        let fuzzCase = FuzzCase(steps: [.packet(packet(0x40)), .action(.shutdown), .packet(packet(0x41))])
        let answer = AddressedPacket(
            source: baseline.endpoints.sutAddresses[0], destination: baseline.endpoints.harnessAddresses[0],
            time: .zero, bytes: SCTPPacket(
                header: CommonHeader(sourcePort: 5001, destinationPort: 5000, verificationTag: 2),
                chunks: [.abort(AbortChunk())]).encoded())
        let ordered = oracle.exchange(fuzzCase, FuzzOutcome(packets: [answer], afterSteps: [1]))
        #expect(ordered.map(\.1) == [.toSUT, .fromSUT, .toSUT])
        let byTime = oracle.exchange(fuzzCase, FuzzOutcome(packets: [answer]))
        #expect(byTime.map(\.1) == [.toSUT, .toSUT, .fromSUT])
    }
}
