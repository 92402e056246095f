import Runner
import Scenario

/// What `sctpconform run` prints: one line per scenario with its verdict and virtual duration, and
/// for failures the step, expected vs observed and the RFC sections below it.
public enum ConsoleReport {
    /// `PASS  handshake                     0.203s  Passive association setup ...`.
    public static func line(_ result: ScenarioResult) -> String {
        let id = result.scenarioID.padding(toLength: max(24, result.scenarioID.count), withPad: " ", startingAt: 0)
        let duration = Self.virtualTime(nanoseconds: result.duration.nanoseconds).padding(
            toLength: 9, withPad: " ", startingAt: 0)
        var line =
            result.verdict.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)
            + " \(id) \(duration) \(result.title)"
        if result.verdict == .skip, let reason = result.reason {
            line += " (\(reason))"
        }
        return line
    }

    /// The explanation under a FAIL or ERROR line, indented by the caller.
    public static func details(_ result: ScenarioResult) -> [String] {
        guard result.verdict == .fail || result.verdict == .error else { return [] }
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
        for finding in result.findings where finding.severity != .note {
            var text = "finding [\(finding.severity.rawValue)] \(finding.section): \(finding.message)"
            if let packet = finding.packetNumber { text += " (packet #\(packet))" }
            lines.append(text)
        }
        if result.verdict == .fail {
            lines.append("  reproduce: sctpconform run \(result.file) --target \(result.target) --seed \(result.seed)")
        }
        return lines
    }

    /// `850ms`, `31.001s`: virtual time to the millisecond.
    public static func virtualTime(nanoseconds: Int64) -> String {
        let milliseconds = max(0, nanoseconds) / 1_000_000
        if milliseconds < 1_000 { return "\(milliseconds)ms" }
        let fraction = String(milliseconds % 1_000)
        return "\(milliseconds / 1_000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)s"
    }

    /// `5 passed, 1 failed, 0 errors, 2 skipped`.
    public static func summary(_ results: [ScenarioResult]) -> String {
        func count(_ verdict: Verdict) -> Int { results.filter { $0.verdict == verdict }.count }
        let errors = count(.error)
        return "\(count(.pass)) passed, \(count(.fail)) failed, \(errors) error\(errors == 1 ? "" : "s"), "
            + "\(count(.skip)) skipped"
    }
}
