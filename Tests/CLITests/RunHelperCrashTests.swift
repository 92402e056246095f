import Foundation
import ProcessTestSupport
import Testing

/// `sctpconform run` on a folder whose middle scenario makes the usrsctp helper crash (through the
/// helper's test-only hook, `SCTPCONFORM_TEST_CRASH_ON_CHUNK`, which it inherits from the harness):
/// that scenario is an ERROR with the crash finding, and the scenarios before and after it pass.
@Suite(
    "sctpconform run with a crashing helper",
    .enabled(if: CLI.isBuilt, "the sctpconform binary was not built"),
    .enabled(if: CLI.hasUSRSCTP, "usrsctp is not available here (scripts/install-system-packages.sh)"))
struct RunHelperCrashTests {
    private static func scenario(_ id: String, sendsChunk69: Bool) -> String {
        """
        id: \(id)
        title: \(id)
        rfc: ["RFC 9260 §5.1"]
        sut: {role: server, port: 5001}
        peer: {port: 5000}
        steps:
          - app: listen
          - send: init
          - expect: {init-ack: {parameters: [state-cookie]}}
          - send: cookie-echo
          - expect: cookie-ack
        \(sendsChunk69 ? "  - send: {chunk: {type: 0x45, value: \"0102\"}}" : "")
        """
    }

    @Test("a crash in one scenario of a folder is an ERROR for that scenario only")
    func crashIsIsolatedToItsScenario() throws {
        let folder = TemporaryDirectory()
        let reports = TemporaryDirectory()
        defer { [folder, reports].forEach { $0.remove() } }
        for (name, crashes) in [("a-first", false), ("b-crashing", true), ("c-third", false)] {
            try Self.scenario(name, sendsChunk69: crashes).write(
                toFile: folder.file("\(name).yaml"), atomically: true, encoding: .utf8)
        }
        let binary = try #require(ExternalTool.sctpconform)
        let result = try ExternalTool.run(
            "/usr/bin/env",
            ["SCTPCONFORM_TEST_CRASH_ON_CHUNK=69", binary, "run", folder.path, "--reports", reports.path],
            timeout: 120)
        #expect(!result.timedOut && !CLI.crashed(result), "\(result.standardError)")
        #expect(result.status == 1, "\(result.standardOutput)\(result.standardError)")
        let lines = CLI.lines(result.standardOutput)
        let verdicts = lines.filter { $0.hasPrefix("PASS ") || $0.hasPrefix("ERROR ") || $0.hasPrefix("FAIL ") }
        #expect(verdicts.count == 3, "\(result.standardOutput)")
        #expect(verdicts.first?.hasPrefix("PASS  a-first ") == true, "\(result.standardOutput)")
        #expect(verdicts.dropFirst().first?.hasPrefix("ERROR b-crashing ") == true, "\(result.standardOutput)")
        #expect(verdicts.dropFirst(2).first?.hasPrefix("PASS  c-third ") == true, "\(result.standardOutput)")
        #expect(lines.last?.hasPrefix("2 passed, 0 failed, 1 error") == true, "\(result.standardOutput)")
        let report = try CLI.json(reports.file("b-crashing.json"))
        #expect(report["verdict"] as? String == "ERROR")
        let findings = try #require(report["findings"] as? [[String: Any]])
        let crash = try #require(findings.first { $0["rule"] as? String == "sut-crashed" })
        #expect((crash["message"] as? String)?.hasPrefix("the SUT crashed on packet #5 [chunk 0x45]") == true)
    }
}
