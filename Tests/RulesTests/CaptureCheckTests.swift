import CaptureCheck
import Captures
import Foundation
import NetworkLayers
import Reports
import Rules
import SCTPWire
import Testing

/// Offline checks: captures read from files and memory, SCTP found over IP and UDP, reports and
/// exit statuses as `sctpconform check` prints them.
@Suite struct CaptureCheckTests {
    // MARK: Committed fixtures (Tests/Fixtures/rules, written by scapy)

    static func rulesFixture(_ name: String) -> CaptureCheckResult {
        CaptureChecker.check(path: FixturePaths.fixture("rules/\(name)"))
    }

    @Test(arguments: ["clean-ipv6.pcap", "clean-udp5005.pcap"])
    func cleanFixtures(_ name: String) {
        let result = Self.rulesFixture(name)
        #expect(result.readError == nil)
        #expect(result.sctpPackets == result.frames && result.frames > 0)
        expectClean(result.findings)
        #expect(CheckReport(results: [result]).exitCode == 0)
    }

    @Test func wrongTagFixture() throws {
        let result = Self.rulesFixture("vtag-wrong-tag-rawip.pcap")
        #expect(result.findings.map(\.ruleID) == ["vtag.peer-tag", "vtag.mismatch-discard"])
        #expect(result.findings.map(\.packetNumber) == [5, 6])
        let a = TransportEndpoint(host: .ip(IPAddress("198.18.0.1")!), port: 5000)
        let b = TransportEndpoint(host: .ip(IPAddress("198.18.0.2")!), port: 7)
        #expect(result.findings.map(\.violator) == [a, b])
        #expect(CheckReport(results: [result]).exitCode == 1)
    }

    @Test func newDataAfterShutdownFixture() {
        let result = Self.rulesFixture("shutdown-new-data-udp9899.pcap")
        expectSingle(result.findings, "shutdown.no-new-data", packet: 8)
        #expect(result.findings.first?.violator.udpPort == 9900)
        #expect(result.associations.first?.states == [.shutdownSent, .shutdownReceived])
    }

    @Test func nonZeroPaddingFixture() {
        let result = Self.rulesFixture("padding-nonzero-ethernet.pcap")
        expectSingle(result.findings, "packet.padding-zero", packet: 5)
    }

    @Test func otherUDPPortIsNotSCTPWithoutDetection() {
        let options = CaptureCheckOptions(detectsUDPEncapsulationByChecksum: false)
        let result = CaptureChecker.check(path: FixturePaths.fixture("rules/clean-udp5005.pcap"), options: options)
        #expect(result.frames == 6)
        #expect(result.sctpPackets == 0)
        let configured = CaptureChecker.check(
            path: FixturePaths.fixture("rules/clean-udp5005.pcap"),
            options: CaptureCheckOptions(udpEncapsulationPorts: [5005], detectsUDPEncapsulationByChecksum: false))
        #expect(configured.sctpPackets == 6)
    }

    // MARK: Captures built in memory

    static let a = IPAddress("192.0.2.1")!
    static let b = IPAddress("192.0.2.2")!

    /// Raw-IPv4 records of a conversation's packets, plus `extra` frames appended.
    static func capture(_ packets: [(from: Peer, bytes: [UInt8])], carriage: SCTPCarriage = .ip) throws -> [UInt8] {
        var records: [CaptureRecord] = []
        for (index, packet) in packets.enumerated() {
            var encapsulation = SCTPEncapsulation(source: Self.a, destination: Self.b, carriage: carriage)
            if packet.from == .b { encapsulation = encapsulation.reversed }
            records.append(
                CaptureRecord(
                    timestamp: CaptureTimestamp(seconds: 100, nanoseconds: UInt32(index) * 1_000), linkType: .raw,
                    bytes: try encapsulation.ipPacket(wrapping: packet.bytes)))
        }
        return PcapEncoder.encode(records, linkType: .raw)
    }

    /// The packets a conversation sent, recorded.
    struct Recorder {
        var conversation = Conversation()
        var packets: [(from: Peer, bytes: [UInt8])] = []

