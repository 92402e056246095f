import Foundation
import ProcessTestSupport
import Testing

/// `sctpconform run --target a,b` (the comparison matrix) and `--profile`, end to end against
/// usrsctp: the table, the per-target folders, the exit status, the ports and PPIDs on the wire.
@Suite(
    "sctpconform run, comparison matrix and profiles",
    .enabled(if: CLI.isBuilt, "the sctpconform binary was not built"),
    .enabled(if: CLI.hasUSRSCTP, "usrsctp is not available here (scripts/install-system-packages.sh)"))
struct MatrixAndProfileCommandTests {
    @Test("the same target twice: a matrix, a folder per column, the same bytes in both")
    func sameTargetTwice() throws {
        let reports = TemporaryDirectory()
        defer { reports.remove() }
        let result = try CLI.run([
            "run", CLI.scenario("handshake.yaml"), CLI.scenario("vtag-wrong-data.yaml"), "--target", "usrsctp,usrsctp",
            "--reports", reports.path,
        ])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let lines = CLI.lines(result.standardOutput)
        #expect(lines.contains { $0.hasPrefix("  scenario ") && $0.hasSuffix("usrsctp  usrsctp.2") })
        #expect(lines.contains { $0.hasPrefix("  handshake ") && $0.hasSuffix("PASS     PASS") })
        #expect(lines.contains("the targets agree on every scenario"))
        #expect(lines.contains("all targets: 4 passed, 0 failed, 0 errors, 0 skipped, 0 known deviations"))
        let names = try FileManager.default.contentsOfDirectory(atPath: reports.path).sorted()
        #expect(names == ["index.html", "junit.xml", "run.json", "usrsctp", "usrsctp.2"])
        for name in ["handshake.pcap", "handshake.json", "vtag-wrong-data.pcap"] {
            let first = FileManager.default.contents(atPath: reports.file("usrsctp/" + name))
            #expect(first != nil && first == FileManager.default.contents(atPath: reports.file("usrsctp.2/" + name)))
        }
        let run = try CLI.json(reports.file("run.json"))
        #expect(run["kind"] as? String == "matrix")
        #expect((run["matrix"] as? [[String: Any]])?.count == 2)
        let junit = try String(contentsOfFile: reports.file("junit.xml"), encoding: .utf8)
        #expect(junit.components(separatedBy: "<testcase ").count == 5)
        let page = try String(contentsOfFile: reports.file("index.html"), encoding: .utf8)
        #expect(page.contains("<a href=\"usrsctp.2/handshake.pcap\">pcap</a>"))
        if let tshark = ExternalTool.tshark {
            let decoded = try ExternalTool.run(
                tshark,
                ["-o", "sctp.checksum:CRC-32C", "-r", reports.file("usrsctp.2/handshake.pcap"), "-T", "fields", "-e",
                 "sctp.checksum.status"], timeout: 60)
            let statuses = CLI.lines(decoded.standardOutput)
            #expect(!statuses.isEmpty && statuses.allSatisfy { $0 == "1" }, "\(statuses)")
        }
    }

