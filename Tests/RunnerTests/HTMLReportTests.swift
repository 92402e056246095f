import NetworkLayers
import Foundation
import Reports
import Runner
import SCTPWire
import Scenario
import Targets
import Testing

@Suite struct HTMLReportTests {
    private func passing(checkers: @escaping @Sendable () -> [any LiveChecker] = { [] }) throws -> ScenarioResult {
        try RunnerTestSupport.run(
            RunnerTestSupport.scenario(RunnerTestSupport.handshakeSteps),
            target: ScriptedTarget(onPacket: ScriptedPeer.server()), checkers: checkers)
    }

    private func failing() throws -> ScenarioResult {
        var failing = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: init\n  - expect: {init-ack: {outbound_streams: \"<= 5\"}}"),
            target: ScriptedTarget(onPacket: ScriptedPeer.server()))
        failing.scenarioID = "t-fail"
        return failing
    }

    private func skipped() -> ScenarioResult {
        ScenarioResult(
            scenarioID: "needs-app", title: "Needs an application", file: "needs-app.yaml", target: "scripted",
            seed: 1, verdict: .skip, reason: "target lacks capability 'app-send'")
    }

    private func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sctpconform-html-\(UUID().uuidString)").path
    }

    @Test func escapesTheFiveSpecialCharactersAndControls() {
        #expect(
            HTMLEscaping.escape("<a href=\"x\">Tom & Jerry's</a>")
                == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(HTMLEscaping.escape("&amp;") == "&amp;amp;", "escaping is not idempotent: & is always escaped")
        #expect(HTMLEscaping.escape("line\nnext\ttab §3.3.2 → ok") == "line\nnext\ttab §3.3.2 → ok")
        #expect(HTMLEscaping.escape("bell\u{7} nul\u{0} del\u{7F}") == "bell\u{FFFD} nul\u{FFFD} del\u{FFFD}")
        #expect(HTMLEscaping.escape("") == "")
    }

    @Test func encodesURLComponentsAndShellWords() {
        #expect(HTMLEscaping.urlComponent("handshake-2_v1.0.pcap") == "handshake-2_v1.0.pcap")
        #expect(HTMLEscaping.urlComponent("a b/#\"§") == "a%20b%2F%23%22%C2%A7")
        #expect(HTMLEscaping.shellWord("Scenarios/handshake.yaml") == "Scenarios/handshake.yaml")
        #expect(HTMLEscaping.shellWord("my file's.yaml") == "'my file'\\''s.yaml'")
        #expect(HTMLEscaping.shellWord("$(rm -rf x)") == "'$(rm -rf x)'")
        #expect(HTMLEscaping.shellWord("") == "''")
    }

    @Test func sameResultsGiveByteIdenticalPages() throws {
        let first = self.temporaryDirectory()
        let second = self.temporaryDirectory()
        defer { [first, second].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        for directory in [first, second] {
            // Each write runs the scenarios afresh, as two invocations with the same seed would.
            let results = [try self.passing(), try self.failing(), self.skipped()]
            try ReportWriter(directory: directory).write(results, target: "scripted", seed: 1)
        }
        let a = try #require(FileManager.default.contents(atPath: first + "/index.html"))
        let b = try #require(FileManager.default.contents(atPath: second + "/index.html"))
        #expect(a == b)
        #expect(a.count > 1_000)
    }

    @Test func headerCountsVerdictsAndGivesTheRunsCommand() throws {
        let results = [try self.passing(), try self.failing(), self.skipped()]
        let page = HTMLReport.document(results, target: "scripted", seed: 1)
        #expect(page.hasPrefix("<!DOCTYPE html>\n"))
        #expect(page.contains("PASS <b>1</b>"))
        #expect(page.contains("FAIL <b>1</b>"))
        #expect(page.contains("SKIP <b>1</b>"))
        #expect(page.contains("<li class=\"badge v-error zero\">ERROR <b>0</b></li>"))
        #expect(page.contains("DEVIATION <b>0</b>"))
        #expect(page.contains("Run failed"))
        #expect(page.contains("exit status 1"))
        #expect(
            page.contains("<code>sctpconform run t.yaml needs-app.yaml --target scripted --seed 1</code>"),
            "each file once, in run order")
        // One summary row per scenario, each linking to its section.
        for id in ["t", "t-fail", "needs-app"] {
            #expect(page.contains("<a href=\"#scenario-\(id)\"><code>\(id)</code></a>"))
            #expect(page.contains(" id=\"scenario-\(id)\""))
        }
        #expect(page.contains("<td>RFC 9260 §5.1</td>"))
        // Self-contained: nothing to fetch, nothing to run.
        #expect(!page.contains("<script"))
        #expect(!page.contains("src="))
        #expect(!page.contains("<link"))
        #expect(!page.contains("http://") && !page.contains("https://"))
    }

    @Test func failingResultShowsReasonMismatchAndReproduceLine() throws {
        let page = HTMLReport.document([try self.failing()], target: "scripted", seed: 1)
        #expect(page.contains("<details class=\"scenario v-fail\" id=\"scenario-t-fail\" open>"))
        #expect(page.contains("Step 2 (expect) failed at <code>t.yaml:8:5</code>"))
        #expect(page.contains("step 2 (t.yaml:8:5): expected [init-ack {outbound_streams: &lt;= 5}]"))
        #expect(
            page.contains(
                "<tr><td><code>chunks[0].init-ack.outbound_streams</code></td><td><code>&lt;= 5</code></td>"
                    + "<td><code>10</code></td><td><code>t.yaml:8:43</code></td></tr>"))
        #expect(page.contains("checks: RFC 9260 §3.3.3, RFC 9260 §5.1"))
        #expect(page.contains("<code>reproduce: sctpconform run t.yaml --target scripted --seed 1</code>"))
        #expect(page.contains("<tr class=\"step-failed\">"))
        #expect(page.contains("unexpected at step 2"))
    }

    @Test func passingResultListsTcpdumpLinesAndFindings() throws {
        let result = try self.passing(checkers: { [FlagEverySUTPacket(severity: .should)] })
        #expect(result.verdict == .pass)
        #expect(!result.packets.isEmpty && !result.findings.isEmpty)
        let page = HTMLReport.document([result], target: "scripted", seed: 1)
        #expect(page.contains("<details class=\"scenario v-pass\" id=\"scenario-t\">"), "a PASS starts closed")
        #expect(!page.contains("reproduce:"))
        for packet in result.packets {
            let line = HTMLEscaping.escape(TcpdumpSummary.line(for: packet.bytes))
            #expect(line.hasPrefix("sctp (1) ["))
            let direction = packet.direction == .toSUT ? "harness → SUT" : "SUT → harness"
            #expect(
                page.contains(
                    "<td class=\"num\">\(packet.number)</td><td class=\"nowrap\">\(direction)<br>"
                        + "<span class=\"muted\">\(packet.packet.source) → \(packet.packet.destination)</span></td>"
                        + "<td class=\"num\">\(packet.time.description)</td>"
                        + "<td><code class=\"wire\">\(line)</code></td>"))
        }
        #expect(page.contains("[INIT ACK]"))
        #expect(page.contains("matched step 3"))
        for finding in result.findings {
            let packet = try #require(finding.packetNumber)
            #expect(
                page.contains(
                    "<td><code>test.flag</code></td><td>SHOULD</td><td>RFC 9260 §8.5</td><td></td>"
                        + "<td class=\"num\"></td><td><a href=\"#scenario-t-packet-\(packet)\">#\(packet)</a></td>"))
            #expect(page.contains("id=\"scenario-t-packet-\(packet)\""))
        }
        #expect(page.contains("<a href=\"t.pcap\">pcap</a> · <a href=\"t.json\">JSON</a>"))
    }

    @Test func skippedScenarioWithoutPcapLinksNoPcap() throws {
        let directory = self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try ReportWriter(directory: directory).write([self.skipped()], target: "scripted", seed: 1)
        #expect(!written.contains { $0.hasSuffix(".pcap") })
        let page = try String(contentsOfFile: directory + "/index.html", encoding: .utf8)
        #expect(!page.contains(".pcap"))
        #expect(page.contains("<a href=\"needs-app.json\">JSON</a>"))
        #expect(page.contains("<p class=\"message\">target lacks capability &#39;app-send&#39;</p>"))
        #expect(page.contains("<details class=\"scenario v-skip\" id=\"scenario-needs-app\" open>"))
        #expect(page.contains("Run passed"))
    }

    @Test func errorAndKnownDeviationExplainThemselves() throws {
        var error = self.skipped()
        error.scenarioID = "crash"
        error.verdict = .error
        error.reason = "target crashed: signal 11"
        var deviation = try self.failing()
        deviation.scenarioID = "waived"
        deviation.verdict = .deviation
        let waiver = KnownDeviation(
            target: "scripted", step: 2, reason: "follows <RFC 4960>", reference: "RFC 9260 §5.1",
            location: FileLocation(file: "t.yaml", line: 12, column: 5))
        deviation.knownDeviation = KnownDeviationOutcome(deviation: waiver, status: .waived)
        let page = HTMLReport.document([error, deviation], target: "scripted", seed: 1)
        #expect(page.contains("<p class=\"message\">target crashed: signal 11</p>"))
        #expect(page.contains("<code>reproduce: sctpconform run needs-app.yaml --target scripted --seed 1</code>"))
        let waiverText = HTMLEscaping.escape(ConsoleReport.knownDeviation(deviation.knownDeviation!))
        #expect(waiverText.contains("follows &lt;RFC 4960&gt;"))
        #expect(page.contains("Known deviation (waived)</p><p>\(waiverText)</p>"))
        #expect(page.contains("DEVIATION <b>1</b>"))

        var strict = deviation
        strict.verdict = .fail
        strict.knownDeviation = KnownDeviationOutcome(deviation: waiver, status: .countedAsFailure)
        #expect(HTMLReport.runCommand([strict], target: "scripted", seed: 9).hasSuffix("--seed 9 --strict"))
    }

    @Test func inputIsEscapedEverywhere() {
        let hostile = ScenarioResult(
            scenarioID: "x", title: "<script>alert(1)</script>", file: "a b's.yaml", target: "t&t", seed: 2,
            verdict: .skip, reason: "needs \"quotes\" & <tags>", rfc: ["RFC <1>"], etsi: ["TP/<2>"],
            notes: "notes with <b>bold</b>\n")
        let page = HTMLReport.document([hostile], target: "t&t", seed: 2)
        #expect(!page.contains("<script>") && !page.contains("<b>bold</b>") && !page.contains("<tags>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("needs &quot;quotes&quot; &amp; &lt;tags&gt;"))
        #expect(page.contains("RFC &lt;1&gt;") && page.contains("TP/&lt;2&gt;"))
        #expect(page.contains("<p class=\"prose\">notes with &lt;b&gt;bold&lt;/b&gt;</p>"))
        #expect(
            page.contains("sctpconform run &#39;a b&#39;\\&#39;&#39;s.yaml&#39; --target &#39;t&amp;t&#39; --seed 2"))
    }

    @Test func writerListsTheIndexLastAndLeavesNoTemporaryFiles() throws {
        let directory = self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try ReportWriter(directory: directory).write(
            [try self.passing(), self.skipped()], target: "scripted", seed: 1)
        #expect(
            written.map { ($0 as NSString).lastPathComponent } == [
                "t.pcap", "t.json", "needs-app.json", "run.json", "junit.xml", "index.html",
            ])
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names == ["index.html", "junit.xml", "needs-app.json", "run.json", "t.json", "t.pcap"])
    }
}
