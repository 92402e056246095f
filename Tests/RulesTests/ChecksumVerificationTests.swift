import CaptureCheck
import Foundation
import Reports
import Rules
import SCTPWire
import Testing

/// `CaptureCheckOptions.checksums`: a side whose every checksum is wrong while its peer answers its
/// packets (a capture taken with checksum offload) is reported once, as SUSPICIOUS, its packets
/// judged as received, and named for a hint when checksums are verified; `.ignore` takes every
/// checksum as correct.
@Suite struct ChecksumVerificationTests {
    /// A clean association in which every packet of B carries `checksum`.
    static func conversation(checksumOfB checksum: ChecksumMode) -> Conversation {
        var c = Conversation()
        c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0)
        c.send(.b, c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: c.cookie), checksum: checksum)
        c.send(.a, c.cookieEcho)
        c.send(.b, .cookieAck(CookieAckChunk()), checksum: checksum)
        c.sendData(.a)
        c.send(.b, c.sack(cumulative: 1000), checksum: checksum)
        return c
    }

    static func check(_ conversation: Conversation, _ checksums: ChecksumVerification) throws -> CaptureCheckResult {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sctpconform-checksums-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("capture.pcap").path
        try RuleEvidenceTests.write(conversation.sent, to: path)
        var options = CaptureCheckOptions()
        options.checksums = checksums
        return CaptureChecker.check(path: path, options: options)
    }

    @Test(arguments: [ChecksumMode.zero, .value(0x1234_5678)])
    func offloadedSideIsReportedOnceAndNamedWhenVerifying(_ checksum: ChecksumMode) throws {
        let result = try Self.check(Self.conversation(checksumOfB: checksum), .verify)
        #expect(!result.hasMustFinding)
        #expect(result.findings.count == 1)
        #expect(result.findings.first?.violator == Conversation.endpointB)
        #expect(result.findings.first?.severity == .suspicious)
        #expect(result.findings.first?.packetNumber == 2)
        #expect(result.associations.first?.states == [.established, .established])
        #expect(result.endpointsWithOnlyWrongChecksums == [Conversation.endpointB])
        let hint = try #require(CheckReport.checksumOffloadHint(result))
        #expect(hint.contains("10.0.0.2:7") && hint.contains("--checksums ignore"))
        #expect(CheckReport(results: [result]).text().contains("  hint: " + hint))
    }

    /// Live, every packet is seen as it was sent: no offload to infer, each wrong checksum is one.
    @Test(arguments: [ChecksumMode.zero, .value(0x1234_5678)])
    func liveRunsJudgeEveryWrongChecksum(_ checksum: ChecksumMode) {
        let c = Self.conversation(checksumOfB: checksum)
        let rule = checksum == .zero ? "packet.zero-checksum" : "packet.checksum"
        #expect(c.findings(of: rule).map(\.packetNumber) == [2, 4, 6])
        #expect(c.findings.allSatisfy { $0.severity == .must })
    }

    @Test(arguments: [ChecksumMode.zero, .value(0x1234_5678)])
    func ignoringChecksumsChecksTheOffloadedCaptureClean(_ checksum: ChecksumMode) throws {
        let result = try Self.check(Self.conversation(checksumOfB: checksum), .ignore)
        expectClean(result.findings)
        #expect(result.checksums == .ignore)
        #expect(result.endpointsWithOnlyWrongChecksums.isEmpty)
        #expect(CheckReport.checksumOffloadHint(result) == nil)
        #expect(result.associations.first?.states == [.established, .established])
    }

    @Test func oneWrongChecksumAmongGoodOnesBringsNoHint() throws {
        var c = Self.conversation(checksumOfB: .crc32c)
        c.send(.b, c.sack(cumulative: 1000), checksum: .value(0xdead_beef))
        let result = try Self.check(c, .verify)
        #expect(result.findings.map(\.ruleID) == ["packet.checksum"])
        #expect(result.endpointsWithOnlyWrongChecksums.isEmpty)
        #expect(CheckReport.checksumOffloadHint(result) == nil)
        #expect(result.associations.first?.packetsWithWrongChecksum == [0, 1])
        #expect(result.associations.first?.packetsSent == [3, 4])
    }

    /// The seeds' Linux exchange as a capture, checked as `sctpconform check` checks it.
    @Test func linuxSeedCaptureIsClean() {
        let path = FixturePaths.repositoryRoot.appendingPathComponent("Scenarios/captures/linux-handshake.pcap").path
        let result = CaptureChecker.check(path: path)
        #expect(result.readError == nil)
        #expect(result.sctpPackets == 13)
        expectClean(result.findings)
        #expect(result.associations.count == 1)
        #expect(result.associations.first?.states == [.closed, .closed])
        #expect(result.endpointsWithOnlyWrongChecksums.isEmpty)
    }
}