        mutating func send(_ from: Peer, _ chunks: [Chunk], tag: UInt32? = nil) {
            let header = CommonHeader(
                sourcePort: self.conversation.endpoint(from).port,
                destinationPort: self.conversation.endpoint(from.other).port,
                verificationTag: tag ?? self.conversation.peerTag(of: from))
            self.packets.append((from, SCTPPacket(header: header, chunks: chunks).encoded()))
        }

        mutating func handshake() {
            let c = self.conversation
            self.send(.a, [c.initChunk(tag: c.tagA, tsn: c.initialTSNA)], tag: 0)
            self.send(.b, [c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: c.cookie)])
            self.send(.a, [.cookieEcho(CookieEchoChunk(cookie: c.cookie))])
            self.send(.b, [.cookieAck(CookieAckChunk())])
        }
    }

    @Test func findingsCarryFrameNumbersAndAddresses() throws {
        var recorder = Recorder()
        recorder.handshake()
        recorder.send(.a, [recorder.conversation.data(tsn: 1000)])
        recorder.send(.b, [recorder.conversation.sack(cumulative: 1001)])
        let result = CaptureChecker.check(bytes: try Self.capture(recorder.packets), name: "memory")
        expectSingle(result.findings, "sack.acks-only-sent", packet: 6)
        #expect(result.findings.first?.violator == TransportEndpoint(host: .ip(Self.b), port: 7))
        #expect(result.findings.first?.time == 100_000_005_000)
        #expect(result.associations.map(\.origin) == [.handshake])
    }

    @Test func udpEncapsulationOnTheStandardPort() throws {
        var recorder = Recorder()
        recorder.handshake()
        let bytes = try Self.capture(
            recorder.packets, carriage: .udpEncapsulated(sourcePort: 9899, destinationPort: 9899))
        let result = CaptureChecker.check(
            bytes: bytes, options: CaptureCheckOptions(detectsUDPEncapsulationByChecksum: false))
        #expect(result.sctpPackets == 4)
        expectClean(result.findings)
    }

    @Test func captureStartingMidAssociationLearnsTheTags() throws {
        var recorder = Recorder()
        recorder.handshake()
        for _ in 0..<3 {
            let tsn = recorder.conversation.nextTSNA
            recorder.conversation.nextTSNA += 1
            recorder.send(.a, [recorder.conversation.data(tsn: tsn)])
            recorder.send(.b, [recorder.conversation.sack(cumulative: tsn)])
        }
        let midway = Array(recorder.packets.dropFirst(5))
        let result = CaptureChecker.check(bytes: try Self.capture(midway))
        expectClean(result.findings)
        #expect(result.associations.map(\.origin) == [.joinedMidway])
        // The first packet captured is B's SACK, so B is side 0.
        #expect(result.associations.first?.tags == [recorder.conversation.tagB, recorder.conversation.tagA])
        // A wrong tag after the tags were learned is still caught.
        recorder.send(.a, [recorder.conversation.heartbeat([1])], tag: 0x0bad_0bad)
        let wrong = CaptureChecker.check(bytes: try Self.capture(Array(recorder.packets.dropFirst(5))))
        expectSingle(wrong.findings, "vtag.peer-tag", packet: 6)
    }

    @Test func truncatedFileReportsWhatWasReadAndExitsWithTwo() throws {
        var recorder = Recorder()
        recorder.handshake()
        recorder.send(.a, [recorder.conversation.data(tsn: 1000)], tag: 0x0bad_0bad)
        let bytes = try Self.capture(recorder.packets)
        let result = CaptureChecker.check(bytes: Array(bytes.dropLast(7)), name: "cut.pcap")
        #expect(result.frames == 4)
        #expect(result.readError != nil)
        let report = CheckReport(results: [result])
        #expect(report.exitCode == 2)
        #expect(report.text().contains("error: "))
        let complete = CheckReport(results: [CaptureChecker.check(bytes: bytes)])
        #expect(complete.exitCode == 1)
    }

    @Test func notACaptureIsAnInputError() {
        let result = CaptureChecker.check(bytes: Array("hello, world".utf8), name: "text.txt")
        #expect(result.readError?.contains("not a pcap or pcapng file") == true)
        #expect(CheckReport(results: [result]).exitCode == 2)
        let missing = CaptureChecker.check(path: "/nonexistent/capture.pcap")
        #expect(missing.readError != nil)
    }

    @Test func framesThatAreNotSCTPAreSkippedAndUnreadableOnesCounted() throws {
        var recorder = Recorder()
        recorder.handshake()
        var records = try CaptureReader(bytes: try Self.capture(recorder.packets)).readAll()
        // A TCP segment and a frame whose IPv4 header is cut short.
        var tcp = records[0]
        tcp.bytes[9] = 6
        var broken = records[0]
        broken.bytes = Array(broken.bytes.prefix(10))
        records.insert(contentsOf: [tcp, broken], at: 2)
        let result = CaptureChecker.check(bytes: PcapEncoder.encode(records, linkType: .raw))
        #expect(result.frames == 6)
        #expect(result.sctpPackets == 4)
        #expect(result.unreadableFrames == 1)
        #expect(result.unreadableFrameSamples.first?.hasPrefix("frame 4:") == true)
        expectClean(result.findings)
        #expect(result.associations.first?.lastPacket == 6)
    }

    // MARK: Reports

    @Test func textReportGroupsFindingsByAssociation() {
        let report = CheckReport(results: [Self.rulesFixture("vtag-wrong-tag-rawip.pcap")])
        let text = report.text()
        #expect(text.contains("6 frames, 6 SCTP packets, 1 association"))
        #expect(text.contains("association 1: 198.18.0.1:5000 <-> 198.18.0.2:7, packets #1-#6 (6), handshake"))
        #expect(text.contains("#5  MUST  vtag.peer-tag  RFC 9260 §8.5  by 198.18.0.1:5000"))
        #expect(text.contains("#6  MUST  vtag.mismatch-discard  RFC 9260 §8.5  by 198.18.0.2:7"))
        #expect(text.hasSuffix("2 findings: 2 MUST, 0 SHOULD, 0 SUSPICIOUS\n"))
    }

    @Test func jsonReportHoldsEveryField() throws {
        let report = CheckReport(results: [Self.rulesFixture("vtag-wrong-tag-rawip.pcap")])
        let object = try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any]
        #expect(object?["exit_code"] as? Int == 1)
        let summary = object?["summary"] as? [String: Int]
        #expect(summary == ["must": 2, "should": 0, "suspicious": 0])
        let file = (object?["files"] as? [[String: Any]])?.first
        #expect(file?["frames"] as? Int == 6)
        let association = (file?["associations"] as? [[String: Any]])?.first
        #expect(association?["states"] as? [String] == ["ESTABLISHED", "ESTABLISHED"])
        let finding = (association?["findings"] as? [[String: Any]])?.first
        #expect(finding?["rule"] as? String == "vtag.peer-tag")
        #expect(finding?["section"] as? String == "RFC 9260 §8.5")
        #expect(finding?["severity"] as? String == "must")
        #expect(finding?["packet"] as? Int == 5)
        #expect(finding?["violator"] as? String == "198.18.0.1:5000")
    }

    @Test func filterDecidesWhatIsReportedAndTheExitStatus() {
        let result = Self.rulesFixture("vtag-wrong-tag-rawip.pcap")
        let onlyDiscard = CheckReport(results: [result], filter: FindingFilter(rules: ["vtag.mismatch-discard"]))
        #expect(onlyDiscard.findings(of: result).map(\.ruleID) == ["vtag.mismatch-discard"])
        #expect(onlyDiscard.exitCode == 1)
        let otherFamily = CheckReport(results: [result], filter: FindingFilter(rules: ["shutdown"]))
        #expect(otherFamily.findings(of: result).isEmpty)
        #expect(otherFamily.exitCode == 0)
        #expect(otherFamily.text().hasSuffix("0 findings: 0 MUST, 0 SHOULD, 0 SUSPICIOUS\n"))
    }

    @Test func shouldLevelFindingsAloneExitWithZero() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(
            .a,
            .sack(
                SACKChunk(flags: ReservedChunkFlags(rawValue: 1), cumulativeTSNAck: 4999, advertisedReceiverWindow: 1)))
        var result = CaptureCheckResult(name: "x")
        result.findings = conversation.findings
        #expect(conversation.findings.map(\.severity) == [.should])
        #expect(CheckReport(results: [result]).exitCode == 0)
        #expect(
            CheckReport(results: [result], filter: FindingFilter(minimumSeverity: .must)).findings(of: result).isEmpty)
    }
}
