import Rules
import SCTPWire
import Testing

@Suite struct DataRulesTests {
    @Test func skippedTSNIsFlaggedAtTheEnd() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, conversation.data(tsn: 1000))
        expectClean(conversation.send(.a, conversation.data(tsn: 1002)))
        conversation.send(.b, conversation.sack(cumulative: 1000, gaps: [GapAckBlock(start: 2, end: 2)]))
        expectSingle(conversation.finish(), "data.tsn-sequence", by: Conversation.endpointA, packet: 6)
        #expect(conversation.findings.last?.message.contains("TSN 1001 was skipped") == true)
    }

    @Test func firstDataMustCarryTheInitialTSN() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, conversation.data(tsn: 1003))
        expectSingle(conversation.finish(), "data.tsn-sequence", by: Conversation.endpointA)
        #expect(conversation.findings.last?.message.contains("TSNs 1000-1002 were skipped") == true)
    }

    @Test func tsnBeforeTheInitialTSNIsFlaggedAtOnce() {
        var conversation = Conversation()
        conversation.handshake()
        expectSingle(conversation.send(.a, conversation.data(tsn: 999)), "data.tsn-sequence")
    }

    /// A packet lost before the capture point: the jump is filled by the retransmission.
    @Test func gapFilledLaterIsNotASkip() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, conversation.data(tsn: 1001))
        conversation.send(.b, conversation.sack(cumulative: 999, gaps: [GapAckBlock(start: 2, end: 2)]))
        conversation.send(.a, conversation.data(tsn: 1000))
        conversation.send(.b, conversation.sack(cumulative: 1001))
        conversation.finish()
        expectClean(conversation.findings)
    }

    /// The peer acknowledged the TSNs the capture missed: they were sent.
    @Test func gapAcknowledgedByThePeerIsNotASkip() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, conversation.data(tsn: 1000))
        conversation.send(.a, conversation.data(tsn: 1002))
        conversation.send(.b, conversation.sack(cumulative: 1002))
        conversation.finish()
        expectClean(conversation.findings)
    }

    @Test func identicalRetransmissionIsFine() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, conversation.data(tsn: 1000, stream: 1, sequence: 4))
        expectClean(conversation.send(.a, conversation.data(tsn: 1000, stream: 1, sequence: 4)))
    }

    @Test func retransmissionWithOtherContentIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, conversation.data(tsn: 1000, stream: 1, sequence: 4))
        let found = conversation.send(.a, conversation.data(tsn: 1000, stream: 1, sequence: 4, payload: [1, 2]))
        expectSingle(found, "data.retransmission-unchanged", by: Conversation.endpointA)
        #expect(found.first?.message.contains("2 bytes of user data instead of 5") == true)
        let moved = conversation.send(.a, conversation.data(tsn: 1000, stream: 2, sequence: 4))
        #expect(moved.first?.message.contains("stream 2 instead of 1") == true)
    }

    /// The I bit asks for an immediate SACK of one transmission (RFC 9260 §3.3.1); the U, B and E
    /// bits describe the user message and stay as first sent.
    @Test func retransmissionMaySetTheIBitButNotChangeOtherFlags() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, .data(DataChunk(flags: [.beginning, .ending], tsn: 1000, userData: [1])))
        let immediate = DataChunk(flags: [.beginning, .ending, .immediate], tsn: 1000, userData: [1])
        expectClean(conversation.send(.a, .data(immediate)))
        let unordered = DataChunk(flags: [.beginning, .ending, .unordered, .immediate], tsn: 1000, userData: [1])
        let found = conversation.send(.a, .data(unordered))
        expectSingle(found, "data.retransmission-unchanged", by: Conversation.endpointA, packet: 7)
        #expect(found.first?.message.contains("flags 0x7 instead of 0x3") == true)
    }

    @Test func emptyDataShouldNotBeSentAndMustBeAborted() {
        var conversation = Conversation()
        conversation.handshake()
        let found = conversation.send(.a, conversation.data(tsn: 1000, payload: []))
        expectSingle(found, "data.user-data-present", by: Conversation.endpointA)
        let noUserData = ErrorCause.noUserData(NoUserDataCause(tsn: 1000))
        expectClean(conversation.send(.b, conversation.abort(causes: [noUserData])))
        expectClean(conversation.finish())
    }

    @Test func emptyDataAnsweredWithoutTheCauseIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, conversation.data(tsn: 1000, payload: []))
        conversation.send(.b, conversation.sack(cumulative: 1000))
        let found = conversation.send(.b, conversation.abort())
        expectSingle(found, "data.empty-aborted", by: Conversation.endpointB, packet: 5)
    }

    @Test func forwardTSNAbandonsTheSkippedTSNs() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, conversation.data(tsn: 1000))
        conversation.send(.a, conversation.data(tsn: 1003))
        conversation.send(.a, .forwardTSN(ForwardTSNChunk(newCumulativeTSN: 1002)))
        conversation.send(.b, conversation.sack(cumulative: 1003))
        conversation.finish()
        expectClean(conversation.findings)
    }

    @Test func iDataFollowsTheSameRules() {
        var conversation = Conversation()
        conversation.handshake(outboundA: 2)
        let first = IDataChunk(tsn: 1000, streamID: 1, messageID: 0, ppidOrFSN: 51, userData: [1])
        expectClean(conversation.send(.a, .iData(first)))
        let changed = IDataChunk(tsn: 1000, streamID: 1, messageID: 9, ppidOrFSN: 51, userData: [1])
        expectSingle(conversation.send(.a, .iData(changed)), "data.retransmission-unchanged")
        let badStream = IDataChunk(tsn: 1001, streamID: 2, messageID: 1, ppidOrFSN: 51, userData: [1])
        expectSingle(conversation.send(.a, .iData(badStream)), "streams.within-negotiated")
    }
}
