import Rules

/// The result of `sctpconform check`: one or more captures, the findings a filter lets through,
/// and the exit status. Its text and JSON renderings live in `Reports`, beside those of `run`.
public struct CheckReport: Sendable {
    public var results: [CaptureCheckResult]
    public var filter: FindingFilter

    public init(results: [CaptureCheckResult], filter: FindingFilter = .all) {
        self.results = results
        self.filter = filter
    }

    /// The findings of `result` that pass the filter.
    public func findings(of result: CaptureCheckResult) -> [Finding] {
        result.findings.filter(self.filter.admits)
    }

    /// 2 when some input could not be read (whole or in part), else 1 when a MUST-level finding
    /// passes the filter, else 0.
    public var exitCode: Int32 {
        if self.results.contains(where: { $0.readError != nil }) { return 2 }
        if self.results.contains(where: { self.findings(of: $0).contains { $0.severity == .must } }) { return 1 }
        return 0
    }

    /// Counts per severity of the findings that pass the filter.
    public func counts(of findings: [Finding]) -> [RuleSeverity: Int] {
        var counts: [RuleSeverity: Int] = [:]
        for finding in findings {
            counts[finding.severity, default: 0] += 1
        }
        return counts
    }
}
