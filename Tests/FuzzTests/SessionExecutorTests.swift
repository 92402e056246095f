import Fuzz
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
