import Rules
import SCTPWire
import Testing

@Suite struct VerificationTagRulesTests {
    @Test func wrongTagIsFlaggedAgainstTheSender() {
        var conversation = Conversation()
        conversation.handshake()
        let found = conversation.send(.a, conversation.data(tsn: 1000), tag: conversation.tagB &+ 1)
        expectSingle(found, "vtag.peer-tag", by: Conversation.endpointA, packet: 5)
        #expect(found.first?.message.contains(RuleTextProbe.hex(conversation.tagB)) == true)
    }

    @Test func initCarriesTagZero() {
        var conversation = Conversation()
        let found = conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000), tag: 0x42)
        expectSingle(found, "vtag.init-zero", by: Conversation.endpointA)
    }

    @Test func initWithTagZeroAndCookieEchoWithTheInitAckTagAreTheExceptions() {
        var conversation = Conversation()
        conversation.handshake()
        expectClean(conversation.findings)
    }

    @Test func abortWithTheTBitFromAnEstablishedEndpointIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        let found = conversation.send(.b, conversation.abort(tBit: true), tag: conversation.tagB)
        expectSingle(found, "vtag.t-bit", by: Conversation.endpointB)
    }

    @Test func abortWithTheTBitInCookieWaitReflectsItsOwnTag() {
        var conversation = Conversation()
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000), tag: 0)
        // A gives up before any INIT ACK: it knows no peer tag, so it reflects its own.
        expectClean(conversation.send(.a, conversation.abort(tBit: true), tag: conversation.tagA))
    }

    @Test func abortWithTheTBitMustReflectAKnownTag() {
        var conversation = Conversation()
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000), tag: 0)
        let found = conversation.send(.a, conversation.abort(tBit: true), tag: 0x7777_7777)
        expectSingle(found, "vtag.t-bit", by: Conversation.endpointA)
    }

    @Test func abortWithoutTheTBitUsesThePeerTag() {
        var conversation = Conversation()
        conversation.handshake()
        expectClean(conversation.send(.b, conversation.abort()))
        #expect(conversation.engine.associations.first?.states == [.closed, .closed])
    }

    @Test func shutdownCompleteWithTheTBitWhileHoldingTheAssociationIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, .shutdown(ShutdownChunk(cumulativeTSNAck: 4999)))
        conversation.send(.b, .shutdownAck(ShutdownAckChunk()))
        let found = conversation.send(.a, conversation.shutdownComplete(tBit: true), tag: conversation.tagA)
        expectSingle(found, "vtag.t-bit", by: Conversation.endpointA)
    }

    @Test func shutdownCompleteWithTheTBitAnswersARepeatedShutdownAckAfterClosing() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.shutdown(.a)
        // B missed the SHUTDOWN COMPLETE and repeats its SHUTDOWN ACK; A, closed, reflects the tag.
        expectClean(conversation.send(.b, .shutdownAck(ShutdownAckChunk())))
        expectClean(conversation.send(.a, conversation.shutdownComplete(tBit: true), tag: conversation.tagA))
    }

    @Test func dataInAPacketWithTheWrongTagMustNotBeAcknowledged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, conversation.data(tsn: 1000), tag: 0xbad0_0001)
        let found = conversation.send(.b, conversation.sack(cumulative: 1000))
        expectSingle(found, "vtag.mismatch-discard", by: Conversation.endpointB)
        #expect(found.first?.relatedPackets == [5])
    }

    @Test func heartbeatWithTheWrongTagMustNotBeAnswered() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, conversation.heartbeat([1, 2, 3, 4]), tag: 0xbad0_0001)
        expectSingle(conversation.send(.b, conversation.heartbeatAck([1, 2, 3, 4])), "vtag.mismatch-discard")
    }

    @Test func shutdownWithTheWrongTagMustNotBeAcknowledged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, .shutdown(ShutdownChunk(cumulativeTSNAck: 4999)), tag: 0xbad0_0001)
        expectSingle(conversation.send(.b, .shutdownAck(ShutdownAckChunk())), "vtag.mismatch-discard")
    }

    @Test func packetsOfTwoAssociationsUseTheirOwnTags() {
        var first = Conversation()
        first.handshake()
        first.sendData(.a)
        first.acknowledgeAll(.b)
        // Another association between other ports, interleaved in one engine.
        var engine = RuleEngine(configuration: .live)
        var findings: [Finding] = []
        let a2 = TransportEndpoint(host: Conversation.endpointA.host, port: 6000)
        let b2 = TransportEndpoint(host: Conversation.endpointB.host, port: 7)
        var number = 0
        func feed(_ from: TransportEndpoint, _ to: TransportEndpoint, _ tag: UInt32, _ chunk: Chunk) {
            number += 1
            let packet = SCTPPacket(
                header: CommonHeader(sourcePort: from.port, destinationPort: to.port, verificationTag: tag),
                chunks: [chunk])
            findings += engine.process(
                SCTPObservation(number: number, time: 0, source: from, destination: to, bytes: packet.encoded()))
        }
        let c = first
        let a1 = Conversation.endpointA
        let b1 = Conversation.endpointB
        feed(a1, b1, 0, c.initChunk(tag: 0xa1, tsn: 1))
        feed(a2, b2, 0, c.initChunk(tag: 0xa2, tsn: 1))
        feed(b1, a1, 0xa1, c.initAckChunk(tag: 0xb1, tsn: 100, cookie: [1]))
        feed(b2, a2, 0xa2, c.initAckChunk(tag: 0xb2, tsn: 200, cookie: [2]))
        feed(a2, b2, 0xb2, .cookieEcho(CookieEchoChunk(cookie: [2])))
        feed(a1, b1, 0xb1, .cookieEcho(CookieEchoChunk(cookie: [1])))
        feed(b1, a1, 0xa1, .cookieAck(CookieAckChunk()))
        feed(b2, a2, 0xa2, .cookieAck(CookieAckChunk()))
        feed(a1, b1, 0xb1, c.data(tsn: 1))
        feed(a2, b2, 0xb2, c.data(tsn: 1))
        feed(b2, a2, 0xa2, c.sack(cumulative: 1))
        feed(b1, a1, 0xa1, c.sack(cumulative: 1))
        expectClean(findings)
        // The first association's tag on the second's ports.
        feed(a2, b2, 0xb1, c.data(tsn: 2))
        expectSingle(findings, "vtag.peer-tag", by: a2, packet: 13)
        #expect(engine.associations.count == 2)
        #expect(engine.associations.map(\.tags) == [[0xa1, 0xb1], [0xa2, 0xb2]])
    }

    @Test func otherAddressOfAMultihomedPeerJoinsTheAssociationThroughItsTag() {
        var conversation = Conversation()
        conversation.handshake()
        let otherAddress = TransportEndpoint(host: .ip(.v4(.init(10, 0, 0, 3))), port: 5000)
        let packet = SCTPPacket(
            header: CommonHeader(sourcePort: 5000, destinationPort: 7, verificationTag: conversation.tagB),
            chunks: [conversation.heartbeat([9, 9])])
        let found = conversation.engine.process(
            SCTPObservation(
                number: 5, time: 0, source: otherAddress, destination: Conversation.endpointB, bytes: packet.encoded()))
        expectClean(found)
        conversation.number = 5
        expectClean(conversation.send(.b, conversation.heartbeatAck([9, 9])))
        #expect(conversation.engine.associations.count == 1)
    }
}

/// The formatting the messages use, for matching them.
enum RuleTextProbe {
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
