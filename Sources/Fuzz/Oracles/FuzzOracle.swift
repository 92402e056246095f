import NetworkLayers
import Rules
import Runner
import Targets
import VirtualTime

/// Judges one execution: the target crashed or hung; the SUT did not answer the liveness probe; the
/// SUT broke a MUST-level rule of the live checker on the input's exchange (RFC 9260 throughout); the
/// SUT's output for one input grew past the resource limits.
///
/// The rules see the prefix's exchange once (the checker is copied after it) and then the input's
/// packets in time order: the harness's at the instants the steps put them, the SUT's at theirs, the
/// harness's first at equal instants. Only findings on the input's packets count.
public struct FuzzOracle: Sendable {
    public var baseline: FuzzBaseline
    /// Most packets the SUT may send for one input before the resource oracle fires.
    public var packetLimit: Int
    /// Most bytes the SUT may send for one input before the resource oracle fires.
    public var byteLimit: Int
    /// Whether the live rules judge the exchange.
    public var checksRules: Bool
    private let afterPrefix: LiveRuleChecker

    public init(baseline: FuzzBaseline, checksRules: Bool = true, packetLimit: Int = 2_000, byteLimit: Int = 4 << 20) {
        self.baseline = baseline
        self.checksRules = checksRules
        self.packetLimit = packetLimit
        self.byteLimit = byteLimit
        var checker = LiveRuleChecker()
        for exchanged in baseline.exchange {
            _ = checker.observe(exchanged.packet, direction: exchanged.direction, number: exchanged.number)
        }
        self.afterPrefix = checker
    }

    /// The first failure of the execution, most severe kind first; nil when all is well.
    public func judge(_ fuzzCase: FuzzCase, _ outcome: FuzzOutcome) -> FuzzFailure? {
        if let failure = outcome.failure {
            switch failure {
            case .crashed(let description, let stderr):
                return FuzzFailure(
                    kind: .crash, rule: "sut-crashed", section: "robustness",
                    message: "the SUT crashed: \(Self.withoutProcessIDs(description))",
                    detail: FuzzFailure.crashSite(stderr: stderr))
            case .killed(let description, _):
                return FuzzFailure(
                    kind: .crash, rule: "sut-crashed", section: "robustness",
                    message: "the SUT was killed: \(Self.withoutProcessIDs(description))")
            default:
                return FuzzFailure(
                    kind: .hang, rule: "sut-unresponsive", section: "robustness",
                    message: "the SUT stopped answering: \(Self.withoutProcessIDs(failure.description))")
            }
        }
        if outcome.alive == false {
            return FuzzFailure(
                kind: .liveness, rule: "liveness", section: "RFC 9260 §5.1",
                message: "the SUT did not answer an INIT from a new port after the input (liveness probe)")
        }
        let bytes = outcome.packets.reduce(0) { $0 + $1.bytes.count }
        if outcome.packets.count > self.packetLimit || bytes > self.byteLimit {
            return FuzzFailure(
                kind: .resource, rule: "resource-growth", section: "robustness",
                message: "the SUT sent \(outcome.packets.count) packets (\(bytes) bytes) for one input of "
                    + "\(fuzzCase.steps.count) steps")
        }
        if self.checksRules, let violation = self.ruleViolation(fuzzCase, outcome) {
            return violation
        }
        return nil
    }

    /// `usrsctp helper (pid 123) killed by signal 6` without the `(pid 123) `: the same crash reads the
    /// same in every campaign.
    static func withoutProcessIDs(_ text: String) -> String {
        var result = text
        while let start = result.range(of: "(pid ") {
            guard let end = result[start.upperBound...].firstIndex(of: ")") else { break }
            var upper = result.index(after: end)
            if upper < result.endIndex, result[upper] == " " { upper = result.index(after: upper) }
            result.removeSubrange(start.lowerBound..<upper)
        }
        return result
    }

    /// The first MUST-level finding against the SUT on the input's packets.
    func ruleViolation(_ fuzzCase: FuzzCase, _ outcome: FuzzOutcome) -> FuzzFailure? {
        // A rule the SUT breaks shows in a packet it sent (silence is judged only when a run ends,
        // which an input is not): with none, there is nothing to judge, and the tracker is not copied.
        if outcome.packets.isEmpty { return nil }
        var checker = self.afterPrefix
        var number = self.baseline.exchange.count
        for (packet, direction) in self.exchange(fuzzCase, outcome) {
            number += 1
            for finding in checker.observe(packet, direction: direction, number: number) where finding.failsScenario {
                return FuzzFailure(
                    kind: .rule, rule: finding.finding.ruleID, section: finding.finding.section.description,
                    message: finding.finding.message)
            }
        }
        return nil
    }

    /// The input's packets, both ways, in the order they happened: by `FuzzOutcome.afterSteps` when the
    /// executor gives it, else by instant (the harness's first at equal instants).
    public func exchange(_ fuzzCase: FuzzCase, _ outcome: FuzzOutcome) -> [(AddressedPacket, PacketDirection)] {
        let endpoints = self.baseline.endpoints
        var sent: [AddressedPacket] = []
        var sentAfter: [Int] = []
        var time = self.baseline.time
        for (index, step) in fuzzCase.steps.enumerated() {
            switch step {
            case .packet(let packet):
                sent.append(
                    AddressedPacket(
                        source: endpoints.harnessAddresses[0], destination: endpoints.sutAddresses[0],
                        carriage: endpoints.carriage, time: time, bytes: packet.encoded))
                sentAfter.append(index)
            case .advance(let milliseconds):
                time = time + .milliseconds(Int64(milliseconds))
            case .action:
                continue
            }
        }
        if outcome.afterSteps.count == outcome.packets.count && !outcome.packets.isEmpty {
            // A harness packet of step k + 1 follows every SUT packet sent after k steps or fewer.
            var merged: [(AddressedPacket, PacketDirection)] = []
            var next = 0
            for (packet, step) in zip(sent, sentAfter) {
                while next < outcome.packets.count && outcome.afterSteps[next] <= step {
                    merged.append((outcome.packets[next], .fromSUT))
                    next += 1
                }
                merged.append((packet, .toSUT))
            }
            merged += outcome.packets[next...].map { ($0, .fromSUT) }
            return merged
        }
        var merged: [(AddressedPacket, PacketDirection)] = []
        merged.reserveCapacity(sent.count + outcome.packets.count)
        var received = outcome.packets[...]
        for packet in sent {
            while let next = received.first, next.time < packet.time {
                merged.append((next, .fromSUT))
                received = received.dropFirst()
            }
            merged.append((packet, .toSUT))
        }
        merged += received.map { ($0, .fromSUT) }
        return merged
    }
}
