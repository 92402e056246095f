import Rules
import SCTPWire
import Testing

/// The live entry point: bytes and a direction in, findings attributed to the harness or the SUT.
@Suite struct LiveRuleCheckerTests {
    static func packet(
        _ tag: UInt32, _ chunks: [Chunk], from port: UInt16 = 5000, to destination: UInt16 = 7
    ) -> [UInt8] {
        SCTPPacket(
            header: CommonHeader(sourcePort: port, destinationPort: destination, verificationTag: tag), chunks: chunks
        ).encoded()
    }

    static let initChunk = Chunk.initiation(
        InitChunk(
            initiateTag: 0xa, advertisedReceiverWindow: 1 << 16, outboundStreams: 4, inboundStreams: 4, initialTSN: 1))
    static let initAck = Chunk.initiationAck(
        InitAckChunk(
            initiateTag: 0xb, advertisedReceiverWindow: 1 << 16, outboundStreams: 4, inboundStreams: 4, initialTSN: 9,
            parameters: [.stateCookie(StateCookieParameter(cookie: [1, 2, 3]))]))

    @Test func harnessViolationsAreExpectedAndSUTViolationsFail() throws {
        var checker = LiveRuleChecker()
        #expect(checker.observe(Self.packet(0, [Self.initChunk]), direction: .harnessToSUT, number: 1, time: 0).isEmpty)
        let ack = checker.observe(
            Self.packet(0xa, [Self.initAck], from: 7, to: 5000), direction: .sutToHarness, number: 2, time: 10)
        #expect(ack.isEmpty)
        // The harness sends a deliberately wrong tag.
        let echo = checker.observe(
            Self.packet(0xdead, [.cookieEcho(CookieEchoChunk(cookie: [1, 2, 3]))]), direction: .harnessToSUT,
            number: 3, time: 20)
        let expected = try #require(echo.first)
        #expect(Set(echo.map(\.finding.ruleID)) == ["vtag.peer-tag", "cookie.echo-matches-offer"])
        #expect(echo.allSatisfy { $0.violator == .harness })
        #expect(expected.isExpected)
        #expect(!expected.failsScenario)
        #expect(expected.finding.violator.host == .harness)
        #expect(expected.finding.time == 20)
        // The SUT accepts it anyway.
        let accepted = checker.observe(
            Self.packet(0xa, [.cookieAck(CookieAckChunk())], from: 7, to: 5000), direction: .sutToHarness, number: 4,
            time: 30)
        let failure = try #require(accepted.first)
        #expect(failure.violator == .systemUnderTest)
        #expect(failure.finding.ruleID == "cookie.invalid-echo-ignored")
        #expect(failure.failsScenario)
        #expect(failure.finding.violator == TransportEndpoint(host: .systemUnderTest, port: 7))
        #expect(checker.associations.count == 1)
    }

    @Test func shouldLevelFindingsAgainstTheSUTDoNotFailTheScenario() throws {
        var checker = LiveRuleChecker()
        let zeroStreams = Chunk.initiation(
            InitChunk(
                initiateTag: 0xa, advertisedReceiverWindow: 1, outboundStreams: 0, inboundStreams: 4, initialTSN: 1))
        let sent = checker.observe(Self.packet(0, [zeroStreams]), direction: .harnessToSUT, number: 1, time: 0)
        #expect(sent.map(\.violator) == [.harness])
        // The SUT stays silent instead of sending an ABORT: a SHOULD.
        let late = try #require(checker.finish().first)
        #expect(late.finding.ruleID == "init.invalid-aborted")
        #expect(late.violator == .systemUnderTest)
        #expect(!late.failsScenario)
    }

    @Test func findingsArriveWithThePacketThatShowsThem() {
        var checker = LiveRuleChecker()
        var all: [LiveFinding] = []
        all += checker.observe(Self.packet(0, [Self.initChunk]), direction: .harnessToSUT, number: 1, time: 0)
        all += checker.observe(
            Self.packet(0xa, [Self.initAck], from: 7, to: 5000), direction: .sutToHarness, number: 2, time: 1)
        all += checker.observe(
            Self.packet(0xb, [.cookieEcho(CookieEchoChunk(cookie: [1, 2, 3]))]), direction: .harnessToSUT, number: 3,
            time: 2)
        all += checker.observe(
            Self.packet(0xa, [.cookieAck(CookieAckChunk())], from: 7, to: 5000), direction: .sutToHarness, number: 4,
            time: 3)
        let wrong = checker.observe(
            Self.packet(0xa, [.sack(SACKChunk(cumulativeTSNAck: 5, advertisedReceiverWindow: 1))], from: 7, to: 5000),
            direction: .sutToHarness, number: 5, time: 4)
        #expect(all.isEmpty)
        #expect(wrong.map(\.finding.ruleID) == ["sack.acks-only-sent"])
        #expect(wrong.first?.finding.packetNumber == 5)
    }
}
