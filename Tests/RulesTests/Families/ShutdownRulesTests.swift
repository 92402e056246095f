import Rules
import SCTPWire
import Testing

@Suite struct ShutdownRulesTests {
    @Test func cleanShutdownAfterDataInBothDirections() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.a)
        conversation.send(.b, [conversation.sack(cumulative: 1000), conversation.data(tsn: 5000)])
        conversation.nextTSNB = 5001
        conversation.acknowledgeAll(.a)
        conversation.shutdown(.a)
        conversation.finish()
        expectClean(conversation.findings)
        #expect(conversation.engine.associations.first?.states == [.closed, .closed])
    }

    @Test func shutdownWithUnacknowledgedDataIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.a)
        let found = conversation.send(.a, .shutdown(ShutdownChunk(cumulativeTSNAck: 4999)))
        expectSingle(found, "shutdown.only-when-acknowledged", by: Conversation.endpointA)
    }

    @Test func newDataAfterShutdownIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, .shutdown(ShutdownChunk(cumulativeTSNAck: 4999)))
        let found = conversation.send(.a, conversation.data(tsn: 1000))
        expectSingle(found, "shutdown.no-new-data", by: Conversation.endpointA)
    }

    @Test func newDataAfterShutdownAckIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, .shutdown(ShutdownChunk(cumulativeTSNAck: 4999)))
        conversation.send(.b, .shutdownAck(ShutdownAckChunk()))
        expectSingle(conversation.send(.b, conversation.data(tsn: 5000)), "shutdown.no-new-data")
    }

    @Test func retransmissionByTheShutdownReceiverIsFine() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.b)
        conversation.send(.a, .shutdown(ShutdownChunk(cumulativeTSNAck: 4999)))
        // B's DATA 5000 is still outstanding: it retransmits, then acknowledges the SHUTDOWN.
        expectClean(conversation.send(.b, conversation.data(tsn: 5000)))
        expectClean(conversation.send(.a, .shutdown(ShutdownChunk(cumulativeTSNAck: 5000))))
        expectClean(conversation.send(.b, .shutdownAck(ShutdownAckChunk())))
        expectClean(conversation.send(.a, conversation.shutdownComplete()))
    }

    @Test func newDataByTheShutdownReceiverIsSuspicious() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, .shutdown(ShutdownChunk(cumulativeTSNAck: 4999)))
        let found = conversation.send(.b, conversation.data(tsn: 5000))
        expectSingle(found, "shutdown.new-data-after-receiving", by: Conversation.endpointB)
        #expect(found.first?.severity == .suspicious)
    }

    @Test func shutdownAckWithOutstandingDataIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.b)
        conversation.send(.a, .shutdown(ShutdownChunk(cumulativeTSNAck: 4999)))
        let found = conversation.send(.b, .shutdownAck(ShutdownAckChunk()))
        expectSingle(found, "shutdown.ack-when-nothing-outstanding", by: Conversation.endpointB)
    }

    @Test func shutdownAckWithoutShutdownIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        let found = conversation.send(.b, .shutdownAck(ShutdownAckChunk()))
        expectSingle(found, "shutdown.ack-when-nothing-outstanding", by: Conversation.endpointB)
        #expect(found.first?.message.contains("without a SHUTDOWN") == true)
    }

    @Test func shutdownCompleteWithoutShutdownAckIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, .shutdown(ShutdownChunk(cumulativeTSNAck: 4999)))
        let found = conversation.send(.a, conversation.shutdownComplete())
        expectSingle(found, "shutdown.complete-after-ack", by: Conversation.endpointA)
    }

    @Test func shutdownCumulativeAckBehindTheAcknowledgedTSNIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.b)
        conversation.sendData(.b)
        conversation.acknowledgeAll(.a)
        // The pion/sctp 1.8.6 mistake: its own TSN space instead of the peer's.
        let found = conversation.send(.a, .shutdown(ShutdownChunk(cumulativeTSNAck: 1000)))
        expectSingle(found, "shutdown.cum-tsn-ack", by: Conversation.endpointA, packet: 8)
        #expect(found.first?.relatedPackets == [7])
    }

    @Test func shutdownCumulativeAckBeyondTheSentTSNsIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.b)
        let found = conversation.send(.a, .shutdown(ShutdownChunk(cumulativeTSNAck: 5001)))
        expectSingle(found, "shutdown.cum-tsn-ack", by: Conversation.endpointA)
        #expect(found.first?.message.contains("never sent") == true)
    }

    @Test func shutdownCumulativeAckBeforeAnyDataIsTheInitialTSNMinusOne() {
        var conversation = Conversation()
        conversation.handshake()
        expectClean(conversation.send(.a, .shutdown(ShutdownChunk(cumulativeTSNAck: 4999))))
        var behind = Conversation()
        behind.handshake()
        expectSingle(behind.send(.a, .shutdown(ShutdownChunk(cumulativeTSNAck: 4000))), "shutdown.cum-tsn-ack")
    }

    @Test func shutdownAcknowledgingDataItCoversIsFine() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.b)
        // The SHUTDOWN acknowledges B's DATA itself (no SACK first).
        expectClean(conversation.send(.a, .shutdown(ShutdownChunk(cumulativeTSNAck: 5000))))
        expectClean(conversation.send(.b, .shutdownAck(ShutdownAckChunk())))
    }
}
