import Rules
import SCTPWire
import Testing

@Suite struct BundlingAndFlagRulesTests {
    @Test func initMustTravelAlone() {
        var conversation = Conversation()
        let found = conversation.send(
            .a, [conversation.initChunk(tag: conversation.tagA, tsn: 1000), conversation.data(tsn: 1000)], tag: 0)
        #expect(found.map(\.ruleID).contains("bundling.single-chunk-types"))
        #expect(found.allSatisfy { $0.violator == Conversation.endpointA })
    }

    @Test func shutdownCompleteMustTravelAlone() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, .shutdown(ShutdownChunk(cumulativeTSNAck: 4999)))
        conversation.send(.b, .shutdownAck(ShutdownAckChunk()))
        let found = conversation.send(.a, [conversation.shutdownComplete(), conversation.sack(cumulative: 4999)])
        #expect(found.map(\.ruleID).contains("bundling.single-chunk-types"))
    }

    @Test func controlChunkAfterDataIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.b)
        let found = conversation.send(.a, [conversation.data(tsn: 1000), conversation.sack(cumulative: 5000)])
        expectSingle(found, "bundling.control-before-data", by: Conversation.endpointA)
    }

    @Test func sackBeforeDataIsFine() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.b)
        expectClean(conversation.send(.a, [conversation.sack(cumulative: 5000), conversation.data(tsn: 1000)]))
        expectClean(conversation.send(.b, conversation.sack(cumulative: 1000)))
    }

    @Test func cookieEchoMustComeFirst() {
        var conversation = Conversation()
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000), tag: 0)
        conversation.send(.b, conversation.initAckChunk(tag: conversation.tagB, tsn: 5000, cookie: conversation.cookie))
        let found = conversation.send(
            .a, [conversation.data(tsn: 1000), .cookieEcho(CookieEchoChunk(cookie: conversation.cookie))])
        #expect(found.map(\.ruleID).contains("bundling.cookie-first"))
    }

    @Test func cookieEchoWithDataAndCookieAckWithSackAreFine() {
        var conversation = Conversation()
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000), tag: 0)
        conversation.send(.b, conversation.initAckChunk(tag: conversation.tagB, tsn: 5000, cookie: conversation.cookie))
        conversation.send(
            .a, [.cookieEcho(CookieEchoChunk(cookie: conversation.cookie)), conversation.data(tsn: 1000)])
        conversation.send(
            .b, [.cookieAck(CookieAckChunk()), conversation.sack(cumulative: 1000), conversation.data(tsn: 5000)])
        conversation.send(.a, conversation.sack(cumulative: 5000))
        expectClean(conversation.findings)
    }

    @Test func abortIsNeverBundledWithData() {
        var conversation = Conversation()
        conversation.handshake()
        let found = conversation.send(.a, [conversation.data(tsn: 1000), conversation.abort()])
        #expect(found.map(\.ruleID).contains("bundling.abort-last"))
        let abortLast = found.first { $0.ruleID == "bundling.abort-last" }
        #expect(abortLast?.message == "ABORT (chunk 2) bundled with DATA (chunk 1)")
    }

    @Test func reservedFlagBitsAreFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        let sack = SACKChunk(
            flags: ReservedChunkFlags(rawValue: 0x80), cumulativeTSNAck: 999, advertisedReceiverWindow: 1)
        expectSingle(conversation.send(.b, .sack(sack)), "chunk.reserved-flags", by: Conversation.endpointB)
    }

    @Test func definedFlagBitsAreNotReserved() {
        var conversation = Conversation()
        conversation.handshake()
        let data = DataChunk(flags: [.beginning, .ending, .unordered, .immediate], tsn: 1000, userData: [1, 2, 3])
        expectClean(conversation.send(.a, .data(data)))
        expectClean(conversation.send(.b, conversation.sack(cumulative: 1000)))
    }
}
