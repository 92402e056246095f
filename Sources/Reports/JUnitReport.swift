import Runner

/// JUnit XML for CI systems: one `<testcase>` per scenario; FAIL is `<failure>`, ERROR `<error>`,
/// SKIP `<skipped>`, and a known deviation `<skipped>` whose message says so and gives the waiver's
/// reason (JUnit has no verdict of its own for it; dashboards still list it). Times are virtual
/// seconds, so the file is reproducible.
public enum JUnitReport {
    public static func document(_ results: [ScenarioResult], target: String, seed: UInt64) -> String {
        let total = results.reduce(Int64(0)) { $0 + $1.duration.nanoseconds }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let counts = Self.counts(results)
        xml += "<testsuites name=\"sctpconform\" \(counts) time=\"\(Self.seconds(total))\">\n"
        xml +=
            "  <testsuite name=\"\(Self.escape("sctpconform.\(target)"))\" \(counts) time=\"\(Self.seconds(total))\">\n"
        xml += "    <properties>\n"
        xml += "      <property name=\"target\" value=\"\(Self.escape(target))\"/>\n"
        xml += "      <property name=\"seed\" value=\"\(seed)\"/>\n"
        xml += "    </properties>\n"
        for result in results {
            xml += Self.testCase(result, className: Self.className(result.file))
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    /// One `<testcase>` (indented for a suite inside `<testsuites>`), its verdict as JUnit says it.
    static func testCase(_ result: ScenarioResult, className: String) -> String {
        var xml =
            "    <testcase classname=\"\(Self.escape(className))\" "
            + "name=\"\(Self.escape(result.scenarioID))\" file=\"\(Self.escape(result.file))\" "
            + "time=\"\(Self.seconds(result.duration.nanoseconds))\">\n"
        let details = ConsoleReport.details(result).joined(separator: "\n")
        switch result.verdict {
        case .pass:
            break
        case .fail:
            xml +=
                "      <failure message=\"\(Self.escape(result.reason ?? "failed"))\" type=\"FAIL\">"
                + Self.escape(details) + "</failure>\n"
        case .error:
            xml +=
                "      <error message=\"\(Self.escape(result.reason ?? "error"))\" type=\"ERROR\">"
                + Self.escape(details) + "</error>\n"
        case .skip:
            xml += "      <skipped message=\"\(Self.escape(result.reason ?? "skipped"))\"/>\n"
        case .deviation:
            xml +=
                "      <skipped message=\"\(Self.escape(Self.deviationMessage(result)))\">"
                + Self.escape(details) + "</skipped>\n"
        }
        xml += "      <system-out>\(Self.escape(Self.summary(result)))</system-out>\n"
        xml += "    </testcase>\n"
        return xml
    }

    /// `known deviation of usrsctp at step 3: <waiver reason>; observed: <failure>`.
    static func deviationMessage(_ result: ScenarioResult) -> String {
        guard let deviation = result.knownDeviation?.deviation else { return "known deviation" }
        var message = "known deviation of \(deviation.target) at step \(deviation.step): \(deviation.reason)"
        if let reason = result.reason { message += "; observed: \(reason)" }
        return message
    }

    /// `Scenarios/handshake.yaml` → `Scenarios.handshake`.
    static func className(_ file: String) -> String {
        var name = file
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
        }
        return name.split(separator: "/").filter { $0 != "." && $0 != ".." }.joined(separator: ".")
    }

    static func summary(_ result: ScenarioResult) -> String {
        var lines = [
            "\(result.title)", "seed \(result.seed), target \(result.target), \(result.packets.count) packets",
        ]
        if !result.rfc.isEmpty { lines.append("RFC: " + result.rfc.joined(separator: ", ")) }
        if !result.etsi.isEmpty { lines.append("ETSI TS 102 369: " + result.etsi.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }

    /// Nanoseconds as decimal seconds with microsecond precision.
    static func seconds(_ nanoseconds: Int64) -> String {
        let micros = max(0, nanoseconds) / 1_000
        let fraction = String(micros % 1_000_000)
        return "\(micros / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
    }

    /// XML 1.0 escaping: the HTML report's (`&#39;` and U+FFFD for what XML cannot carry are the
    /// same in both).
    static func escape(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }
}
