import Rules
import SCTPWire
import Testing

@Suite struct StreamRulesTests {
    /// A asks for 10 outbound streams, B allows 5 inbound: A may use streams 0 to 4.
    static func negotiated() -> Conversation {
        var conversation = Conversation()
        conversation.handshake(outboundA: 10, inboundB: 5)
        return conversation
    }

    @Test func streamBelowTheNegotiatedCountIsFine() {
        var conversation = Self.negotiated()
        conversation.sendData(.a, stream: 4)
        conversation.acknowledgeAll(.b)
        conversation.finish()
        expectClean(conversation.findings)
    }

    @Test func streamAtTheNegotiatedCountIsFlaggedAndMustBeReported() {
        var conversation = Self.negotiated()
        let found = conversation.send(.a, conversation.data(tsn: 1000, stream: 5))
        expectSingle(found, "streams.within-negotiated", by: Conversation.endpointA, packet: 5)
        // B acknowledges it but never reports the stream.
        expectClean(conversation.send(.b, conversation.sack(cumulative: 1000)))
        expectSingle(conversation.finish(), "streams.invalid-reported", by: Conversation.endpointB, packet: 5)
    }

    @Test func invalidStreamReportedInAnErrorAfterTheSACKIsFine() {
        var conversation = Self.negotiated()
        conversation.send(.a, conversation.data(tsn: 1000, stream: 7))
        let cause = ErrorCause.invalidStreamIdentifier(InvalidStreamIdentifierCause(streamIdentifier: 7))
        expectClean(conversation.send(.b, [conversation.sack(cumulative: 1000), .error(ErrorChunk(causes: [cause]))]))
        expectClean(conversation.finish())
    }

    @Test func reportNamingAnotherStreamDoesNotCount() {
        var conversation = Self.negotiated()
        conversation.send(.a, conversation.data(tsn: 1000, stream: 7))
        let cause = ErrorCause.invalidStreamIdentifier(InvalidStreamIdentifierCause(streamIdentifier: 6))
        conversation.send(.b, [conversation.sack(cumulative: 1000), .error(ErrorChunk(causes: [cause]))])
        expectSingle(conversation.finish(), "streams.invalid-reported")
    }

    @Test func theSmallerOfOwnOSAndPeerMISCounts() {
        var conversation = Conversation()
        conversation.handshake(outboundA: 3, inboundB: 50)
        expectSingle(conversation.send(.a, conversation.data(tsn: 1000, stream: 3)), "streams.within-negotiated")
    }

    @Test func streamsAddedByReconfigurationAreNotJudged() {
        var conversation = Self.negotiated()
        let add = Parameter.addOutgoingStreamsRequest(
            AddOutgoingStreamsRequestParameter(requestSequenceNumber: 1, newStreams: 5))
        conversation.send(.a, .reConfig(ReConfigChunk(parameters: [add])))
        expectClean(conversation.send(.a, conversation.data(tsn: 1000, stream: 8)))
    }
}
