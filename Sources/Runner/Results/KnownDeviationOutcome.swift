import Scenario

/// How one of a scenario's `known_deviations:` bore on a run's verdict.
public struct KnownDeviationOutcome: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable, CaseIterable {
        /// The run failed at the waived step: the verdict is DEVIATION.
        case waived
        /// The run failed at the waived step and `--strict` counts known deviations as failures: FAIL.
        case countedAsFailure = "counted-as-failure"
        /// The run passed although a waiver for this target is declared: the deviation no longer
        /// occurs and the waiver must go, so the verdict is FAIL.
        case noLongerOccurs = "no-longer-occurs"
    }

    public var deviation: KnownDeviation
    public var status: Status

    public init(deviation: KnownDeviation, status: Status) {
        self.deviation = deviation
        self.status = status
    }

    /// The reason of the FAIL a stale waiver causes.
    public static let staleWaiverMessage = "known deviation no longer occurs: remove the waiver"
}

/// Applies a scenario's waivers for the run's target to a finished run.
///
/// Only a FAIL at exactly a waived step is waived: a FAIL at another step or after the last step
/// (left-over packets, a MUST-level rule finding), an ERROR and a SKIP keep their verdict. A PASS
/// with a waiver declared for this target becomes a FAIL, so a waiver cannot linger once the target
/// conforms.
enum KnownDeviationJudge {
    /// `waivers`: the scenario's waivers for this target, ordered by step.
    static func apply(_ waivers: [KnownDeviation], strict: Bool, to result: ScenarioResult) -> ScenarioResult {
        guard let firstWaiver = waivers.first else { return result }
        var judged = result
        switch result.verdict {
        case .fail:
            guard let step = result.failedStep, step.status == .failed,
                let waiver = waivers.first(where: { $0.step == step.number })
            else { return result }
            judged.verdict = strict ? .fail : .deviation
            judged.knownDeviation = KnownDeviationOutcome(
                deviation: waiver, status: strict ? .countedAsFailure : .waived)
        case .pass:
            judged.verdict = .fail
            judged.reason = KnownDeviationOutcome.staleWaiverMessage
            judged.knownDeviation = KnownDeviationOutcome(deviation: firstWaiver, status: .noLongerOccurs)
        case .error, .skip, .deviation:
            break
        }
        return judged
    }
}
