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

/// The comparison matrix (`run --target a,b`): its model and its four renderings, from results of
/// scripted targets that agree on one scenario and differ on two (a failed expectation, a SKIP).
@Suite struct ComparisonMatrixTests {
    /// `a` passes everything; `b` fails scenario `t` at step 3's outbound streams and lacks the
    /// client capability that `c` needs.
    private func matrix(targets: [String] = ["a", "b"]) throws -> ComparisonMatrix {
        let handshake = RunnerTestSupport.scenario(RunnerTestSupport.handshakeSteps)
        let strict = RunnerTestSupport.scenario(
            "  - send: init\n  - expect: {init-ack: {outbound_streams: \"<= 5\"}}")
        let client = """
            id: c
            title: client
            sut: {role: client, port: 5001}
            peer: {port: 5000}
            steps:
              - app: connect
              - expect: init
            """
        var runs: [(target: String, results: [ScenarioResult])] = []
        for (index, name) in targets.enumerated() {
            let lenient = index == 0
            var results: [ScenarioResult] = []
            var first = try RunnerTestSupport.run(handshake, target: ScriptedTarget(onPacket: ScriptedPeer.server()))
            first.scenarioID = "h"
            results.append(first)
            let second = try RunnerTestSupport.run(
                lenient ? handshake : strict, target: ScriptedTarget(onPacket: ScriptedPeer.server()))
            results.append(second)
            let capabilities: Set<TargetCapability> =
                lenient ? [.server, .client, .application] : [.server, .application]
            var third = try RunnerTestSupport.run(
                client,
                target: ScriptedTarget(
                    capabilities: capabilities, onPacket: ScriptedPeer.server(),
                    onAction: { action, _ in
                        guard action == .connect else { return (.ok, [], []) }
                        let initiation = InitChunk(
                            initiateTag: 7, advertisedReceiverWindow: 65_536, outboundStreams: 1, inboundStreams: 1,
                            initialTSN: 1)
                        return (.ok, [(.zero, ScriptedPeer.packet(tag: 0, [.initiation(initiation)]))], [])
                    }))
            third.scenarioID = "c"
            results.append(third)
            runs.append((name, results.map { result in
                var result = result
                result.target = name
                return result
            }))
        }
        return ComparisonMatrix(runs: runs)
    }

    @Test func cellsSayWhyTheTargetsDiffer() throws {
        let matrix = try self.matrix()
        #expect(matrix.columns.map(\.label) == ["a", "b"])
        #expect(matrix.rows.map(\.scenarioID) == ["h", "t", "c"])
        #expect(matrix.rows.map(\.differs) == [false, true, true])
        let failed = try #require(matrix.rows[1].cells[1])
        #expect(failed.verdict == .fail)
        #expect(ComparisonMatrix.why(failed) == "step 2: chunks[0].init-ack.outbound_streams")
        let skipped = try #require(matrix.rows[2].cells[1])
        #expect(ComparisonMatrix.why(skipped) == "target scripted lacks client")
        #expect(ComparisonMatrix.why(try #require(matrix.rows[0].cells[0])) == nil)
        #expect(!matrix.summary.succeeded, "one failed cell fails the run")
        #expect(matrix.summary.exitStatus == 1)
    }

