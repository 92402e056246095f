import Foundation
import NetworkLayers
import ProcessTestSupport
import Targets
import Testing

/// `--target remote` against Debian's usrsctp echo server (libusrsctp-examples) in a namespace, as if
/// it were a vendor's box: the harness runs in the other namespace of the pair and is given only
/// the peer's address and port. Scenarios where the SUT listens and the harness initiates run; one
/// needing `app:` steps is SKIPped with the reason.
@Suite struct RemoteTargetTests {
    static let echoServer = "/usr/lib/usrsctp/echo_server"

    static func ready() -> Bool {
        let missing = NamespacePair.unavailability()?.reason
            ?? (FileManager.default.isExecutableFile(atPath: Self.echoServer) ? nil : "\(Self.echoServer) is missing")
            ?? (ExternalTool.sctpconform == nil ? "sctpconform is not built" : nil)
        guard let missing else { return true }
        #expect(!ExternalTool.isCI, "remote target test cannot run: \(missing)")
        return false
    }

    @Test func aListeningPeerIsTestedAndAppScenariosAreSkipped() throws {
        guard Self.ready(), let binary = ExternalTool.sctpconform, let ip = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { return }
        // Addresses that are not the scenarios' (TEST-NET-1, only inside the namespaces): the reports
        // must show these, the ones on the wire.
        let harnessAddress = try #require(IPAddress("192.0.2.1"))
        let peerAddress = try #require(IPAddress("192.0.2.2"))
        let link = try NamespacePair(harnessAddresses: [harnessAddress], sutAddresses: [peerAddress])
        defer { link.remove() }
        let server = Process()
        server.executableURL = URL(fileURLWithPath: ip)
        server.arguments = ["netns", "exec", link.sutName, Self.echoServer, "0"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            usleep(100_000)
            if server.isRunning { kill(server.processIdentifier, SIGKILL) }
            server.waitUntilExit()
        }
        usleep(300_000)  // the server's socket opens
        let reports = TemporaryDirectory()
        defer { reports.remove() }
        let root = repositoryRoot()
        let run = try ExternalTool.run(
            ip,
            ["netns", "exec", link.harnessName, binary, "run", "\(root)/Scenarios/init-os-zero.yaml",
             "\(root)/Scenarios/init-unknown-parameters.yaml", "\(root)/Scenarios/ootb-shutdown-ack.yaml",
             "\(root)/Scenarios/handshake.yaml", "--target", "remote", "--address", "192.0.2.2", "--port", "7",
             "--reports", reports.path],
            timeout: 120)
        let output = run.standardOutput
        #expect(output.hasPrefix("remote: SCTP to 192.0.2.2 port 7 over raw IP"), "\(output)")
        let verdicts = ExternalUSRSCTPTests.verdicts(output)
        #expect(verdicts["init-os-zero"] == "PASS", "\(output)")
        #expect(verdicts["init-unknown-parameters"] == "PASS", "\(output)")
        #expect(verdicts["ootb-shutdown-ack"] == "PASS", "\(output)")
        #expect(verdicts["handshake"] == "SKIP")
        #expect(output.contains("(target remote lacks socket-options, application)"))
        #expect(run.status == 0, "\(output)\n\(run.standardError)")
        // The capture and the JSON report show the real addresses, not the scenario's 198.18.0.x.
        let decoded = try ExternalTool.run(binary, ["decode", reports.path + "/init-os-zero.pcap"], timeout: 60)
        let lines = decoded.standardOutput.split(separator: "\n")
        #expect(!lines.isEmpty)
        #expect(
            lines.allSatisfy { $0.contains("IP 192.0.2.1.5000 > 192.0.2.2.7:") || $0.contains("IP 192.0.2.2.7 > 192.0.2.1.5000:") },
            "\(decoded.standardOutput)")
        let json = try String(contentsOfFile: reports.path + "/init-os-zero.json", encoding: .utf8)
        #expect(json.contains("192.0.2.2") && !json.contains("198.18.0.2"), "\(json.prefix(2_000))")
    }

    @Test(arguments: [
        (["--target", "remote"], "--target remote needs the peer's address"),
        (["--target", "remote", "--address", "not-an-address"], "is not an IPv4 or IPv6 address"),
        (["--target", "remote", "--address", "198.18.0.2", "--port", "70000"], "is not an SCTP port"),
        (["--target", "remote", "--address", "198.18.0.2", "--local-address", "2001:2::1"], "is IPv6 but"),
        (["--target", "usrsctp", "--address", "198.18.0.2"], "are for --target remote only"),
        (["--target", "usrsctp-raw", "--tolerance", "soon"], "is not a duration"),
    ])
    func badFlagsExitTwoWithAClearMessage(_ flags: [String], _ message: String) throws {
        guard let binary = ExternalTool.sctpconform else { return }
        let scenario = "\(repositoryRoot())/Scenarios/handshake.yaml"
        let run = try ExternalTool.run(binary, ["run", scenario] + flags, timeout: 60)
        #expect(run.status == 2)
        #expect(run.standardError.contains(message), "\(run.standardError)")
        #expect(!run.standardOutput.contains("PASS"))
    }
}
