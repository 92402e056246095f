import Runner
import Scenario

/// What `sctpconform run` prints: one line per scenario with its verdict and virtual duration, and
/// for failures the step, expected vs observed and the RFC sections below it.
public enum ConsoleReport {
    /// `PASS  handshake                     0.203s  Passive association setup ...`. `idWidth` is the
    /// column the ids are padded to: the longest id of the run (`idWidth(_:)`) keeps the columns
    /// aligned.
    public static func line(_ result: ScenarioResult, idWidth: Int = 24) -> String {
        let id = result.scenarioID.padding(
            toLength: max(idWidth, result.scenarioID.count), withPad: " ", startingAt: 0)
        let duration = Self.virtualTime(nanoseconds: result.duration.nanoseconds).padding(
            toLength: 9, withPad: " ", startingAt: 0)
        var line =
            result.verdict.rawValue.padding(
                toLength: max(5, result.verdict.rawValue.count), withPad: " ", startingAt: 0)
            + " \(id) \(duration) \(result.title)"
        if result.verdict == .skip, let reason = result.reason {
            line += " (\(reason))"
        }
        return line
    }

    /// The id column's width for scenarios with these ids: the longest, and at least 24.
    public static func idWidth<S: Sequence<String>>(_ ids: S) -> Int {
        ids.reduce(24) { max($0, $1.count) }
    }

    /// The explanation under a FAIL, ERROR or DEVIATION line, indented by the caller.
    public static func details(_ result: ScenarioResult) -> [String] {
        guard result.verdict == .fail || result.verdict == .error || result.verdict == .deviation else { return [] }
        var lines: [String] = []
        if let step = result.failedStep, let failure = step.failure {
            lines.append(failure.message)
            for mismatch in failure.mismatches {
                var text = "  \(mismatch.path): expected \(mismatch.expected), observed \(mismatch.observed)"
                if let location = mismatch.location { text += " (\(location))" }
                lines.append(text)
            }
            if let note = step.note { lines.append("  note: \(note)") }
            if !failure.rfc.isEmpty { lines.append("  checks: " + failure.rfc.joined(separator: ", ")) }
        } else if let reason = result.reason {
            lines.append(reason)
        }
        if let outcome = result.knownDeviation {
            lines.append(Self.knownDeviation(outcome))
        }
        for finding in result.findings where finding.severity != .note {
            var text = "finding [\(finding.severity.rawValue)] \(finding.section) \(finding.rule): \(finding.message)"
            var context: [String] = []
            if let packet = finding.packetNumber { context.append("packet #\(packet)") }
            let violator = finding.violatorDescription
            if !violator.isEmpty { context.append("by \(violator)") }
            if !context.isEmpty { text += " (" + context.joined(separator: ", ") + ")" }
            lines.append(text)
        }
        if result.verdict == .fail || result.verdict == .deviation {
            lines.append("  reproduce: sctpconform run \(result.file) --target \(result.target) --seed \(result.seed)")
        }
        return lines
    }

    /// `known deviation of usrsctp at step 3: <reason> (RFC 9260 §3.3.2; waiver at x.yaml:12:5)`, with
    /// what became of it when it did not waive the failure.
    public static func knownDeviation(_ outcome: KnownDeviationOutcome) -> String {
        let deviation = outcome.deviation
        let status: String
        switch outcome.status {
        case .waived: status = ""
        case .countedAsFailure: status = ", counted as a failure by --strict"
        case .noLongerOccurs: status = ", which this run passed"
        }
        let source = (deviation.reference.map { [$0] } ?? []) + ["waiver at \(deviation.location)"]
        return "known deviation of \(deviation.target) at step \(deviation.step)\(status): \(deviation.reason) "
            + "(\(source.joined(separator: "; ")))"
    }

    /// `850ms`, `31.001s`: virtual time to the millisecond.
    public static func virtualTime(nanoseconds: Int64) -> String {
        let milliseconds = max(0, nanoseconds) / 1_000_000
        if milliseconds < 1_000 { return "\(milliseconds)ms" }
        let fraction = String(milliseconds % 1_000)
        return "\(milliseconds / 1_000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)s"
    }

    /// `22 passed, 0 failed, 0 errors, 0 skipped, 1 known deviation`.
    public static func summary(_ results: [ScenarioResult]) -> String {
        let counts = RunSummary(results)
        let errors = counts.errors
        let deviations = counts.knownDeviations
        return "\(counts.passed) passed, \(counts.failed) failed, \(errors) error\(errors == 1 ? "" : "s"), "
            + "\(counts.skipped) skipped, \(deviations) known deviation\(deviations == 1 ? "" : "s")"
    }
}
