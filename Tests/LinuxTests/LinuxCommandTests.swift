import Foundation
import ProcessTestSupport
import Testing

extension LinuxVMTests {
    /// `sctpconform run ... --target linux` as a user types it: the handshake passes, its pcap decodes
    /// in tshark with every checksum correct, `--app ncat` echoes a message back and `--app sctp_darn`
    /// receives one.
    @Suite struct LinuxCommandTests {
        @Test(.timeLimit(.minutes(10)))
        func theHandshakePassesAndItsPcapChecksumsAreCorrectInTshark() throws {
            guard LinuxTestSupport.shouldRun else { return }
            if let missing = LinuxTestSupport.unavailability {
                Issue.record("the Linux target cannot run here: \(missing)")
                return
            }
            let sctpconform = try #require(ExternalTool.sctpconform, "build sctpconform first")
            let scratch = TemporaryDirectory()
            defer { scratch.remove() }
            let run = try ExternalTool.run(
                sctpconform,
                [
                    "run", LinuxTestSupport.scenarioPath("handshake"), "--target", "linux", "--reports",
                    scratch.file("reports"),
                ],
                timeout: 400)
            #expect(run.status == 0, "\(run.standardOutput)\n\(run.standardError)")
            #expect(run.standardOutput.contains("PASS  handshake"))
            #expect(run.standardOutput.contains("real time, tolerance 200ms"))
            guard let tshark = ExternalTool.tshark else {
                #expect(!ExternalTool.isCI, "tshark is missing")
                return
            }
            let fields = try ExternalTool.run(
                tshark, ["-o", "sctp.checksum:CRC-32C", "-r", scratch.file("reports/handshake.pcap"), "-T", "fields",
                         "-e", "sctp.checksum.status"], timeout: 120)
            let statuses = fields.standardOutput.split(separator: "\n")
            #expect(statuses.count >= 14, "\(fields.standardOutput) \(fields.standardError)")
            // 1: [correct]
            #expect(statuses.allSatisfy { $0 == "1" }, "\(statuses)")
        }

        @Test(.timeLimit(.minutes(10)))
        func ncatEchoesAMessageAndSctpDarnReceivesOne() throws {
            guard LinuxTestSupport.shouldRun else { return }
            if let missing = LinuxTestSupport.unavailability {
                Issue.record("the Linux target cannot run here: \(missing)")
                return
            }
            let sctpconform = try #require(ExternalTool.sctpconform, "build sctpconform first")
            let scratch = TemporaryDirectory()
            defer { scratch.remove() }
            let scenario = repositoryRoot() + "/Tests/LinuxTests/Fixtures/ncat-echo.yaml"
            let run = try ExternalTool.run(
                sctpconform,
                ["run", scenario, "--target", "linux", "--app", "ncat", "--reports", scratch.file("reports")],
                timeout: 400)
            #expect(run.status == 0, "\(run.standardOutput)\n\(run.standardError)")
            #expect(run.standardOutput.contains("PASS  ncat-echo"))
            let darn = try ExternalTool.run(
                sctpconform,
                [
                    "run", repositoryRoot() + "/Tests/LinuxTests/Fixtures/app-receive.yaml", "--target", "linux",
                    "--app", "sctp_darn", "--reports", scratch.file("darn"),
                ],
                timeout: 400)
            #expect(darn.status == 0, "\(darn.standardOutput)\n\(darn.standardError)")
            #expect(darn.standardOutput.contains("PASS  app-receive"))
            let refused = try ExternalTool.run(
                sctpconform, ["run", scenario, "--target", "usrsctp", "--app", "ncat"], timeout: 60)
            #expect(refused.status == 2)
            #expect(refused.standardError.contains("--app is for --target linux"))
        }
    }
}