    @Test("--json with two targets prints the matrix and every cell's report")
    func jsonMatrix() throws {
        let reports = TemporaryDirectory()
        defer { reports.remove() }
        let result = try CLI.run([
            "run", CLI.scenario("vtag-wrong-data.yaml"), "--target", "usrsctp,usrsctp", "--json", "--reports",
            reports.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let run = try #require(object["run"] as? [String: Any])
        #expect(run["kind"] as? String == "matrix")
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(
            results.map { $0["pcap"] as? String } == [
                "usrsctp/vtag-wrong-data.pcap", "usrsctp.2/vtag-wrong-data.pcap",
            ])
        #expect(try CLI.json(reports.file("run.json"))["files"] as? [String] == run["files"] as? [String])
    }

    @Test("a failing cell fails the run (exit 1) and says which step and field")
    func failingCell() throws {
        let folder = TemporaryDirectory()
        defer { folder.remove() }
        let scenario = folder.file("strict.yaml")
        let yaml = """
            id: strict
            title: an INIT ACK with at most one outbound stream (usrsctp offers more)
            sut: {role: server, port: 5001}
            peer: {port: 5000}
            steps:
              - app: listen
              - send: {init: {outbound_streams: 10}}
              - expect: {init-ack: {outbound_streams: "<= 1"}}
            """
        #expect(FileManager.default.createFile(atPath: scenario, contents: Data(yaml.utf8)))
        let result = try CLI.run([
            "run", scenario, CLI.scenario("vtag-wrong-data.yaml"), "--target", "usrsctp,usrsctp", "--reports",
            folder.file("reports"),
        ])
        #expect(result.status == 1, "\(result.standardOutput)\(result.standardError)")
        #expect(
            CLI.lines(result.standardOutput).contains {
                $0.hasPrefix("  strict ") && $0.hasSuffix("FAIL step 3: chunks[0].init-ack.outbound_streams")
            }, "\(result.standardOutput)")
        let run = try CLI.json(folder.file("reports/run.json"))
        #expect((run["counts"] as? [String: Any])?["fail"] as? Int == 2)
    }

    @Test("--profile ngap: the SUT listens on 38412 and the DATA carries PPID 60")
    func ngapProfile() throws {
        let reports = TemporaryDirectory()
        defer { reports.remove() }
        let result = try CLI.run([
            "run", CLI.scenario("handshake.yaml"), "--profile", "ngap", "--reports", reports.path,
        ])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(CLI.lines(result.standardOutput).last?.contains("profile ngap") == true)
        #expect(try CLI.json(reports.file("run.json"))["profile"] as? String == "ngap")
        let decoded = try CLI.run(["decode", reports.file("handshake.pcap")])
        let packets = CLI.lines(decoded.standardOutput)
        #expect(packets.first?.contains("198.18.0.1.5000 > 198.18.0.2.38412: sctp (1) [INIT]") == true)
        #expect(packets.filter { $0.contains("[DATA]") }.count == 2)
        if let tshark = ExternalTool.tshark {
            let fields = try ExternalTool.run(
                tshark,
                ["-o", "sctp.checksum:CRC-32C", "-r", reports.file("handshake.pcap"), "-Y", "sctp.chunk_type == 0",
                 "-T", "fields", "-e", "sctp.dstport", "-e", "sctp.srcport", "-e", "sctp.data_payload_proto_id", "-e",
                 "sctp.checksum.status"], timeout: 60)
            let lines = CLI.lines(fields.standardOutput).map { $0.split(separator: "\t").map(String.init) }
            #expect(lines.count == 2)
            #expect(lines.allSatisfy { $0.contains("38412") && $0[2] == "60" && $0[3] == "1" }, "\(lines)")
        }
    }

    @Test("targets lists pion and aiortc, aiortc as unavailable with the reason")
    func targetsListsPionAndAIORTC() throws {
        let result = try CLI.run(["targets"])
        #expect(result.status == 0)
        let lines = CLI.lines(result.standardOutput)
        #expect(lines.contains { $0.hasPrefix("pion ") && $0.contains("pion/sctp 1.8.6") })
        let aiortc = try #require(lines.firstIndex { $0.hasPrefix("aiortc ") })
        #expect(lines[aiortc].contains(" unavailable "))
        #expect(lines[aiortc + 2].hasPrefix("  reason: aiortc delivers DATA only to WebRTC data channels"))
    }

    @Test("unknown profiles and target lists are usage errors (exit 2) naming what is known")
    func badNames() throws {
        let profile = try CLI.run(["run", CLI.scenario("handshake.yaml"), "--profile", "x2ap"])
        #expect(profile.status == 2)
        #expect(profile.standardError.contains("unknown profile 'x2ap' (known: s1ap: port 36412, PPID 18; ngap"))
        #expect(profile.standardOutput.isEmpty)
        let target = try CLI.run(["run", CLI.scenario("handshake.yaml"), "--target", "usrsctp,nope"])
        #expect(target.status == 2)
        #expect(target.standardError.contains("unknown target 'nope' (known: usrsctp"))
        let empty = try CLI.run(["run", CLI.scenario("handshake.yaml"), "--target", "usrsctp,"])
        #expect(empty.status == 2)
        #expect(empty.standardError.contains("a name is empty"))
    }
}
