import NetworkLayers
import Rules
import Runner
import SCTPWire
import Targets
import Testing
import VirtualTime

/// The harness's association model learns what the SUT said from the rules' association tracker, the
/// one model of the association: one state vocabulary (`EndpointState`), one serial-number arithmetic
/// (`Serial`), and, on a real exchange, the same tags, Initial TSNs, stream counts, states and
/// cumulative TSN.
@Suite struct AssociationModelTests {
    static func initChunk(tag: UInt32, tsn: UInt32, outbound: UInt16 = 10, inbound: UInt16 = 12) -> Chunk {
        .initiation(
            InitChunk(
                initiateTag: tag, advertisedReceiverWindow: 65_536, outboundStreams: outbound, inboundStreams: inbound,
                initialTSN: tsn))
    }

    static func initAckChunk(tag: UInt32, tsn: UInt32, outbound: UInt16 = 5, inbound: UInt16 = 7) -> Chunk {
        .initiationAck(
            InitAckChunk(
                initiateTag: tag, advertisedReceiverWindow: 32_768, outboundStreams: outbound, inboundStreams: inbound,
                initialTSN: tsn, parameters: [.stateCookie(StateCookieParameter(cookie: [1, 2, 3]))]))
    }

    /// An exchange fed to the rules' tracker as a session feeds it, the model learning from it after
    /// every packet (the session's `learnFromTracker`) and following the harness's own sends.
    struct Exchange {
        var model = AssociationModel(ourPort: 5000, peerPort: 5001, ourTag: 0x1111, ourInitialTSN: 100)
        var tracker = LiveRuleChecker()
        var number = 0
        static let harness = IPAddress.defaultHarness
        static let sut = IPAddress.defaultSUT

        init(ourTag: UInt32 = 0x1111, ourInitialTSN: UInt32 = 100) {
            self.model = AssociationModel(ourPort: 5000, peerPort: 5001, ourTag: ourTag, ourInitialTSN: ourInitialTSN)
        }

        mutating func sent(tag: UInt32, _ chunks: [Chunk]) {
            self.model.observeSent(tag: tag, chunks: chunks)
            self.pass(.toSUT, tag: tag, chunks)
        }

        mutating func received(tag: UInt32, _ chunks: [Chunk]) {
            self.pass(.fromSUT, tag: tag, chunks)
        }

        private mutating func pass(_ direction: PacketDirection, tag: UInt32, _ chunks: [Chunk]) {
            self.number += 1
            let toSUT = direction == .toSUT
            let bytes = SCTPPacket(
                header: CommonHeader(
                    sourcePort: toSUT ? 5000 : 5001, destinationPort: toSUT ? 5001 : 5000, verificationTag: tag),
                chunks: chunks
            ).encoded()
            let packet = AddressedPacket(
                source: toSUT ? Self.harness : Self.sut, destination: toSUT ? Self.sut : Self.harness,
                time: VirtualInstant(nanoseconds: UInt64(self.number) * 1_000_000), bytes: bytes)
            _ = self.tracker.observe(packet, direction: direction, number: self.number)
            let sides = self.tracker.trackedSides(
                local: TransportEndpoint(host: .ip(Self.harness), port: 5000),
                remote: TransportEndpoint(host: .ip(Self.sut), port: 5001))
            if let sides { self.model.learn(harness: sides.local, sut: sides.remote) }
        }
    }

    @Test func aHandshakeMovesTheModelThroughTheTrackersStates() {
        var exchange = Exchange()
        #expect(exchange.model.state == EndpointState.closed)
        exchange.sent(tag: 0, [Self.initChunk(tag: 0x1111, tsn: 100)])
        #expect(exchange.model.state == .cookieWait)
        exchange.received(tag: 0x1111, [Self.initAckChunk(tag: 0x2222, tsn: 500)])
        var model = exchange.model
        #expect(model.peerTag == 0x2222 && model.peerInitialTSN == 500 && model.cookie == [1, 2, 3])
        #expect(model.peerOutboundStreams == 5 && model.peerInboundStreams == 7 && model.peerWindow == 32_768)
        exchange.sent(tag: 0x2222, [.cookieEcho(CookieEchoChunk(cookie: [1, 2, 3]))])
        #expect(exchange.model.state == .cookieEchoed)
        exchange.received(tag: 0x1111, [.cookieAck(CookieAckChunk())])
        #expect(exchange.model.state == .established)
        exchange.received(tag: 0x1111, [.heartbeat(HeartbeatChunk(parameters: [
            .heartbeatInfo(HeartbeatInfoParameter(info: [9, 8, 7]))]))])
        #expect(exchange.model.heartbeatInfo == [9, 8, 7])
        exchange.sent(tag: 0x2222, [.shutdown(ShutdownChunk(cumulativeTSNAck: 499))])
        #expect(exchange.model.state == .shutdownSent)
        exchange.received(tag: 0x1111, [.shutdownAck(ShutdownAckChunk())])
        model = exchange.model
        // The harness received the SHUTDOWN ACK: what it answers with is up to it; the SUT's side is
        // in SHUTDOWN-ACK-SENT, the harness's stays SHUTDOWN-SENT until its SHUTDOWN COMPLETE.
        #expect(model.state == .shutdownSent)
        exchange.sent(tag: 0x2222, [.shutdownComplete(ShutdownCompleteChunk())])
        #expect(exchange.model.state == .closed)
    }

