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

/// A receiver answers what it can read of a malformed chunk as usrsctp does; the answer is judged
/// against what the malformed chunk said (found by the fuzzer: both were false positives).
@Suite struct MalformedChunkAnswerTests {
    /// An INIT whose chunk length (19) cuts its fixed part short still shows its Initiate Tag: an
    /// ABORT answering it carries that tag with the T bit clear (RFC 9260 §8.4 rule 3).
    @Test func anAbortAnsweringATruncatedInitCarriesItsInitiateTag() {
        var conversation = Conversation()
        let truncated: [UInt8] = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x40, 0xd3, 0x00, 0x00, 0x00]
        conversation.send(.a, .unknown(UnknownChunk(type: 1, flags: 0, value: truncated)), tag: 0)
        expectClean(conversation.send(.b, conversation.abort(), tag: 0xffff_ffff))
        // Any other tag is still wrong.
        var other = Conversation()
        other.send(.a, .unknown(UnknownChunk(type: 1, flags: 0, value: truncated)), tag: 0)
        expectSingle(other.send(.b, other.abort(), tag: 0x0bad_0bad), "vtag.peer-tag", by: Conversation.endpointB)
    }

    /// A SHUTDOWN ACK with bytes after its header (chunk length 8) is still a SHUTDOWN ACK to its
    /// receiver: a SHUTDOWN COMPLETE with the T bit answers it out of the blue (RFC 9260 §8.4 rule 5).
    @Test func aShutdownCompleteAnsweringAShutdownAckWithTrailingBytes() {
        var conversation = Conversation()
        conversation.send(.a, .unknown(UnknownChunk(type: 8, flags: 0, value: [0x00, 0x0f, 0x00, 0x08])), tag: 0x1234_5678)
        expectClean(conversation.send(.b, conversation.shutdownComplete(tBit: true), tag: 0x1234_5678))
    }
}
