import NetworkLayers
import Runner
import SCTPWire
import Scenario
import Targets
import Testing
import VirtualTime

/// Wraps a non-Sendable test double so a `@Sendable` factory can hand it out (tests are single-threaded).
final class TargetBox: @unchecked Sendable {
    let target: ScriptedTarget

    init(_ target: ScriptedTarget) {
        self.target = target
    }
}

/// A live checker for tests: reports one finding of `severity` for every packet from the SUT.
final class FlagEverySUTPacket: LiveChecker {
    let severity: ScenarioFinding.Severity
    private(set) var seen: [Int] = []
    private(set) var finished = false

    init(severity: ScenarioFinding.Severity) {
        self.severity = severity
    }

    func observe(_ packet: ObservedPacket) -> [ScenarioFinding] {
        self.seen.append(packet.number)
        guard packet.direction == .fromSUT else { return [] }
        return [
            ScenarioFinding(
                rule: "test.flag", section: "RFC 9260 §8.5", severity: self.severity, message: "flagged",
                packetNumber: packet.number, time: packet.time)
        ]
    }

    func finish(at time: VirtualInstant) -> [ScenarioFinding] {
        self.finished = true
        return []
    }
}

enum RunnerTestSupport {
    /// A header for a scenario with the SUT as server on 5001 and the harness on 5000.
    static func scenario(_ steps: String, header: String = "") -> String {
        """
        id: t
        title: test
        rfc: ["RFC 9260 §5.1"]
        sut: {role: server, port: 5001}
        peer: {port: 5000}
        \(header)steps:
        \(steps)
        """
    }

    /// The handshake scenario against a scripted server that crashes ("signal 11") on the
    /// COOKIE ECHO (step 4, packet #3).
    static func runHandshakeCrashingOnCookieEcho() throws -> ScenarioResult {
        let server = ScriptedPeer.server()
        let target = ScriptedTarget { packet, bytes, time in
            if case .cookieEcho? = packet?.chunks.first { return .init(crash: "signal 11") }
            return server(packet, bytes, time)
        }
        return try Self.run(Self.scenario(Self.handshakeSteps), target: target)
    }

    static let handshakeSteps = """
          - app: listen
          - send: init
          - expect: {init-ack: {initiate_tag: -> peer, parameters: [state-cookie]}}
          - send: cookie-echo
          - expect: cookie-ack
        """

    static func descriptor(_ target: ScriptedTarget) -> TargetDescriptor {
        let box = TargetBox(target)
        return TargetDescriptor(
            name: target.name, summary: "scripted test double", capabilities: target.capabilities,
            checkAvailability: { .available(detail: "in memory") },
            make: { _, _ in box.target })
    }

    static func run(
        _ yaml: String, target: ScriptedTarget, seed: UInt64 = 1,
        checkers: @escaping @Sendable () -> [any LiveChecker] = { [] }, strict: Bool = false
    ) throws -> ScenarioResult {
        let scenario = try ScenarioLoader().load(yaml: yaml, file: "t.yaml")
        let configuration = RunnerConfiguration(seed: seed, makeCheckers: checkers, strict: strict)
        return ScenarioRunner(target: self.descriptor(target), configuration: configuration).run(scenario)
    }

    /// The packets the harness sent, decoded.
    static func sent(_ target: ScriptedTarget) -> [SCTPPacket] {
        target.received.compactMap { try? SCTPPacket(decoding: $0.bytes) }
    }
}