    @Test func tsnsAreComparedInSerialOrderAcrossTheWrap() {
        var exchange = Exchange(ourTag: 1, ourInitialTSN: 0xFFFF_FFFF)
        exchange.sent(tag: 0, [Self.initChunk(tag: 1, tsn: 0xFFFF_FFFF)])
        exchange.received(tag: 1, [Self.initAckChunk(tag: 2, tsn: 0xFFFF_FFFE)])
        exchange.sent(tag: 2, [.cookieEcho(CookieEchoChunk(cookie: [1, 2, 3]))])
        exchange.received(tag: 1, [.cookieAck(CookieAckChunk())])
        #expect(exchange.model.peerCumulativeTSN == 0xFFFF_FFFD)
        for tsn: UInt32 in [0xFFFF_FFFE, 0xFFFF_FFFF, 0, 2] {
            exchange.received(tag: 1, [.data(DataChunk(tsn: tsn, userData: [1]))])
        }
        // 0 follows 2^32 - 1; 2 is above the cumulative point, one TSN missing before it.
        #expect(exchange.model.peerCumulativeTSN == 0)
        #expect(exchange.model.gapBlocks == [GapAckBlock(start: 2, end: 2)])
        #expect(exchange.model.peerLastTSN == 2)
        #expect(Serial.lessThan(0xFFFF_FFFF, 0) && !Serial.lessThan(0, 0xFFFF_FFFF))
        // The harness's own DATA across the wrap moves its next TSN on.
        exchange.sent(tag: 2, [.data(DataChunk(tsn: 0xFFFF_FFFF, userData: [1]))])
        #expect(exchange.model.ourNextTSN == 0)
        exchange.received(tag: 1, [.sack(SACKChunk(
            cumulativeTSNAck: 0xFFFF_FFFF, advertisedReceiverWindow: 4_096, gapBlocks: [], duplicateTSNs: []))])
        #expect(exchange.model.acknowledgedByPeer == 0xFFFF_FFFF)
        #expect(exchange.model.peerWindow == 4_096)
    }

    @Test(.enabled(if: RunnerTests.isUSRSCTPAvailable, "usrsctp target unavailable"))
    func theModelAndTheRulesTrackerAgreeOnARealExchange() throws {
        let target = try USRSCTPTarget(configuration: HarnessSessionTests.configuration)
        defer { target.shutdown() }
        let rules = RulesLiveChecker()
        let session = HarnessSession(
            target: target, endpoints: HarnessSessionTests.endpoints, seed: 7, checkers: { [rules] })
        _ = try HarnessSessionTests.handshake(session)
        let peerTag = try #require(session.model.peerTag)
        try session.send(
            SCTPPacket(
                header: CommonHeader(sourcePort: 5000, destinationPort: 5001, verificationTag: peerTag),
                chunks: [.data(DataChunk(tsn: session.model.ourNextTSN, userData: Array("agree".utf8)))]))
        _ = try session.receive(until: session.now + .milliseconds(500))
        let sides = try #require(rules.trackedSides.first)
        #expect(rules.trackedSides.count == 1)
        // Side 0 sent the first packet: the harness.
        let (harness, sut) = (sides[0], sides[1])
        let model = session.model
        #expect(harness.endpoint.port == model.ourPort && sut.endpoint.port == model.peerPort)
        #expect(harness.tag == model.ourTag && sut.tag == model.peerTag)
        #expect(harness.initialTSN == model.ourInitialTSN && sut.initialTSN == model.peerInitialTSN)
        #expect(harness.state == model.state)
        #expect(harness.state == .established && sut.state == .established)
        #expect(sut.outboundStreams == model.peerOutboundStreams.map { min($0, model.ourInboundStreams) })
        #expect(harness.outboundStreams == model.peerInboundStreams.map { min(model.ourOutboundStreams, $0) })
        #expect(harness.cumulativeTSNReceived == model.peerCumulativeTSN)
        #expect(sut.cumulativeTSNReceived == model.ourNextTSN &- 1)
        #expect(session.finish().filter { $0.severity == .must }.isEmpty)
    }
}
