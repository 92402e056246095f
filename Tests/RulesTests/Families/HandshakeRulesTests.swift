import Rules
import SCTPWire
import Testing

@Suite struct HandshakeRulesTests {
    @Test func dataBeforeTheCookieEchoIsFlagged() {
        var conversation = Conversation()
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000), tag: 0)
        conversation.send(.b, conversation.initAckChunk(tag: conversation.tagB, tsn: 5000, cookie: conversation.cookie))
        let found = conversation.send(.a, conversation.data(tsn: 1000))
        #expect(found.map(\.ruleID).contains("handshake.setup-chunks"))
        #expect(found.allSatisfy { $0.violator == Conversation.endpointA })
    }

    @Test func heartbeatBeforeTheCookieAckIsFlagged() {
        var conversation = Conversation()
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000), tag: 0)
        conversation.send(.b, conversation.initAckChunk(tag: conversation.tagB, tsn: 5000, cookie: conversation.cookie))
        conversation.send(.a, .cookieEcho(CookieEchoChunk(cookie: conversation.cookie)))
        expectSingle(conversation.send(.a, conversation.heartbeat([1])), "handshake.setup-chunks")
    }

    @Test func dataBundledWithTheCookieEchoAndRetransmittedWithItIsFine() {
        var conversation = Conversation()
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000), tag: 0)
        conversation.send(.b, conversation.initAckChunk(tag: conversation.tagB, tsn: 5000, cookie: conversation.cookie))
        conversation.send(
            .a, [.cookieEcho(CookieEchoChunk(cookie: conversation.cookie)), conversation.data(tsn: 1000)])
        // The COOKIE ACK got lost: the echo and its DATA go again, and B reports the DATA as duplicate.
        conversation.send(
            .a, [.cookieEcho(CookieEchoChunk(cookie: conversation.cookie)), conversation.data(tsn: 1000)])
        conversation.send(.b, [.cookieAck(CookieAckChunk()), conversation.sack(cumulative: 1000, duplicates: [1000])])
        expectClean(conversation.findings)
    }

    @Test func responderWithoutAnAssociationMustNotSendSACK() {
        var conversation = Conversation()
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000), tag: 0)
        conversation.send(.b, conversation.initAckChunk(tag: conversation.tagB, tsn: 5000, cookie: conversation.cookie))
        let found = conversation.send(.b, conversation.sack(cumulative: 999))
        expectSingle(found, "handshake.no-tcb-chunks", by: Conversation.endpointB)
    }

    @Test func endpointAfterAbortHasNoAssociation() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, conversation.abort())
        let found = conversation.send(.b, conversation.data(tsn: 5000))
        expectSingle(found, "handshake.no-tcb-chunks", by: Conversation.endpointB)
    }

    /// Near miss: an ABORT under a wrong tag is discarded by its receiver (RFC 9260 §8.5.1 B) and
    /// ends the association for neither side, so both go on without a TCB finding.
    @Test func abortWithAWrongTagEndsNothing() {
        var conversation = Conversation()
        conversation.handshake()
        let aborted = conversation.send(.a, conversation.abort(), tag: conversation.tagB &+ 1)
        #expect(aborted.map(\.ruleID) == ["vtag.peer-tag"])
        #expect(conversation.send(.a, conversation.heartbeat([7])).isEmpty)
        #expect(conversation.send(.b, conversation.heartbeatAck([7])).isEmpty)
    }
}
