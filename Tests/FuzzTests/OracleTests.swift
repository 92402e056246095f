import Fuzz
import NetworkLayers
import Scenario
import Targets
import Testing

/// The oracles other than the rules, and the scenario written for each kind of finding.
@Suite("Fuzz oracles and finding scenarios")
struct OracleTests {
    static let oracle = FuzzOracle(
        baseline: MutatorTests.baseline, checksRules: false, packetLimit: 3, byteLimit: 1_000)
    static let fuzzCase = FuzzCase(steps: [.advance(milliseconds: 5)])

    @Test("crash (with its site), hang, liveness and resource growth; a quiet outcome is no failure")
    func kinds() {
        let crash = Self.oracle.judge(
            Self.fuzzCase,
            FuzzOutcome(
                failure: .crashed(description: "helper (pid 77) died", stderr: "x\nassert 0x1f at 12 failed\n")))
        #expect(crash?.kind == .crash)
        #expect(crash?.detail == "assert # at # failed")
        #expect(crash?.message == "the SUT crashed: helper died")
        #expect(Self.oracle.judge(Self.fuzzCase, FuzzOutcome(failure: .unresponsive("slow")))?.kind == .hang)
        #expect(Self.oracle.judge(Self.fuzzCase, FuzzOutcome(alive: false))?.kind == .liveness)
        let packet = AddressedPacket(
            source: .defaultSUT, destination: .defaultHarness, time: .zero, bytes: [UInt8](repeating: 0, count: 12))
        let flood = FuzzOutcome(packets: Array(repeating: packet, count: 4))
        #expect(Self.oracle.judge(Self.fuzzCase, flood)?.kind == .resource)
        #expect(Self.oracle.judge(Self.fuzzCase, FuzzOutcome(packets: [packet], alive: true)) == nil)
    }

    @Test("a liveness finding's scenario ends with the probe; every kind's scenario loads back")
    func findingScenarios() throws {
        let prefix = FuzzPrefix.listening
        let writer = FindingScenario(prefix: prefix, target: "usrsctp", seed: 3)
        let steps: [FuzzCaseStep] = [
            .packet(
                FuzzPacket(
                    sourcePort: 5000, destinationPort: 5002, verificationTag: 7, checksum: .value(9),
                    chunks: [FuzzChunk(type: 0x40, flags: 1, value: [1, 2, 3], length: 200)])),
            .advance(milliseconds: 1_500), .action(.send(stream: 1, ppid: 2, payload: [65], unordered: true)),
            .action(.setOption(.rtoInfo(initial: 10, min: nil, max: nil))),
        ]
        for kind in FuzzFailure.Kind.allCases {
            let finding = FuzzFinding(
                failure: FuzzFailure(kind: kind, rule: "some-rule", section: "RFC 9260 §5.1", message: "m"),
                fuzzCase: FuzzCase(steps: steps), originalSteps: 9, run: 4,
                actionResults: [.failed(errno: 22, message: "EINVAL"), .ok])
            let file = "Reports/findings/\(finding.id).yaml"
            let text = ScenarioWriter().write(writer.scenario(finding, file: file))
            let loaded = try ScenarioLoader().load(yaml: text, file: file)
            let kinds = loaded.steps.map(\.kindName)
            let expected = ["app", "send", "wait", "app", "app"] + (kind == .liveness ? ["send", "expect"] : [])
            #expect(kinds == expected, "\(kind): \(text)")
            guard case .application(.perform(_, let expectFailure)) = loaded.steps[3].action else {
                Issue.record("step 4 is not the send")
                continue
            }
            #expect(expectFailure, "the send failed when it was found, so the scenario expects it to fail")
            guard case .send(let template) = loaded.steps[1].action else { continue }
            #expect(template.destinationPort == .literal(5002))
            #expect(template.checksum == .value(.literal(9)))
            #expect(template.chunks.first?.length == .literal(200))
        }
    }
}
