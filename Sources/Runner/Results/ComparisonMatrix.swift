/// The results of one set of scenarios run against several targets, as a scenario × target table
/// (`sctpconform run PATH... --target usrsctp,pion`).
///
/// Rows are the scenarios in the order of the first target's run; columns the targets in the order
/// given. Every cell that is not a PASS says why (`why(_:)`): the failed expectation's step and field,
/// the rule a finding broke, or the reason of a SKIP or an ERROR. A row `differs` when its targets did
/// not all reach the same verdict: where stacks differ.
public struct ComparisonMatrix: Sendable {
    /// One target of the comparison.
    public struct Column: Hashable, Sendable {
        /// Unique within the matrix: the target's name, or `name.2`, `name.3` when the same target is
        /// given more than once (e.g. to see that a seed gives the same verdicts twice). Names the
        /// target's folder of per-scenario reports.
        public var label: String
        /// The registry name of the target.
        public var target: String

        public init(label: String, target: String) {
            self.label = label
            self.target = target
        }
    }

    /// One scenario across the targets.
    public struct Row: Sendable {
        public var scenarioID: String
        public var title: String
        public var file: String
        /// One per column, in column order; nil when that target's run has no result for the scenario.
        public var cells: [ScenarioResult?]

        /// True when the targets did not all reach the same verdict.
        public var differs: Bool {
            Set(self.cells.map { $0?.verdict }).count > 1
        }
    }

    public private(set) var columns: [Column]
    public private(set) var rows: [Row]

    /// `runs`: each target's name with its results, in the order the targets were given.
    public init(runs: [(target: String, results: [ScenarioResult])]) {
        self.columns = zip(Self.labels(runs.map(\.target)), runs).map { Column(label: $0, target: $1.target) }
        var order: [String] = []
        var firsts: [String: ScenarioResult] = [:]
        for run in runs {
            for result in run.results where firsts[result.scenarioID] == nil {
                order.append(result.scenarioID)
                firsts[result.scenarioID] = result
            }
        }
        let byColumn = runs.map { run in
            Dictionary(run.results.map { ($0.scenarioID, $0) }, uniquingKeysWith: { first, _ in first })
        }
        self.rows = order.compactMap { id in
            guard let first = firsts[id] else { return nil }
            return Row(
                scenarioID: id, title: first.title, file: first.file, cells: byColumn.map { $0[id] })
        }
    }

    /// The column labels of these targets: each name, with `.2`, `.3` on its repetitions.
    public static func labels(_ targets: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return targets.map { target in
            let count = (seen[target] ?? 0) + 1
            seen[target] = count
            return count == 1 ? target : "\(target).\(count)"
        }
    }

    /// Every result, column by column.
    public var allResults: [ScenarioResult] {
        self.columns.indices.flatMap { column in self.rows.compactMap { $0.cells[column] } }
    }

    /// The results of one column, in row order.
    public func results(column: Int) -> [ScenarioResult] {
        self.rows.compactMap { $0.cells[column] }
    }

    /// The counts over every cell; the run fails when any cell failed (FAIL or ERROR).
    public var summary: RunSummary {
        RunSummary(self.allResults)
    }

    /// Why a cell is not a PASS, in a few words; nil for a PASS.
    ///
    /// A failed expectation gives its step and the first field that did not match
    /// (`step 3: chunks[0].init-ack.outbound_streams`), or its message without the file location when
    /// no field was compared (`step 7: expected nothing within 1s ..., observed packet #6 [SACK] ...`);
    /// a failure the rule checker decided gives the rule's id and section (`rule vtag.peer-tag (RFC
    /// 9260 §8.5)`); a SKIP or ERROR its reason; a DEVIATION the failure its waiver waives.
    public static func why(_ result: ScenarioResult) -> String? {
        switch result.verdict {
        case .pass:
            return nil
        case .skip:
            return result.reason ?? "skipped"
        case .error:
            return result.reason ?? result.failedStep?.failure?.message ?? "error"
        case .fail, .deviation:
            if let step = result.failedStep, let failure = step.failure {
                if let mismatch = failure.mismatches.first {
                    return "step \(step.number): \(mismatch.path)"
                }
                // `step 9 (x.yaml:12:5): expected ...` → `step 9: expected ...` (the reports give the location).
                let located = "step \(step.number) ("
                if failure.message.hasPrefix(located), let end = failure.message.range(of: "): ") {
                    return "step \(step.number): " + failure.message[end.upperBound...]
                }
                return failure.message
            }
            if let finding = result.findings.first(where: { $0.severity == .must }) {
                return "rule \(finding.rule) (\(finding.section))"
            }
            if let outcome = result.knownDeviation, outcome.status == .noLongerOccurs {
                return "waiver at step \(outcome.deviation.step) no longer needed"
            }
            return result.reason ?? "failed"
        }
    }
}
