import Foundation
import ProcessTestSupport
import Testing

/// `sctpconform run`, end to end against the default target: exit statuses, the console verdict
/// lines, the reports on disk, and the messages for bad input.
@Suite(
    "sctpconform run",
    .enabled(if: CLI.isBuilt, "the sctpconform binary was not built"),
    .enabled(if: CLI.hasUSRSCTP, "usrsctp is not available here (scripts/install-system-packages.sh)"))
struct RunCommandTests {
    @Test("the README's main job: handshake.yaml passes and writes a pcap, JSON and JUnit")
    func handshakePasses() throws {
        let reports = TemporaryDirectory()
        defer { reports.remove() }
        let result = try CLI.run(["run", CLI.scenario("handshake.yaml"), "--reports", reports.path])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let lines = CLI.lines(result.standardOutput)
        #expect(lines.first?.hasPrefix("PASS  handshake ") == true)
        #expect(lines.last?.hasPrefix("1 passed, 0 failed, 0 errors, 0 skipped") == true)
        let names = try FileManager.default.contentsOfDirectory(atPath: reports.path).sorted()
        #expect(names == ["handshake.json", "handshake.pcap", "index.html", "junit.xml", "run.json"])
        let report = try CLI.json(reports.file("handshake.json"))
        #expect(report["verdict"] as? String == "PASS")
        #expect(report["target"] as? String == "usrsctp")
        let pcap = try #require(FileManager.default.contents(atPath: reports.file("handshake.pcap")))
        #expect(pcap.prefix(4) == Data([0xD4, 0xC3, 0xB2, 0xA1]) || pcap.prefix(4) == Data([0x4D, 0x3C, 0xB2, 0xA1]))
        // The capture opens in our own decoder and holds the whole exchange, INIT to SHUTDOWN COMPLETE.
        let decoded = try CLI.run(["decode", reports.file("handshake.pcap")])
        #expect(decoded.status == 0)
        let summaries = CLI.lines(decoded.standardOutput)
        #expect(summaries.first?.contains("[INIT] [init tag:") == true)
        #expect(summaries.last?.contains("[SHUTDOWN COMPLETE]") == true)
        let junit = try String(contentsOfFile: reports.file("junit.xml"), encoding: .utf8)
        #expect(junit.contains("tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\""))
        let page = try String(contentsOfFile: reports.file("index.html"), encoding: .utf8)
        #expect(page.contains("PASS <b>1</b>"))
        #expect(page.contains("<a href=\"#scenario-handshake\"><code>handshake</code></a>"))
        #expect(page.contains("<a href=\"handshake.pcap\">pcap</a>"))
        #expect(page.contains("[INIT] [init tag:"))
    }

