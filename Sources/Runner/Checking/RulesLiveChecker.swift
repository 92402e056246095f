import Rules
import VirtualTime

/// The `Rules` module's live rule engine behind the runner's `LiveChecker` hook: every packet of a
/// run, both directions, is judged against the RFC rules.
///
/// Rules broken by the SUT keep their level (MUST findings fail the scenario). Rules broken by the
/// harness are the deliberate malformed sends of a scenario; they are reported as notes.
public final class RulesLiveChecker: LiveChecker {
    private var checker: LiveRuleChecker

    public init(configuration: RuleConfiguration = .live) {
        self.checker = LiveRuleChecker(configuration: configuration)
    }

    /// A fresh checker per run, for `RunnerConfiguration.makeCheckers`.
    public static let factory: @Sendable () -> [any LiveChecker] = { [RulesLiveChecker()] }

    public func observe(_ packet: ObservedPacket) -> [ScenarioFinding] {
        let direction: LiveDirection = packet.direction == .toSUT ? .harnessToSUT : .sutToHarness
        return self.checker.observe(
            packet.bytes, direction: direction, number: packet.number, time: packet.time.nanoseconds
        )
        .map(Self.convert)
    }

    public func finish(at time: VirtualInstant) -> [ScenarioFinding] {
        self.checker.finish().map(Self.convert)
    }

    static func convert(_ live: LiveFinding) -> ScenarioFinding {
        let finding = live.finding
        let severity: ScenarioFinding.Severity
        if live.isExpected {
            severity = .note
        } else {
            switch finding.severity {
            case .must: severity = .must
            case .should: severity = .should
            case .suspicious: severity = .suspicious
            }
        }
        let message = live.isExpected ? "harness (deliberate): \(finding.message)" : finding.message
        return ScenarioFinding(
            rule: finding.ruleID, section: finding.section.description, severity: severity, message: message,
            packetNumber: finding.packetNumber, time: VirtualInstant(nanoseconds: finding.time))
    }
}
