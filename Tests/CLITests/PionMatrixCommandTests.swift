import Foundation
import ProcessTestSupport
import Testing

/// `sctpconform run --target usrsctp,pion`: pion/sctp beside usrsctp in the comparison matrix, each
/// pion run in namespaces of its own made and removed by the target, its pcaps decoded by tshark with
/// CRC-32C checksums correct.
@Suite(
    "sctpconform run, pion in the matrix",
    .enabled(if: CLI.isBuilt, "the sctpconform binary was not built"),
    .enabled(if: PionAvailability.usable, "pion is not usable here (root, golang-github-pion-sctp-dev)"))
struct PionMatrixCommandTests {
    @Test("verdicts beside usrsctp: agreement, pion's verification-tag deviation (waived, FAIL with --strict), a SKIP")
    func pionBesideUSRSCTP() throws {
        let reports = TemporaryDirectory()
        defer { reports.remove() }
        let result = try CLI.run(
            [
                "run", CLI.scenario("cookie-tampered.yaml"), CLI.scenario("vtag-wrong-data.yaml"),
                CLI.scenario("stream-negotiation.yaml"), CLI.scenario("handshake-client.yaml"), "--target",
                "usrsctp,pion", "--reports", reports.path,
            ], timeout: 300)
        // pion's answer to DATA under a wrong tag is waived for pion (known_deviations): a DEVIATION.
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let lines = CLI.lines(result.standardOutput)
        #expect(lines.contains("target pion: real time, tolerance 200ms"))
        #expect(lines.contains { $0.hasPrefix("  cookie-tampered ") && $0.hasSuffix("PASS     PASS") }, "\(lines)")
        #expect(
            lines.contains {
                $0.hasPrefix("* vtag-wrong-data ") && $0.contains("PASS     DEVIATION step 7: expected nothing within")
            }, "\(lines)")
        #expect(
            lines.contains {
                $0.hasPrefix("* stream-negotiation ") && $0.hasSuffix("PASS     SKIP target pion lacks socket-options")
            }, "\(lines)")
        // pion's client runs on its fixed ports 5000 → 5000 and meets its SHUTDOWN deviation (waived).
        #expect(
            lines.contains {
                $0.hasPrefix("* handshake-client ")
                    && $0.hasSuffix("PASS     DEVIATION step 16: chunks[0].shutdown.cumulative_tsn_ack")
            }, "\(lines)")
        let client = try CLI.json(reports.file("pion/handshake-client.json"))
        #expect((client["notes"] as? String)?.contains("always uses SCTP ports 5000 → 5000") == true)
        let run = try CLI.json(reports.file("run.json"))
        let rows = try #require(run["matrix"] as? [[String: Any]])
        let vtag = try #require(rows.first { $0["scenario"] as? String == "vtag-wrong-data" })
        let cell = try #require((vtag["cells"] as? [[String: Any]])?.last)
        #expect((cell["why"] as? String)?.contains("observed packet #6 [SACK]") == true, "\(cell)")
        #expect(FileManager.default.fileExists(atPath: reports.file("pion/cookie-tampered.pcap")))
        #expect(!FileManager.default.fileExists(atPath: reports.file("pion/stream-negotiation.pcap")))
        let strict = try CLI.run(
            [
                "run", CLI.scenario("vtag-wrong-data.yaml"), "--target", "usrsctp,pion", "--strict", "--reports",
                reports.file("strict"),
            ], timeout: 300)
        #expect(strict.status == 1, "--strict counts pion's deviation as a failure: \(strict.standardOutput)")
        if let tshark = ExternalTool.tshark {
            for name in ["cookie-tampered", "vtag-wrong-data", "handshake-client"] {
                let decoded = try ExternalTool.run(
                    tshark,
                    ["-o", "sctp.checksum:CRC-32C", "-r", reports.file("pion/\(name).pcap"), "-T", "fields", "-e",
                     "sctp.checksum.status"], timeout: 60)
                let statuses = CLI.lines(decoded.standardOutput)
                #expect(statuses.count >= 4 && statuses.allSatisfy { $0 == "1" }, "\(name): \(statuses)")
            }
        }
    }
}

/// Whether `sctpconform targets` says pion is available (CI, which installs it, requires it).
enum PionAvailability {
    static let usable: Bool = {
        guard let binary = ExternalTool.sctpconform else { return ExternalTool.isCI }
        let listing = (try? ExternalTool.run(binary, ["targets"], timeout: 120))?.standardOutput ?? ""
        let available = listing.split(separator: "\n").contains { $0.hasPrefix("pion ") && $0.contains(" available ") }
        return available || ExternalTool.isCI
    }()
}
