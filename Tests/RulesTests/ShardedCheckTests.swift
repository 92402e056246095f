import CaptureCheck
import Captures
import Foundation
import NetworkLayers
import Rules
import SCTPWire
import Testing

/// An offline check split across rule threads (one engine per share of SCTP port pairs) gives
/// exactly what one engine gives: the same findings in the same order, the same associations with
/// the same numbers, the same counts.
@Suite struct ShardedCheckTests {
    /// Every evidence violation and near miss, each moved to ports of its own and all interleaved
    /// packet by packet into one capture: hundreds of associations, findings of every rule.
    static func interleavedEvidenceCapture() throws -> String {
        var conversations: [[SentPacket]] = []
        for evidence in RuleEvidence.all {
            conversations.append(evidence.run(evidence.violation).sent)
            conversations.append(evidence.run(evidence.nearMiss).sent)
        }
        var packets: [SentPacket] = []
        var round = 0
        var time: UInt64 = 1
        while conversations.contains(where: { round < $0.count }) {
            for (index, conversation) in conversations.enumerated() where round < conversation.count {
                var packet = conversation[round]
                packet.bytes = Self.movePorts(packet.bytes, by: UInt16(index + 1))
                packet.time = time
                time += 1_000
                packets.append(packet)
            }
            round += 1
        }
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("sctpconform-sharded-\(UUID().uuidString).pcap").path
        try RuleEvidenceTests.write(packets, to: path)
        return path
    }

    /// Both ports moved by `offset`; a correct checksum stays correct, a wrong or zero one stays so.
    static func movePorts(_ bytes: [UInt8], by offset: UInt16) -> [UInt8] {
        guard bytes.count >= CommonHeader.length else { return bytes }
        let wasCorrect = SCTPChecksum.verify(bytes) == .correct
        var moved = bytes
        for start in [0, 2] {
            let port = (UInt16(moved[start]) << 8 | UInt16(moved[start + 1])) &+ offset &* 100
            moved[start] = UInt8(port >> 8)
            moved[start + 1] = UInt8(port & 0xFF)
        }
        if wasCorrect { SCTPChecksum.fill(&moved) }
        return moved
    }

    static func expectSame(_ single: CaptureCheckResult, _ sharded: CaptureCheckResult, threads: Int) {
        #expect(sharded.findings == single.findings, "\(threads) threads")
        #expect(sharded.associations == single.associations, "\(threads) threads")
        #expect(sharded.suppressedFindings == single.suppressedFindings, "\(threads) threads")
        #expect(sharded.frames == single.frames && sharded.sctpPackets == single.sctpPackets)
        #expect(sharded.incompletePackets == single.incompletePackets)
        #expect(sharded.unreadableFrames == single.unreadableFrames)
        #expect(sharded.readError == single.readError)
    }

    @Test func evidenceInterleavedGivesTheSameResultOnAnyNumberOfThreads() throws {
        let path = try Self.interleavedEvidenceCapture()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let single = CaptureChecker.check(path: path, options: CaptureCheckOptions(ruleThreads: 1))
        #expect(single.associations.count > 100)
        #expect(Set(single.findings.map(\.ruleID)).count > 20)
        for threads in [2, 3, 5] {
            let sharded = CaptureChecker.check(path: path, options: CaptureCheckOptions(ruleThreads: threads))
            Self.expectSame(single, sharded, threads: threads)
        }
    }

    @Test(arguments: ["rules/clean-ipv6.pcap", "rules/shutdown-new-data-udp9899.pcap", "interop/pion-usrsctp-udp.pcap"])
    func fixturesGiveTheSameResult(_ name: String) {
        let path = FixturePaths.fixture(name)
        let single = CaptureChecker.check(path: path, options: CaptureCheckOptions(ruleThreads: 1))
        Self.expectSame(single, CaptureChecker.check(path: path, options: CaptureCheckOptions(ruleThreads: 4)), threads: 4)
    }

    /// Findings of no association are the only ones two shards can share a limit on: packets whose
    /// source and destination are the same endpoint, with wrong checksums, on many port pairs.
    @Test func limitOnFindingsOfNoAssociationHoldsAcrossShards() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("sctpconform-sharded-limit-\(UUID().uuidString).pcap").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let address = IPAddress("10.9.9.9")!
        let writer = try PcapWriter(path: path, linkType: .raw, precision: .nanoseconds)
        for index in 0..<40 {
            let port = UInt16(2000 + index * 7)
            var bytes = SCTPPacket(
                header: CommonHeader(sourcePort: port, destinationPort: port, verificationTag: 1, checksum: 0),
                chunks: [.cookieAck(CookieAckChunk())]
            ).encoded(checksum: .value(0xDEAD_BEEF))
            bytes[4] = UInt8(index)
            try writer.write(
                try SCTPEncapsulation(source: address, destination: address).ipPacket(wrapping: bytes),
                timestamp: CaptureTimestamp(totalNanoseconds: UInt64(index + 1) * 1_000))
        }
        try writer.finish()
        var configuration = RuleConfiguration.capture
        configuration.findingLimitPerRule = 3
        let single = CaptureChecker.check(
            path: path, options: CaptureCheckOptions(configuration: configuration, ruleThreads: 1))
        #expect(single.findings.filter { $0.ruleID == "packet.checksum" }.count == 3)
        #expect(single.suppressedFindings > 0)
        for threads in [2, 4] {
            let sharded = CaptureChecker.check(
                path: path, options: CaptureCheckOptions(configuration: configuration, ruleThreads: threads))
            Self.expectSame(single, sharded, threads: threads)
        }
    }
}
