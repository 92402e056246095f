import Foundation
import NetworkLayers
import Rules
import SCTPWire
import Testing

/// The Linux association of seeds/000 (rebuilt as SCTP packets by the codec helper in
/// Tests/SCTPWireTests/Fixtures/000_linux_exchange.hex) is clean once its checksums are filled in:
/// the capture had offloaded (zero) checksums and tshark elided cookie and heartbeat bytes.
@Suite struct LinuxSeedExchangeTests {
    static func packets() throws -> [(name: String, bytes: [UInt8])] {
        let path = FixturePaths.repositoryRoot.appendingPathComponent(
            "Tests/SCTPWireTests/Fixtures/000_linux_exchange.hex"
        ).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var packets: [(name: String, bytes: [UInt8])] = []
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("expect:") { continue }
            if trimmed.hasPrefix("== ") {
                packets.append((String(trimmed.dropFirst(3)), []))
                continue
            }
            let bytes = trimmed.split(separator: " ").compactMap { UInt8($0, radix: 16) }
            packets[packets.count - 1].bytes += bytes
        }
        return packets
    }

    @Test func rebuiltLinuxExchangeIsClean() throws {
        let packets = try Self.packets()
        #expect(
            packets.map(\.name) == [
                "init", "init-ack", "cookie-echo", "cookie-ack", "data", "sack", "heartbeat", "heartbeat-ack",
                "shutdown", "shutdown-ack", "shutdown-complete",
            ])
        var engine = RuleEngine(configuration: .live)
        var findings: [Finding] = []
        let client = EndpointHost.ip(.v4(IPv4Address(172, 24, 2, 5)))
        let server = EndpointHost.ip(.v4(IPv4Address(172, 24, 2, 6)))
        for (index, packet) in packets.enumerated() {
            var bytes = packet.bytes
            SCTPChecksum.fill(&bytes)
            let fromClient = bytes[0] == 0xe1
            findings += engine.process(
                SCTPObservation(
                    number: index + 1, time: UInt64(index) * 1_000, from: fromClient ? client : server,
                    to: fromClient ? server : client, bytes: bytes))
        }
        findings += engine.finish()
        expectClean(findings)
        #expect(engine.associations.count == 1)
        #expect(engine.associations.first?.states == [.closed, .closed])
        #expect(engine.associations.first?.tags == [0xf3dc_3087, 0xaeac_d509])
    }
}