    @Test func aFailureWithoutFieldsGivesItsMessageWithoutTheLocation() throws {
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - app: listen\n  - send: init\n  - expect: nothing"),
            target: ScriptedTarget(onPacket: ScriptedPeer.server()))
        #expect(result.verdict == .fail)
        let why = try #require(ComparisonMatrix.why(result))
        #expect(why.hasPrefix("step 3: expected nothing within 1s"), "\(why)")
        #expect(!why.contains("t.yaml"))
    }

    @Test func repeatedTargetsGetTheirOwnColumns() throws {
        let matrix = try self.matrix(targets: ["a", "a", "a"])
        #expect(matrix.columns.map(\.label) == ["a", "a.2", "a.3"])
        #expect(matrix.columns.map(\.target) == ["a", "a", "a"])
        #expect(ReportWriter.matrixReportPath(label: "a.2", try #require(matrix.rows[0].cells[1])) == "a.2/h.json")
        #expect(matrix.rows.map(\.differs) == [false, true, true], "the first column passes, the others do not")
    }

    @Test func consoleTableHasOneLinePerScenario() throws {
        let lines = ConsoleReport.matrix(try self.matrix())
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("  scenario "))
        #expect(lines[0].hasSuffix("a     b"))
        #expect(lines[1].hasPrefix("  h "))
        #expect(lines[1].hasSuffix("PASS  PASS"))
        #expect(lines[2].hasPrefix("* t "))
        #expect(lines[2].hasSuffix("PASS  FAIL step 2: chunks[0].init-ack.outbound_streams"))
        #expect(lines[3].hasSuffix("PASS  SKIP target scripted lacks client"))
        #expect(lines[4] == "* the targets differ on 2 scenarios")
        let cut = ConsoleReport.matrix(try self.matrix(), cellWidth: 12)
        #expect(cut[2].hasSuffix("FAIL step..."))
        #expect(
            ConsoleReport.matrixSummary(try self.matrix()).last
                == "all targets: 4 passed, 1 failed, 0 errors, 1 skipped, 0 known deviations")
    }

    @Test func runJSONHoldsTheMatrixAndEveryFile() throws {
        let matrix = try self.matrix()
        let files = ReportWriter.matrixFiles(matrix)
        #expect(files.prefix(3) == ["a/h.pcap", "a/h.json", "a/t.pcap"])
        #expect(files.contains("b/index.html"))
        #expect(!files.contains("b/c.pcap"), "a SKIP that exchanged nothing has no pcap")
        let text = ResultJSON.matrix(matrix, seed: 9, profile: "s1ap", files: files).serialized()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "matrix")
        #expect(object["profile"] as? String == "s1ap")
        #expect(object["differing"] as? Int == 2)
        #expect((object["files"] as? [String]) == files)
        let rows = try #require(object["matrix"] as? [[String: Any]])
        let cells = try #require(rows[1]["cells"] as? [[String: Any]])
        #expect(cells[1]["target"] as? String == "b")
        #expect(cells[1]["verdict"] as? String == "FAIL")
        #expect(cells[1]["why"] as? String == "step 2: chunks[0].init-ack.outbound_streams")
        #expect(cells[1]["report"] as? String == "b/t.json")
        #expect(cells[1]["pcap"] as? String == "b/t.pcap")
        let targets = try #require(object["targets"] as? [[String: Any]])
        #expect((targets[1]["counts"] as? [String: Any])?["fail"] as? Int == 1)
    }

    @Test func junitHasOneTestCasePerScenarioAndTarget() throws {
        let xml = JUnitReport.document(matrix: try self.matrix(), seed: 1)
        let document = try XMLDocument(xmlString: xml)
        let suites = try document.nodes(forXPath: "/testsuites/testsuite")
        #expect(suites.compactMap { ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue }
            == ["sctpconform.a", "sctpconform.b"])
        let cases = try document.nodes(forXPath: "//testcase")
        #expect(cases.count == 6)
        let classes = cases.compactMap { ($0 as? XMLElement)?.attribute(forName: "classname")?.stringValue }
        #expect(classes == ["a.t", "a.t", "a.t", "b.t", "b.t", "b.t"], "classed under the target")
        let names = cases.compactMap { ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue }
        #expect(names == ["h", "t", "c", "h", "t", "c"])
        #expect(try document.nodes(forXPath: "/testsuites/testsuite[2]/testcase/failure").count == 1)
        #expect(try document.nodes(forXPath: "/testsuites/testsuite[2]/testcase/skipped").count == 1)
        #expect(xml.contains("<testsuites name=\"sctpconform\" tests=\"6\" failures=\"1\" errors=\"0\" skipped=\"1\""))
    }

    @Test func htmlPageShowsTheMatrixWithLinksIntoEachTarget() throws {
        let page = MatrixHTMLReport.document(try self.matrix(), seed: 3, profile: "ngap")
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<title>sctpconform: a, b, seed 3: run failed</title>"))
        #expect(page.contains("<th><code>a</code></th><th><code>b</code></th>"))
        #expect(page.contains("<tr class=\"differs\"><td>≠</td><td><code>t</code></td>"))
        #expect(page.contains("<a href=\"b/index.html#scenario-t\"><span class=\"badge v-fail\">FAIL</span></a>"))
        #expect(page.contains("<div class=\"why\">step 2: chunks[0].init-ack.outbound_streams</div>"))
        #expect(page.contains("<a href=\"b/t.pcap\">pcap</a> · <a href=\"b/t.json\">JSON</a>"))
        #expect(page.contains("sctpconform run t.yaml --target a,b --seed 3 --profile ngap"))
        #expect(!page.contains("<script"))
    }

    @Test func reportsOfEachTargetGoToTheirOwnFolderAndASwitchBackRemovesThem() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sctpconform-matrix-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let matrix = try self.matrix()
        let folder = try ReportFolder(path: directory)
        try folder.commit(written: try ReportWriter(directory: folder.stagingPath).write(matrix: matrix, seed: 1))
        var names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names == ["a", "b", "index.html", "junit.xml", "run.json"], "no staging folder left")
        let inB = try FileManager.default.contentsOfDirectory(atPath: directory + "/b").sorted()
        #expect(inB == ["c.json", "h.json", "h.pcap", "index.html", "t.json", "t.pcap"])
        let report = try #require(FileManager.default.contents(atPath: directory + "/b/t.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: report) as? [String: Any])
        #expect(object["target"] as? String == "b")
        #expect(object["pcap"] as? String == "t.pcap")

        // A run of one target into the same folder leaves only its own files.
        let single = try ReportFolder(path: directory)
        let results = matrix.results(column: 0)
        try single.commit(written: try ReportWriter(directory: single.stagingPath).write(results, target: "a", seed: 1))
        names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(
            names == [
                "c.json", "c.pcap", "h.json", "h.pcap", "index.html", "junit.xml", "run.json", "t.json", "t.pcap",
            ])
    }
}
