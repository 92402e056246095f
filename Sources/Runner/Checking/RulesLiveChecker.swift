import NetworkLayers
import Rules
import VirtualTime

/// The `Rules` module's live rule engine behind the runner's `LiveChecker` hook: every packet of a
/// run, both directions, is judged against the RFC rules in its envelope, from the session's one
/// decode of it (`ObservedPacket.sctp`).
///
/// Rules broken by the SUT keep their level (MUST findings fail the scenario). Rules broken by the
/// harness are the deliberate malformed sends of a scenario; they are reported as notes. Either way the
/// finding keeps its rule, section, violator (party and endpoint), association and related packets.
public final class RulesLiveChecker: LiveChecker {
    private var checker: LiveRuleChecker

    public init(configuration: RuleConfiguration = .live) {
        self.checker = LiveRuleChecker(configuration: configuration)
    }

    /// A fresh checker per run, for `RunnerConfiguration.makeCheckers`.
    public static let factory: @Sendable () -> [any LiveChecker] = { [RulesLiveChecker()] }

    public func observe(_ packet: ObservedPacket) -> [ScenarioFinding] {
        let found = self.checker.observe(
            packet.packet, decoded: packet.sctp, direction: packet.direction, number: packet.number)
        if found.isEmpty { return [] }
        return found.map(Self.convert)
    }

    /// The rules' tracking of the run's associations so far, each as its two sides (tags, Initial
    /// TSNs, stream counts, states, cumulative TSNs), as the packets show them.
    public var trackedSides: [[TrackedSide]] {
        self.checker.trackedSides
    }

    /// The newest association between the harness's endpoint and the SUT's as the rules' tracker knows
    /// it, the harness's side first: what the session's association model learns from.
    public func trackedSides(
        harness: TransportEndpoint, sut: TransportEndpoint
    ) -> (harness: TrackedSide, sut: TrackedSide)? {
        self.checker.trackedSides(local: harness, remote: sut).map { ($0.local, $0.remote) }
    }

    public func finish(at time: VirtualInstant) -> [ScenarioFinding] {
        self.checker.finish().map(Self.convert)
    }

    static func convert(_ live: LiveFinding) -> ScenarioFinding {
        let finding = live.finding
        let message = live.isExpected ? "harness (deliberate): \(finding.message)" : finding.message
        return ScenarioFinding(
            rule: finding.ruleID, section: finding.section.description,
            severity: live.isExpected ? .note : ScenarioFinding.Severity(finding.severity), message: message,
            packetNumber: finding.packetNumber, time: VirtualInstant(nanoseconds: finding.time),
            violator: live.violator == .harness ? .harness : .systemUnderTest,
            violatorEndpoint: live.violatorEndpoint.description, associationID: finding.associationID,
            relatedPackets: finding.relatedPackets)
    }
}
