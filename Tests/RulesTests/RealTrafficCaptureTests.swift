import CaptureCheck
import Foundation
import NetworkLayers
@testable import Rules
import Testing

/// `sctpconform check` on situations of real traffic that are no stack's fault (issue 11 items 1-5
/// and 17), with the captures of Tests/Fixtures/real-traffic (written by its scapy script): checksum
/// offload, RFC 2960 Adler-32 checksums, multi-homing, packets crossing in flight, capture loss, and
/// a stray packet after an association ended.
@Suite struct RealTrafficCaptureTests {
    static let a = TransportEndpoint(host: .ip(IPAddress("10.128.0.81")!), port: 5000)
    static let b = TransportEndpoint(host: .ip(IPAddress("10.128.0.82")!), port: 7)

    static func check(_ name: String, checksums: ChecksumVerification = .verify, threads: Int = 1)
        -> CaptureCheckResult
    {
        var options = CaptureCheckOptions()
        options.checksums = checksums
        options.ruleThreads = threads
        return CaptureChecker.check(path: FixturePaths.fixture("real-traffic/\(name)"), options: options)
    }

    static func describe(_ findings: [Finding]) -> String {
        findings.map(\.description).joined(separator: "\n")
    }

    // MARK: Item 1: checksum offload

    /// One side's checksums zero or stale, or both sides' zero (loopback): one SUSPICIOUS finding per
    /// offloaded endpoint, at its first packet, and nothing else; the association runs its course.
    @Test(arguments: [
        ("offload-zero-client.pcap", ["packet.zero-checksum"]),
        ("offload-stale-client.pcap", ["packet.checksum"]),
        ("offload-zero-loopback.pcap", ["packet.zero-checksum", "packet.zero-checksum"]),
    ])
    func offloadedEndpointIsReportedOnceAndItsPacketsJudgedAsReceived(_ name: String, _ rules: [String]) {
        let result = Self.check(name)
        #expect(result.readError == nil)
        #expect(!result.hasMustFinding, "\(Self.describe(result.findings))")
        #expect(result.findings.map(\.ruleID) == rules, "\(Self.describe(result.findings))")
        #expect(result.findings.allSatisfy { $0.severity == .suspicious })
        #expect(result.findings.allSatisfy { $0.message.contains("checksum offload") })
        #expect(result.findings.map(\.packetNumber) == Array([1, 2].prefix(rules.count)))
        #expect(result.findings.first?.violator == Self.a)
        // The INIT and the COOKIE ECHO alike were taken in: the association was set up and shut down.
        #expect(result.associations.count == 1)
        #expect(result.associations.first?.states == [.closed, .closed])
        #expect(result.associations.first?.tags == [0x1111_1111, 0x2222_2222])
        #expect(CheckReport.checksumOffloadHint(result)?.contains("--checksums ignore") == true)
        #expect(CheckReport(results: [result]).exitCode == 0)
    }

    @Test(arguments: ["offload-zero-client.pcap", "offload-stale-client.pcap", "offload-zero-loopback.pcap"])
    func offloadedCaptureIsCleanWithChecksumsIgnored(_ name: String) {
        let result = Self.check(name, checksums: .ignore)
        expectClean(result.findings)
        #expect(result.associations.first?.states == [.closed, .closed])
    }

    /// Two associations of the same offloaded endpoint: reported once, in the first.
    @Test(arguments: [1, 3])
    func offloadedEndpointIsReportedOnceAcrossAssociations(_ threads: Int) {
        let result = Self.check("offload-two-associations.pcap", threads: threads)
        #expect(result.associations.count == 2)
        #expect(result.findings.map(\.ruleID) == ["packet.zero-checksum"], "\(Self.describe(result.findings))")
        #expect(result.findings.first?.associationID == 1)
        #expect(result.associations.map(\.states) == [[.closed, .closed], [.closed, .closed]])
    }

    /// The per-endpoint report does not depend on how many rule threads judge the capture.
    @Test func offloadReportIsTheSameWithSeveralRuleThreads() {
        let one = Self.check("offload-zero-loopback.pcap", threads: 1)
        let four = Self.check("offload-zero-loopback.pcap", threads: 4)
        #expect(one.findings == four.findings)
    }