    @Test("the same seed gives byte-identical reports, another seed changes the SUT's tags")
    func seedDecidesTheBytes() throws {
        let first = TemporaryDirectory()
        let second = TemporaryDirectory()
        let other = TemporaryDirectory()
        defer { [first, second, other].forEach { $0.remove() } }
        for (directory, seed) in [(first, "7"), (second, "7"), (other, "8")] {
            let result = try CLI.run(
                ["run", CLI.scenario("handshake.yaml"), "--seed", seed, "--reports", directory.path])
            #expect(result.status == 0)
        }
        for name in ["handshake.pcap", "handshake.json", "run.json", "junit.xml", "index.html"] {
            let a = FileManager.default.contents(atPath: first.file(name))
            #expect(a != nil && a == FileManager.default.contents(atPath: second.file(name)), "\(name)")
        }
        #expect(
            FileManager.default.contents(atPath: first.file("handshake.pcap"))
                != FileManager.default.contents(atPath: other.file("handshake.pcap")))
    }

    @Test("a wrong expectation exits 1 with the step, field, expected, observed, section and a reproducer")
    func wrongExpectationFails() throws {
        let folder = TemporaryDirectory()
        defer { folder.remove() }
        let original = try String(contentsOfFile: CLI.scenario("vtag-wrong-data.yaml"), encoding: .utf8)
        let edited = original.replacingOccurrences(of: "id: vtag-wrong-data", with: "id: wrong-expectation")
            .replacingOccurrences(
                of: "cumulative_tsn_ack: $our_tsn, duplicate_tsns: []", with: "cumulative_tsn_ack: $our_tsn + 5")
        #expect(edited != original)
        let file = folder.file("wrong-expectation.yaml")
        try edited.write(toFile: file, atomically: true, encoding: .utf8)
        // The scenario starts from a preamble, found in a preambles folder beside it.
        try FileManager.default.copyItem(
            atPath: repositoryRoot() + "/Scenarios/preambles", toPath: folder.file("preambles"))
        let result = try CLI.run(["run", file, "--reports", folder.file("reports"), "--seed", "3"])
        #expect(result.status == 1)
        let output = result.standardOutput
        #expect(output.contains("FAIL  wrong-expectation"))
        #expect(output.contains("wrong-expectation.yaml:"))
        #expect(output.contains("chunks[0].sack.cumulative_tsn_ack: expected $our_tsn + 5"))
        #expect(output.contains("observed"))
        #expect(output.contains("RFC 9260 §8.5"))
        #expect(output.contains("reproduce: sctpconform run \(file) --target usrsctp --seed 3"))
        #expect(try CLI.json(folder.file("reports/wrong-expectation.json"))["verdict"] as? String == "FAIL")
        #expect(CLI.leftovers(in: folder.file("reports")).isEmpty)
    }

    @Test("a YAML typo exits 2 with file:line:column and a suggestion, and writes no report")
    func typoIsAConfigurationError() throws {
        let folder = TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("typo.yaml")
        let text = """
            id: typo
            title: a typo in a step
            sut: {role: server, port: 5001}
            steps:
              - app: listen
              - sned: init

            """
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["run", file, "--reports", folder.file("reports")])
        #expect(result.status == 2)
        #expect(result.standardError.contains("typo.yaml:6:5: error: unknown key 'sned'"))
        #expect(result.standardError.contains("did you mean 'send'?"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("reports")))
    }

    @Test("unknown targets, missing files and bad options exit 2 with a message")
    func usageErrors() throws {
        let unknown = try CLI.run(["run", CLI.scenario("handshake.yaml"), "--target", "nosuch"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("unknown target 'nosuch' (known: usrsctp"))
        let missing = try CLI.run(["run", "/nonexistent/scenario.yaml"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("/nonexistent/scenario.yaml: error: no such file or folder"))
        let badSeed = try CLI.run(["run", CLI.scenario("handshake.yaml"), "--seed", "minus-one"])
        #expect(badSeed.status == 2)
        let noCommand = try CLI.run(["frobnicate"])
        #expect(noCommand.status == 2)
        #expect(noCommand.standardError.contains("Unexpected argument 'frobnicate'"))
    }

    @Test("reports that cannot be written are a configuration error, not a crash")
    func unwritableReports() throws {
        let folder = TemporaryDirectory()
        defer { folder.remove() }
        // A regular file where the reports folder should be.
        let blocked = folder.file("reports")
        #expect(FileManager.default.createFile(atPath: blocked, contents: Data("x".utf8)))
        let result = try CLI.run(["run", CLI.scenario("handshake.yaml"), "--reports", blocked])
        #expect(result.status == 2)
        #expect(!result.standardError.isEmpty)
        #expect(CLI.leftovers(in: folder.path).isEmpty)
    }

    @Test("--json prints the run as one JSON document")
    func jsonOutput() throws {
        let reports = TemporaryDirectory()
        defer { reports.remove() }
        let result = try CLI.run(["run", CLI.scenario("handshake.yaml"), "--json", "--reports", reports.path])
        #expect(result.status == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let run = try #require(object["run"] as? [String: Any])
        let counts = try #require(run["counts"] as? [String: Any])
        #expect(counts["pass"] as? Int == 1)
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.map { $0["verdict"] as? String } == ["PASS"])
    }
}
