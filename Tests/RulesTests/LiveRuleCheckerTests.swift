import NetworkLayers
import Rules
import SCTPWire
import Testing
import VirtualTime

extension LiveRuleChecker {
    static let harness = IPAddress.v4(IPv4Address(198, 18, 0, 1))
    static let sut = IPAddress.v4(IPv4Address(198, 18, 0, 2))

    /// The bytes between the default addresses, `time` in nanoseconds.
    mutating func observe(_ bytes: [UInt8], direction: PacketDirection, number: Int, time: UInt64) -> [LiveFinding] {
        let toSUT = direction == .toSUT
        let packet = AddressedPacket(
            source: toSUT ? Self.harness : Self.sut, destination: toSUT ? Self.sut : Self.harness,
            time: VirtualInstant(nanoseconds: time), bytes: bytes)
        return self.observe(packet, direction: direction, number: number)
    }
}

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
        #expect(checker.observe(Self.packet(0, [Self.initChunk]), direction: .toSUT, number: 1, time: 0).isEmpty)
        let ack = checker.observe(
            Self.packet(0xa, [Self.initAck], from: 7, to: 5000), direction: .fromSUT, number: 2, time: 10)
        #expect(ack.isEmpty)
        // The harness sends a deliberately wrong tag.
        let echo = checker.observe(
            Self.packet(0xdead, [.cookieEcho(CookieEchoChunk(cookie: [1, 2, 3]))]), direction: .toSUT,
            number: 3, time: 20)
        let expected = try #require(echo.first)
        #expect(Set(echo.map(\.finding.ruleID)) == ["vtag.peer-tag", "cookie.echo-matches-offer"])
        #expect(echo.allSatisfy { $0.violator == .harness })
        #expect(expected.isExpected)
        #expect(!expected.failsScenario)
        #expect(expected.finding.violator.host == .ip(LiveRuleChecker.harness))
        #expect(expected.finding.time == 20)
        // The SUT accepts it anyway.
        let accepted = checker.observe(
            Self.packet(0xa, [.cookieAck(CookieAckChunk())], from: 7, to: 5000), direction: .fromSUT, number: 4,
            time: 30)
        let failure = try #require(accepted.first)
        #expect(failure.violator == .systemUnderTest)
        #expect(failure.finding.ruleID == "cookie.invalid-echo-ignored")
        #expect(failure.failsScenario)
        #expect(failure.finding.violator == TransportEndpoint(host: .ip(LiveRuleChecker.sut), port: 7))
        #expect(checker.associations.count == 1)
    }

    @Test func shouldLevelFindingsAgainstTheSUTDoNotFailTheScenario() throws {
        var checker = LiveRuleChecker()
        let zeroStreams = Chunk.initiation(
            InitChunk(
                initiateTag: 0xa, advertisedReceiverWindow: 1, outboundStreams: 0, inboundStreams: 4, initialTSN: 1))
        let sent = checker.observe(Self.packet(0, [zeroStreams]), direction: .toSUT, number: 1, time: 0)
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
        all += checker.observe(Self.packet(0, [Self.initChunk]), direction: .toSUT, number: 1, time: 0)
        all += checker.observe(
            Self.packet(0xa, [Self.initAck], from: 7, to: 5000), direction: .fromSUT, number: 2, time: 1)
        all += checker.observe(
            Self.packet(0xb, [.cookieEcho(CookieEchoChunk(cookie: [1, 2, 3]))]), direction: .toSUT, number: 3,
            time: 2)
        all += checker.observe(
            Self.packet(0xa, [.cookieAck(CookieAckChunk())], from: 7, to: 5000), direction: .fromSUT, number: 4,
            time: 3)
        let wrong = checker.observe(
            Self.packet(0xa, [.sack(SACKChunk(cumulativeTSNAck: 5, advertisedReceiverWindow: 1))], from: 7, to: 5000),
            direction: .fromSUT, number: 5, time: 4)
        #expect(all.isEmpty)
        #expect(wrong.map(\.finding.ruleID) == ["sack.acks-only-sent"])
        #expect(wrong.first?.finding.packetNumber == 5)
    }

    /// A finding names the violator by its real address in the packet judged, IPv6 included.
    @Test func findingsNameTheViolatorsRealAddress() throws {
        var checker = LiveRuleChecker()
        let harness = try #require(IPAddress("2001:db8::1"))
        let sut = try #require(IPAddress("2001:db8::2"))
        let initPacket = AddressedPacket(
            source: harness, destination: sut, time: .zero, bytes: Self.packet(0, [Self.initChunk]))
        #expect(checker.observe(initPacket, direction: .toSUT, number: 1).isEmpty)
        // An INIT ACK with the wrong tag (not the harness's initiate tag 0xa).
        let ack = AddressedPacket(
            source: sut, destination: harness, time: VirtualInstant(nanoseconds: 10),
            bytes: Self.packet(0xdead, [Self.initAck], from: 7, to: 5000))
        let found = checker.observe(ack, direction: .fromSUT, number: 2)
        let finding = try #require(found.first)
        #expect(finding.violator == .systemUnderTest)
        #expect(finding.violatorEndpoint == TransportEndpoint(host: .ip(sut), port: 7))
        #expect(finding.violatorEndpoint.description == "[2001:db8::2]:7")
    }

    /// A harness that sends from a second address once the association is up stays in it (found by
    /// tag), and a rule it breaks from there is the harness's, named by that address.
    @Test func multihomedHarnessIsOneParty() throws {
        var checker = LiveRuleChecker()
        let second = IPAddress.v4(IPv4Address(198, 18, 0, 3))
        func send(_ bytes: [UInt8], from source: IPAddress, number: Int) -> [LiveFinding] {
            checker.observe(
                AddressedPacket(
                    source: source, destination: LiveRuleChecker.sut, time: VirtualInstant(nanoseconds: UInt64(number)),
                    bytes: bytes), direction: .toSUT, number: number)
        }
        #expect(send(Self.packet(0, [Self.initChunk]), from: LiveRuleChecker.harness, number: 1).isEmpty)
        #expect(
            checker.observe(
                Self.packet(0xa, [Self.initAck], from: 7, to: 5000), direction: .fromSUT, number: 2, time: 2).isEmpty)
        let echo = Self.packet(0xb, [.cookieEcho(CookieEchoChunk(cookie: [1, 2, 3]))])
        #expect(send(echo, from: LiveRuleChecker.harness, number: 3).isEmpty)
        #expect(
            checker.observe(
                Self.packet(0xa, [.cookieAck(CookieAckChunk())], from: 7, to: 5000), direction: .fromSUT, number: 4,
                time: 4
            ).isEmpty)
        // DATA from the second address on stream 9, past the SUT's 4 inbound streams.
        let data = Self.packet(0xb, [.data(DataChunk(tsn: 1, streamID: 9, userData: [1]))])
        let found = send(data, from: second, number: 5)
        #expect(found.map(\.finding.ruleID) == ["streams.within-negotiated"])
        #expect(found.allSatisfy { $0.violator == .harness && $0.violatorEndpoint.host == .ip(second) })
        #expect(found.first?.finding.associationID == 1)
        #expect(checker.associations.count == 1)
    }
}
