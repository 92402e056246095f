import Captures
import Foundation
import NetworkLayers
import ProcessTestSupport
import Runner
import Scenario
import Targets
import Testing

/// The scenarios that declare addresses, run against usrsctp with the rule checker; tshark reads
/// their pcaps: the declared addresses in the IP headers, every CRC32c correct.
@Suite(
    .serialized, .enabled(if: RunnerTests.isUSRSCTPAvailable, "usrsctp target unavailable"),
    .enabled(if: ExternalTool.tshark != nil || ExternalTool.isCI, "tshark is not installed"))
struct AddressedScenarioTests {
    /// Runs the shipped scenario `name` with the rules, writes its pcap, and returns tshark's
    /// `source destination` per frame and its checksum verdicts.
    private func runAndDissect(
        _ name: String,
        fields names: [String] = ["ip.src", "ipv6.src", "ip.dst", "ipv6.dst"]
    ) throws -> (result: ScenarioResult, rows: [String], checksums: [String]) {
        let scenario = try ScenarioLoader().load(path: RunnerTests.scenariosDirectory + "/\(name).yaml")
        let runner = ScenarioRunner(
            target: TargetRegistry.usrsctp, configuration: RunnerConfiguration(makeCheckers: RulesLiveChecker.factory))
        let result = runner.run(scenario)
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("\(name).pcap")
        try PcapWriter.write(result.capture, to: path)
        let tshark = try #require(ExternalTool.tshark, "tshark is required when CI is set")
        let fields = try ExternalTool.run(
            tshark,
            ["-r", path, "-o", "sctp.checksum:CRC-32C", "-T", "fields", "-E", "separator=/s"]
                + names.flatMap { ["-e", $0] })
        #expect(fields.status == 0, "tshark failed: \(fields.standardError)")
        let verbose = try ExternalTool.run(tshark, ["-r", path, "-o", "sctp.checksum:CRC-32C", "-V"])
        #expect(verbose.status == 0, "tshark failed: \(verbose.standardError)")
        let rows = fields.standardOutput.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
        let checksums = verbose.standardOutput.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("Checksum (CRC32C):") }
        return (result, rows, checksums)
    }

    @Test func ipv6HandshakePassesAndItsPcapIsIPv6WithCorrectChecksums() throws {
        let (result, rows, checksums) = try self.runAndDissect("handshake-ipv6")
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        #expect(result.findings.filter { $0.severity == .must }.isEmpty)
        #expect(rows.count == result.packets.count && rows.count >= 8)
        let toSUT = "2001:db8::1 2001:db8::2", fromSUT = "2001:db8::2 2001:db8::1"
        #expect(rows == result.packets.map { $0.direction == .toSUT ? toSUT : fromSUT })
        #expect(checksums.count == rows.count)
        #expect(checksums.allSatisfy { $0.hasSuffix("[correct]") }, "\(checksums)")
    }

    @Test func multihomedPeerSendsFromItsSecondAddressAndThePcapShowsIt() throws {
        let (result, rows, checksums) = try self.runAndDissect("multihomed-peer")
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        #expect(result.findings.filter { $0.severity == .must }.isEmpty)
        #expect(rows.count == result.packets.count)
        // The INIT from the first address, the HEARTBEAT and the DATA from the second.
        #expect(rows.first == "198.18.0.1 198.18.0.2")
        #expect(rows.filter { $0 == "198.18.0.3 198.18.0.2" }.count == 2)
        #expect(rows.filter { $0.hasPrefix("198.18.0.2 ") }.count >= 4)
        #expect(result.packets.map(\.packet.source).contains(IPAddress("198.18.0.3")!))
        #expect(checksums.count == rows.count)
        #expect(checksums.allSatisfy { $0.hasSuffix("[correct]") }, "\(checksums)")
    }

    @Test func udpHandshakePassesAndItsPcapIsSCTPInUDP9899WithCorrectChecksums() throws {
        let (result, rows, checksums) = try self.runAndDissect(
            "handshake-udp", fields: ["udp.srcport", "udp.dstport", "sctp.srcport", "sctp.dstport"])
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        #expect(result.findings.filter { $0.severity == .must }.isEmpty)
        #expect(rows.count == result.packets.count && rows.count >= 8)
        // The harness on UDP 9900, the SUT on 9899 (its replies mirror the ports); tshark decodes UDP
        // port 9899 as SCTP, so the SCTP ports are read inside every datagram.
        let toSUT = "9900 9899 5000 5001", fromSUT = "9899 9900 5001 5000"
        #expect(rows == result.packets.map { $0.direction == .toSUT ? toSUT : fromSUT })
        let toCarriage = SCTPCarriage.udpEncapsulated(sourcePort: 9900, destinationPort: 9899)
        let expected = result.packets.map { $0.direction == .toSUT ? toCarriage : toCarriage.reversed }
        #expect(result.packets.map(\.packet.carriage) == expected)
        #expect(checksums.count == rows.count)
        #expect(checksums.allSatisfy { $0.hasSuffix("[correct]") }, "\(checksums)")
    }
}
