import Rules
import SCTPWire
import Testing

/// Live runs see every packet, so traffic between endpoints without an association is out of the
/// blue (RFC 9260 §8.4).
@Suite struct OutOfTheBlueRulesTests {
    @Test func outOfTheBlueAbortMustNotBeAnswered() {
        var conversation = Conversation()
        conversation.send(.a, conversation.abort(), tag: 0x1234_5678)
        let found = conversation.send(.b, conversation.abort(tBit: true), tag: 0x1234_5678)
        expectSingle(found, "ootb.abort-not-answered", by: Conversation.endpointB)
    }

    @Test func outOfTheBlueDataMayGetAReflectingAbort() {
        var conversation = Conversation()
        let sent = conversation.send(.a, conversation.data(tsn: 1), tag: 0x1234_5678)
        // The sender of the stray DATA broke rules (no association, no tag); the answer breaks none.
        #expect(Set(sent.map(\.ruleID)) == ["handshake.no-tcb-chunks", "vtag.peer-tag"])
        #expect(sent.allSatisfy { $0.violator == Conversation.endpointA })
        expectClean(conversation.send(.b, conversation.abort(tBit: true), tag: 0x1234_5678))
        #expect(conversation.engine.associations.first?.origin == .outOfTheBlue)
    }

    @Test func outOfTheBlueShutdownCompleteShouldNotBeAnswered() {
        var conversation = Conversation()
        conversation.send(.a, conversation.shutdownComplete(tBit: true), tag: 0x1234_5678)
        let found = conversation.send(.b, conversation.abort(tBit: true), tag: 0x1234_5678)
        expectSingle(found, "ootb.silent-discard", by: Conversation.endpointB)
    }

    @Test func outOfTheBlueShutdownAckGetsAReflectingShutdownComplete() {
        var conversation = Conversation()
        conversation.send(.a, .shutdownAck(ShutdownAckChunk()), tag: 0x1234_5678)
        expectClean(conversation.send(.b, conversation.shutdownComplete(tBit: true), tag: 0x1234_5678))
    }

    @Test func anInitAfterOutOfTheBlueTrafficStartsANewAssociation() {
        var conversation = Conversation()
        conversation.send(.a, conversation.abort(), tag: 0x1234_5678)
        conversation.handshake()
        #expect(conversation.engine.associations.map(\.origin) == [.outOfTheBlue, .handshake])
        #expect(conversation.findings.allSatisfy { $0.associationID == 1 })
    }

    @Test func aNewAssociationAfterAShutdownGetsANewRecord() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.shutdown(.a)
        conversation.tagA = 0x5555_5555
        conversation.tagB = 0x6666_6666
        conversation.handshake()
        conversation.sendData(.a)
        conversation.acknowledgeAll(.b)
        expectClean(conversation.findings)
        #expect(conversation.engine.associations.map(\.id) == [1, 2])
        #expect(conversation.engine.associations.map(\.states) == [[.closed, .closed], [.established, .established]])
    }
}
