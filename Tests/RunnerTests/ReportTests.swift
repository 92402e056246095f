import Foundation
import Reports
import Runner
import SCTPWire
import Scenario
import Targets
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct ReportTests {
    private func results() throws -> [ScenarioResult] {
        let passing = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(RunnerTestSupport.handshakeSteps),
            target: ScriptedTarget(onPacket: ScriptedPeer.server()))
        var failing = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: init\n  - expect: {init-ack: {outbound_streams: \"<= 5\"}}"),
            target: ScriptedTarget(onPacket: ScriptedPeer.server()))
        failing.scenarioID = "t-fail"
        return [passing, failing]
    }

    @Test func writesEveryFileAtomicallyAndReadably() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sctpconform-reports-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let results = try self.results()
        let written = try ReportWriter(directory: directory + "/nested").write(results, target: "scripted", seed: 1)
        #expect(
            written.map { ($0 as NSString).lastPathComponent } == [
                "t.pcap", "t.json", "t-fail.pcap", "t-fail.json", "run.json", "junit.xml", "index.html",
            ])
        let names = try FileManager.default.contentsOfDirectory(atPath: directory + "/nested").sorted()
        #expect(
            names == ["index.html", "junit.xml", "run.json", "t-fail.json", "t-fail.pcap", "t.json", "t.pcap"],
            "no temporary files left")

        let json = try #require(FileManager.default.contents(atPath: directory + "/nested/t-fail.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["verdict"] as? String == "FAIL")
        let steps = try #require(object["steps"] as? [[String: Any]])
        let failure = try #require(steps[1]["failure"] as? [String: Any])
        let mismatches = try #require(failure["mismatches"] as? [[String: Any]])
        #expect(mismatches.first?["path"] as? String == "chunks[0].init-ack.outbound_streams")
        #expect((steps[1]["packets"] as? [[String: Any]])?.first?["chunks"] as? String == "INIT ACK")

        let pcap = try #require(FileManager.default.contents(atPath: directory + "/nested/t.pcap"))
        #expect(Array(pcap.prefix(4)) == [0xD4, 0xC3, 0xB2, 0xA1])
        #expect(pcap.count == 24 + results[0].capture.reduce(0) { $0 + 16 + $1.bytes.count })

        let junitData = try #require(FileManager.default.contents(atPath: directory + "/nested/junit.xml"))
        let junit = try #require(String(data: junitData, encoding: .utf8))
        #expect(junit.contains("tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\""))
        #expect(
            junit.contains("<failure message=\"step 2 (t.yaml:8:5): expected [init-ack {outbound_streams: &lt;= 5}]"))
        _ = try XMLDocument(xmlString: junit)
    }

    @Test func consoleLinesExplainFailures() throws {
        let results = try self.results()
        #expect(ConsoleReport.line(results[0]).hasPrefix("PASS  t "))
        let details = ConsoleReport.details(results[1])
        #expect(details.first?.hasPrefix("step 2 (t.yaml:8:5): expected") == true)
        #expect(details.contains("  chunks[0].init-ack.outbound_streams: expected <= 5, observed 10 (t.yaml:8:43)"))
        // No `rfc:` on the step: the section defining the INIT ACK, then the scenario's.
        #expect(details.contains("  checks: RFC 9260 §3.3.3, RFC 9260 §5.1"))
        #expect(details.last == "  reproduce: sctpconform run t.yaml --target scripted --seed 1")
        #expect(ConsoleReport.summary(results) == "1 passed, 1 failed, 0 errors, 0 skipped, 0 known deviations")
        #expect(ConsoleReport.virtualTime(nanoseconds: 31_000_999_000) == "31.000s")
        #expect(ConsoleReport.virtualTime(nanoseconds: 500_000_000) == "500ms")
    }

    @Test func consoleColumnsStayAlignedForLongIDs() throws {
        let results = try self.results()
        let width = ConsoleReport.idWidth(["t", String(repeating: "x", count: 30)])
        #expect(width == 30)
        #expect(ConsoleReport.idWidth(["t"]) == 24)
        let line = ConsoleReport.line(results[0], idWidth: width)
        // "PASS " + " " + id padded to 30 + " " + duration: the duration starts at column 37.
        #expect(line.hasPrefix("PASS  t" + String(repeating: " ", count: 29)))
        #expect(line.dropFirst(37).first?.isNumber == true)
    }

    @Test func jsonEscapesAndKeepsKeyOrder() {
        let value = JSONValue.object([
            ("b", .string("quote \" backslash \\ newline \n tab \t bell \u{7}")),
            ("a", .array([.integer(-1), .unsigned(.max), .bool(true), .null])),
        ])
        #expect(
            value.serialized()
                == "{\n  \"b\": \"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007\",\n"
                + "  \"a\": [-1, 18446744073709551615, true, null]\n}\n"
        )
    }
}
