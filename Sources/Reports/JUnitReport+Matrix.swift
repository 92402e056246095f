import Runner

/// `junit.xml` of a comparison run (`--target a,b`): one `<testsuite>` per target
/// (`sctpconform.<label>`) with one `<testcase>` per scenario, so a CI dashboard lists every scenario
/// and target pair once. Test cases are classed under the target (`<label>.Scenarios.handshake`) so
/// that the same scenario on two targets stays two tests.
extension JUnitReport {
    public static func document(matrix: ComparisonMatrix, seed: UInt64, profile: String? = nil) -> String {
        let all = matrix.allResults
        let total = all.reduce(Int64(0)) { $0 + $1.duration.nanoseconds }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"sctpconform\" \(Self.counts(all)) time=\"\(Self.seconds(total))\">\n"
        for (column, target) in matrix.columns.enumerated() {
            let results = matrix.results(column: column)
            let time = Self.seconds(results.reduce(Int64(0)) { $0 + $1.duration.nanoseconds })
            xml += "  <testsuite name=\"\(Self.escape("sctpconform.\(target.label)"))\" \(Self.counts(results)) "
            xml += "time=\"\(time)\">\n    <properties>\n"
            xml += "      <property name=\"target\" value=\"\(Self.escape(target.target))\"/>\n"
            xml += "      <property name=\"seed\" value=\"\(seed)\"/>\n"
            if let profile {
                xml += "      <property name=\"profile\" value=\"\(Self.escape(profile))\"/>\n"
            }
            xml += "    </properties>\n"
            for result in results {
                xml += Self.testCase(result, className: target.label + "." + Self.className(result.file))
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    /// `tests="2" failures="1" errors="0" skipped="0"` (known deviations count as skipped).
    static func counts(_ results: [ScenarioResult]) -> String {
        let failures = results.filter { $0.verdict == .fail }.count
        let errors = results.filter { $0.verdict == .error }.count
        let skipped = results.filter { $0.verdict == .skip || $0.verdict == .deviation }.count
        return "tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\""
    }
}
