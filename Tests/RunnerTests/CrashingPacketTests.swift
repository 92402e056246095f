import NetworkLayers
import Foundation
import Runner
import Scenario
import Targets
import Testing
import VirtualTime

/// The packet the SUT dies of is in the report (numbered, in the pcap) and the crash finding names it.
@Suite struct CrashingPacketTests {
    /// Checks a handshake run whose step 4 (`send: cookie-echo`, packet #3) killed the SUT.
    static func expectCrashOnCookieEcho(_ result: ScenarioResult, stderrContains stderr: String) throws {
        #expect(result.verdict == .error)
        #expect(result.reason?.hasPrefix("target crashed: ") == true, "\(result.reason ?? "")")
        #expect(result.steps.map(\.status) == [.passed, .passed, .passed, .error, .notRun])
        #expect(result.packets.map(\.number) == [1, 2, 3])
        let echo = try #require(result.packets.last)
        #expect(echo.direction == .toSUT)
        #expect(echo.disposition == .sent(step: 4))
        #expect(echo.bytes.count > 12 && echo.bytes[12] == 10)  // COOKIE ECHO
        // In the pcap too: the last record is the harness's COOKIE ECHO, framed in IP.
        #expect(result.capture.count == 3)
        #expect(result.capture.last.map { Array($0.bytes.suffix(echo.bytes.count)) } == echo.bytes)
        let step = result.steps[3]
        #expect(step.packets == [3])
        #expect(step.failure?.packetNumber == 3)
        let finding = try #require(result.findings.first { $0.rule == "sut-crashed" })
        #expect(finding.packetNumber == 3)
        #expect(finding.message.hasPrefix("the SUT crashed on packet #3 [COOKIE ECHO]: "), "\(finding.message)")
        #expect(finding.message.contains(stderr))
    }

    @Test func scriptedSUTDyingOnASendKeepsThePacket() throws {
        let result = try RunnerTestSupport.runHandshakeCrashingOnCookieEcho()
        try Self.expectCrashOnCookieEcho(result, stderrContains: "segfault in sctp_input")
        #expect(result.reason == "target crashed: signal 11")
    }

    /// A usrsctp helper built from a copy of the source that aborts when a COOKIE ECHO comes in.
    @Test(.enabled(if: RunnerTests.isUSRSCTPAvailable, "usrsctp target unavailable"))
    func usrsctpHelperAbortingOnACookieEchoKeepsThePacket() throws {
        let files = FileManager.default
        let directory = files.temporaryDirectory.appendingPathComponent("sctpconform-crash-\(UUID().uuidString)")
        try files.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? files.removeItem(at: directory) }
        let root = URL(fileURLWithPath: RunnerTests.scenariosDirectory).deletingLastPathComponent()
        let original = try String(
            contentsOf: root.appendingPathComponent("Sources/Targets/USRSCTP/sctpconform-usrsctp.c"), encoding: .utf8)
        let delivery = "deliver_from_harness(r->bytes + r->offset, r->length - r->offset);"
        #expect(original.components(separatedBy: delivery).count == 2, "the helper's delivery line moved")
        let patched = original.replacingOccurrences(
            of: delivery,
            with: """
                if (r->length - r->offset > 12 && r->bytes[r->offset + 12] == 10) {
                    fprintf(stderr, "test helper: aborting on COOKIE ECHO\\n");
                    abort();
                }
                \(delivery)
                """)
        let source = directory.appendingPathComponent("sctpconform-usrsctp.c")
        try patched.write(to: source, atomically: true, encoding: .utf8)
        // The files it #includes sit beside it.
        for name in [
            "sctpconform-usrsctp-timers.c", "sctpconform-usrsctp-ceiling.c", "sctpconform-usrsctp-hooks.c",
            "sctpconform-usrsctp-channel.c", "sctpconform-usrsctp-fuzz.c", "sctpconform-usrsctp-hmac.c",
        ] {
            try files.copyItem(
                at: root.appendingPathComponent("Sources/Targets/USRSCTP/\(name)"),
                to: directory.appendingPathComponent(name))
        }
        var environment = ProcessInfo.processInfo.environment
        environment["SCTPCONFORM_USRSCTP_SOURCE"] = source.path
        environment["SCTPCONFORM_CACHE_DIR"] = directory.appendingPathComponent("cache").path
        let options = USRSCTPTarget.Options(environment: environment)
        let descriptor = TargetDescriptor(
            name: "usrsctp", summary: "usrsctp aborting on COOKIE ECHO",
            capabilities: USRSCTPTarget.supportedCapabilities, checkAvailability: { .available(detail: "patched") },
            make: { (configuration, start) throws(TargetError) -> any Target in
                try USRSCTPTarget(configuration: configuration, start: start, options: options)
            })
        let scenario = try ScenarioLoader().load(
            yaml: RunnerTestSupport.scenario(RunnerTestSupport.handshakeSteps), file: "t.yaml")
        let result = ScenarioRunner(target: descriptor).run(scenario)
        try Self.expectCrashOnCookieEcho(result, stderrContains: "test helper: aborting on COOKIE ECHO")
        #expect(result.reason?.contains("SIGABRT") == true, "\(result.reason ?? "")")
    }
}
