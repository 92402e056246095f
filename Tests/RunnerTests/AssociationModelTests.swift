import NetworkLayers
import Rules
import Runner
import SCTPWire
import Targets
import Testing
import VirtualTime

/// The harness's association model and the rules' association tracker describe one association:
/// one state vocabulary (`EndpointState`), one serial-number arithmetic (`Serial`), and, on a real
/// exchange, the same tags, Initial TSNs, stream counts, states and cumulative TSN.
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

    @Test func aHandshakeMovesTheModelThroughTheTrackersStates() {
        var model = AssociationModel(ourPort: 5000, peerPort: 5001, ourTag: 0x1111, ourInitialTSN: 100)
        #expect(model.state == EndpointState.closed)
        model.observeSent(tag: 0, chunks: [Self.initChunk(tag: 0x1111, tsn: 100)])
        #expect(model.state == .cookieWait)
        model.observeReceived(chunks: [Self.initAckChunk(tag: 0x2222, tsn: 500)])
        #expect(model.peerTag == 0x2222 && model.peerInitialTSN == 500 && model.cookie == [1, 2, 3])
        #expect(model.peerOutboundStreams == 5 && model.peerInboundStreams == 7)
        model.observeSent(tag: 0x2222, chunks: [.cookieEcho(CookieEchoChunk(cookie: [1, 2, 3]))])
        #expect(model.state == .cookieEchoed)
        model.observeReceived(chunks: [.cookieAck(CookieAckChunk())])
        #expect(model.state == .established)
        model.observeSent(tag: 0x2222, chunks: [.shutdown(ShutdownChunk(cumulativeTSNAck: 499))])
        #expect(model.state == .shutdownSent)
        model.observeReceived(chunks: [.shutdownAck(ShutdownAckChunk())])
        #expect(model.state == .shutdownAckSent)
    }

    @Test func tsnsAreComparedInSerialOrderAcrossTheWrap() {
        var model = AssociationModel(ourPort: 5000, peerPort: 5001, ourTag: 1, ourInitialTSN: 0xFFFF_FFFF)
        model.observeReceived(chunks: [Self.initAckChunk(tag: 2, tsn: 0xFFFF_FFFE)])
        #expect(model.peerCumulativeTSN == 0xFFFF_FFFD)
        for tsn: UInt32 in [0xFFFF_FFFE, 0xFFFF_FFFF, 0, 2] {
            model.observeReceived(chunks: [.data(DataChunk(tsn: tsn, userData: [1]))])
        }
        // 0 follows 2^32 - 1; 2 is above the cumulative point, one TSN missing before it.
        #expect(model.peerCumulativeTSN == 0)
        #expect(model.gapBlocks == [GapAckBlock(start: 2, end: 2)])
        #expect(Serial.lessThan(0xFFFF_FFFF, 0) && !Serial.lessThan(0, 0xFFFF_FFFF))
        // The harness's own DATA across the wrap moves its next TSN on.
        model.observeSent(tag: 2, chunks: [.data(DataChunk(tsn: 0xFFFF_FFFF, userData: [1]))])
        #expect(model.ourNextTSN == 0)
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
