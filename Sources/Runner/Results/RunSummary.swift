/// The verdict counts of a run of several scenarios, and what they mean for the exit status.
public struct RunSummary: Hashable, Sendable {
    public var passed: Int
    public var failed: Int
    public var errors: Int
    public var skipped: Int
    /// Failures waived by the scenarios' `known_deviations:` (verdict DEVIATION).
    public var knownDeviations: Int

    public init(_ results: [ScenarioResult]) {
        self.passed = 0
        self.failed = 0
        self.errors = 0
        self.skipped = 0
        self.knownDeviations = 0
        for result in results {
            switch result.verdict {
            case .pass: self.passed += 1
            case .fail: self.failed += 1
            case .error: self.errors += 1
            case .skip: self.skipped += 1
            case .deviation: self.knownDeviations += 1
            }
        }
    }

    /// No FAIL and no ERROR: skips and known deviations do not make a run fail. (Under `--strict` a
    /// waived failure is already a FAIL.)
    public var succeeded: Bool {
        self.failed == 0 && self.errors == 0
    }

    /// The exit status of `sctpconform run` for these results: 0 when the run succeeded, else 1.
    public var exitStatus: Int32 {
        self.succeeded ? 0 : 1
    }
}