    /// A sender whose wrong checksums nobody answers, and which then sends a sound one, broke the
    /// rule itself: one MUST finding at its first wrong packet, judged the same offline and live.
    @Test func unansweredWrongChecksumsAreTheSendersFault() throws {
        var c = Conversation()
        c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0, checksum: .value(0x1234_5678))
        c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0, checksum: .value(0x1234_5678))
        c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0)
        c.send(.b, c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: c.cookie))
        let result = try ChecksumVerificationTests.check(c, .verify)
        expectSingle(result.findings, "packet.checksum", by: Conversation.endpointA, packet: 1)
        #expect(result.findings.first?.message.contains("1 later packet(s), none answered") == true)
    }

    // MARK: Item 2: RFC 2960 Adler-32

    @Test func adler32MatchesZlib() {
        // zlib.adler32(bytes(12) + b"Wikipedia"); the checksum field (bytes 8-11) counts as zero.
        let packet = [UInt8](repeating: 0, count: 12) + Array("Wikipedia".utf8)
        var stamped = packet
        stamped[8] = 0xff
        #expect(RFC2960Checksum.adler32(ofPacket: packet) == 0x11f2_0398)
        #expect(RFC2960Checksum.adler32(ofPacket: stamped) == 0x11f2_0398)
    }

    @Test func adler32ChecksumsAreNamedOncePerEndpointAndNotBlamedOnOffload() {
        let result = Self.check("adler32-rfc2960.pcap")
        #expect(result.findings.map(\.ruleID) == ["packet.checksum", "packet.checksum"], "\(Self.describe(result.findings))")
        #expect(result.findings.map(\.violator) == [Self.a, Self.b])
        #expect(result.findings.allSatisfy { $0.severity == .must && $0.message.contains("RFC 2960's Adler-32") })
        #expect(result.associations.first?.states == [.closed, .closed])
        #expect(result.endpointsWithOnlyWrongChecksums.isEmpty)
        let hint = try? #require(CheckReport.checksumOffloadHint(result))
        #expect(hint?.contains("Adler-32") == true)
        #expect(hint?.contains("offload (the card") == false)
    }

    // MARK: Item 3: multi-homing

    /// A's INIT lists a second address; its T-bit ABORT from there, reflecting its own tag, is the
    /// first packet between that address and B, and belongs to the association.
    @Test func packetFromAListedAddressBelongsToTheAssociation() {
        let result = Self.check("multihomed-reflected-abort.pcap")
        expectClean(result.findings)
        #expect(result.associations.count == 1)
        #expect(result.associations.first?.lastPacket == 9)
    }

    /// B answers A's INIT from a second address its INIT ACK lists, and the association runs there.
    @Test func initAckFromAnotherAddressBelongsToTheAssociation() {
        let result = Self.check("multihomed-init-ack-elsewhere.pcap")
        expectClean(result.findings)
        #expect(result.associations.count == 1)
        #expect(result.associations.first?.packetCount == 9)
        #expect(result.associations.first?.states == [.closed, .closed])
    }

    // MARK: Item 4: packets in flight

    /// A's SHUTDOWN ACK left A before B's ABORT arrived there (captured 39 ms after the ABORT, where
    /// A's answers take 40 ms): judged in the state A was in, SHUTDOWN-RECEIVED.
    @Test func packetSentBeforeTheClosingPacketArrivedIsJudgedAgainstTheEarlierState() {
        expectClean(Self.check("in-flight-shutdown-ack.pcap").findings)
    }

    /// The same SHUTDOWN ACK captured 200 ms after the ABORT: A had it, and has no association.
    @Test func packetSentLaterIsStillJudgedClosed() {
        let result = Self.check("in-flight-late-shutdown-ack.pcap")
        expectSingle(result.findings, "handshake.no-tcb-chunks", by: Self.a, packet: 9)
    }

    // MARK: Item 5: capture loss

    @Test(arguments: ["loss-sparse-excerpt.pcap", "loss-cut-25-frames.pcap"])
    func findingsAMissingPacketExplainsAreSuspicious(_ name: String) {
        let result = Self.check(name)
        #expect(!result.findings.isEmpty)
        #expect(!result.hasMustFinding, "\(Self.describe(result.findings.filter { $0.severity == .must }))")
        #expect(result.findings.allSatisfy { $0.message.contains("the capture misses packets of this association") })
    }

    @Test func longSilenceIsEvidenceOfLoss() {
        let result = Self.check("loss-silence.pcap")
        #expect(result.findings.map(\.ruleID) == ["shutdown.ack-when-nothing-outstanding"])
        #expect(result.findings.first?.severity == .suspicious)
        #expect(result.findings.first?.message.contains("nothing of the association was captured for 600 s") == true)
    }

    @Test func wholeCaptureIsClean() {
        expectClean(Self.check("loss-whole.pcap").findings)
    }

    /// The same violation with nothing missing stays MUST (the evidence tests show every rule).
    @Test func violationWithoutLossStaysMust() throws {
        var c = Conversation()
        c.handshake()
        c.send(.a, c.data(tsn: 1000))
        c.send(.b, c.sack(cumulative: 1001))
        let result = try ChecksumVerificationTests.check(c, .verify)
        expectSingle(result.findings, "sack.acks-only-sent", packet: 6)
    }

    // MARK: Item 17: fresh tracking after an association ends

    /// One stray DATA after the ABORT, under an unknown tag and a TSN far from the old ones: an
    /// out-of-the-blue packet (wrong tag, no association), no TSNs "skipped".
    @Test func strayPacketAfterTheEndStartsFreshTracking() {
        let result = Self.check("stray-data-after-abort.pcap")
        #expect(result.findings.map(\.ruleID) == ["vtag.peer-tag", "handshake.no-tcb-chunks"], "\(Self.describe(result.findings))")
        #expect(result.findings.allSatisfy { $0.packetNumber == 8 && $0.violator == Self.a })
        #expect(result.associations.map(\.origin) == [.handshake, .outOfTheBlue])
        #expect(result.associations.map(\.packetCount) == [7, 2])
    }
}
