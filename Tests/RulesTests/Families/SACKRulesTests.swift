import Rules
import SCTPWire
import Testing

@Suite struct SACKRulesTests {
    @Test func delayedSackForTwoPacketsAndBundledSackWithDataAreFine() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.a)
        conversation.sendData(.a)
        conversation.send(.b, [conversation.sack(cumulative: 1001), conversation.data(tsn: 5000)])
        conversation.send(.a, [conversation.sack(cumulative: 5000), conversation.data(tsn: 1002)])
        conversation.send(.b, conversation.sack(cumulative: 1002))
        expectClean(conversation.findings)
    }

    @Test func cumulativeAckMovingBackIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.a)
        conversation.sendData(.a)
        conversation.send(.b, conversation.sack(cumulative: 1001))
        let found = conversation.send(.b, conversation.sack(cumulative: 1000))
        expectSingle(found, "sack.cum-ack-monotonic", by: Conversation.endpointB)
    }

    @Test func repeatedSackIsFine() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.a)
        conversation.send(.b, conversation.sack(cumulative: 1000))
        expectClean(conversation.send(.b, conversation.sack(cumulative: 1000)))
    }

    @Test func acknowledgingUnsentTSNsIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.a)
        expectSingle(conversation.send(.b, conversation.sack(cumulative: 1001)), "sack.acks-only-sent")
        let gap = conversation.send(.b, conversation.sack(cumulative: 1001, gaps: [GapAckBlock(start: 2, end: 4)]))
        #expect(gap.map(\.ruleID) == ["sack.acks-only-sent"])
    }

    @Test func acknowledgingBeforeAnyDataIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        expectClean(conversation.send(.b, conversation.sack(cumulative: 999)))
        expectSingle(conversation.send(.b, conversation.sack(cumulative: 1000)), "sack.acks-only-sent")
    }

    @Test func gapBlocksMustBeOrderedAndSeparated() {
        var conversation = Conversation()
        conversation.handshake()
        for tsn in UInt32(1000)...1009 {
            conversation.send(.a, conversation.data(tsn: tsn))
        }
        expectClean(
            conversation.send(
                .b,
                conversation.sack(
                    cumulative: 999, gaps: [GapAckBlock(start: 2, end: 3), GapAckBlock(start: 5, end: 6)])))
        let overlapping = conversation.send(
            .b,
            conversation.sack(cumulative: 999, gaps: [GapAckBlock(start: 2, end: 5), GapAckBlock(start: 4, end: 6)]))
        expectSingle(overlapping, "sack.gap-blocks", by: Conversation.endpointB)
        let touching = conversation.send(.b, conversation.sack(cumulative: 999, gaps: [GapAckBlock(start: 1, end: 2)]))
        expectSingle(touching, "sack.gap-blocks")
        let reversed = conversation.send(.b, conversation.sack(cumulative: 999, gaps: [GapAckBlock(start: 4, end: 3)]))
        expectSingle(reversed, "sack.gap-blocks")
    }

    @Test func duplicateShouldBeReportedInTheNextSack() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.a)
        conversation.send(.b, conversation.sack(cumulative: 1000))
        conversation.send(.a, conversation.data(tsn: 1000))
        let found = conversation.send(.b, conversation.sack(cumulative: 1000))
        expectSingle(found, "sack.duplicates-reported", by: Conversation.endpointB)
    }

    @Test func reportedDuplicateIsFine() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.a)
        conversation.send(.b, conversation.sack(cumulative: 1000))
        conversation.send(.a, conversation.data(tsn: 1000))
        expectClean(conversation.send(.b, conversation.sack(cumulative: 1000, duplicates: [1000])))
    }

    /// Offline, a SACK crossing the duplicate in flight may have been built before it arrived; only
    /// a SACK that covers newer data proves otherwise.
    @Test func offlineDuplicateIsJudgedOnlyOnceASackCoversNewerData() {
        var conversation = Conversation(configuration: .capture)
        conversation.handshake()
        conversation.sendData(.a)
        conversation.send(.b, conversation.sack(cumulative: 1000))
        conversation.send(.a, conversation.data(tsn: 1000))
        expectClean(conversation.send(.b, conversation.sack(cumulative: 1000)))
        conversation.send(.a, conversation.data(tsn: 1001))
        expectSingle(conversation.send(.b, conversation.sack(cumulative: 1001)), "sack.duplicates-reported")
    }

    @Test func duplicateNeverReceivedIsSuspicious() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.a)
        conversation.sendData(.a)
        // 1001 was received once: a second copy may have arrived unseen by the capture.
        expectClean(conversation.send(.b, conversation.sack(cumulative: 1000, duplicates: [1001])))
        let bogus = conversation.send(.b, conversation.sack(cumulative: 1001, duplicates: [1005]))
        expectSingle(bogus, "sack.duplicates-genuine")
    }
}
