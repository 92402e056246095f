import Rules
import SCTPWire
import Testing

@Suite struct InitiationRulesTests {
    /// Issue 11, item 16: a zero field of an INIT ACK cites the INIT ACK's section (RFC 9260 §3.3.3),
    /// one of an INIT the INIT's (§3.3.2).
    @Test func zeroFieldsCiteTheirChunksSection() throws {
        var conversation = Conversation()
        let initFindings = conversation.send(
            .a, conversation.initChunk(tag: conversation.tagA, tsn: 1000, outbound: 0), tag: 0)
        #expect(initFindings.map(\.section) == [.sctp("3.3.2")], "\(initFindings)")

        var answered = Conversation()
        answered.send(.a, answered.initChunk(tag: answered.tagA, tsn: 1000), tag: 0)
        let streams = answered.send(.b, answered.initAckChunk(tag: answered.tagB, tsn: 1, cookie: [1], outbound: 0))
        #expect(streams.map(\.ruleID) == ["init.streams-nonzero"])
        #expect(streams.map(\.section) == [.sctp("3.3.3")], "\(streams)")
        let echo = answered.send(.a, .cookieEcho(CookieEchoChunk(cookie: [1])))
        #expect(echo.filter { $0.ruleID == "init.invalid-not-accepted" }.map(\.section) == [.sctp("3.3.3")])

        var zeroTag = Conversation()
        zeroTag.send(.a, zeroTag.initChunk(tag: zeroTag.tagA, tsn: 1000), tag: 0)
        let tag = zeroTag.send(.b, zeroTag.initAckChunk(tag: 0, tsn: 1, cookie: [1]))
        let tagFinding = try #require(tag.first { $0.ruleID == "init.initiate-tag-nonzero" })
        #expect(tagFinding.section == .sctp("3.3.3"))
        // The catalogue keeps both sections for the rule.
        #expect(RuleCatalogue.rule("init.streams-nonzero")?.sections == [.sctp("3.3.2"), .sctp("3.3.3")])
    }

    @Test func initWithTagZeroIsFlaggedAndMustNotBeAnswered() {
        var conversation = Conversation()
        let sent = conversation.send(.a, conversation.initChunk(tag: 0, tsn: 1000), tag: 0)
        expectSingle(sent, "init.initiate-tag-nonzero", by: Conversation.endpointA)
        let answer = conversation.send(
            .b, conversation.initAckChunk(tag: conversation.tagB, tsn: 1, cookie: [1]), tag: 0)
        expectSingle(answer, "init.zero-tag-discarded", by: Conversation.endpointB)
    }

    /// RFC 4960 asked for an ABORT here; RFC 9260 §3.3.2 requires silence (usrsctp 0.9.5 still aborts).
    @Test func initWithTagZeroMustNotBeAborted() {
        var conversation = Conversation()
        conversation.send(.a, conversation.initChunk(tag: 0, tsn: 1000), tag: 0)
        let cause = ErrorCause.invalidMandatoryParameter(InvalidMandatoryParameterCause())
        let answer = conversation.send(.b, conversation.abort(tBit: true, causes: [cause]), tag: 0)
        expectSingle(answer, "init.zero-tag-discarded", by: Conversation.endpointB, packet: 2)
    }

    @Test func initWithTagZeroLeftUnansweredIsFine() {
        var conversation = Conversation()
        conversation.send(.a, conversation.initChunk(tag: 0, tsn: 1000), tag: 0)
        expectClean(conversation.finish())
    }

    @Test func initWithZeroStreamsShouldBeAborted() {
        var conversation = Conversation()
        let sent = conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000, outbound: 0), tag: 0)
        expectSingle(sent, "init.streams-nonzero", by: Conversation.endpointA)
        // B never answers: it should have sent an ABORT.
        expectSingle(conversation.finish(), "init.invalid-aborted", by: Conversation.endpointB, packet: 1)
    }

    @Test func initWithZeroStreamsAnsweredByAbortIsFine() {
        var conversation = Conversation()
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000, inbound: 0), tag: 0)
        let cause = ErrorCause.invalidMandatoryParameter(InvalidMandatoryParameterCause())
        expectClean(conversation.send(.b, conversation.abort(causes: [cause])))
        expectClean(conversation.finish())
        #expect(conversation.findings.map(\.ruleID) == ["init.streams-nonzero"])
    }

    @Test func initWithZeroStreamsAnsweredByInitAckIsFlagged() {
        var conversation = Conversation()
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000, inbound: 0), tag: 0)
        let answer = conversation.send(.b, conversation.initAckChunk(tag: conversation.tagB, tsn: 1, cookie: [1]))
        expectSingle(answer, "init.invalid-not-accepted", by: Conversation.endpointB)
    }

    @Test func initAckWithZeroStreamsMustNotBeEchoed() {
        var conversation = Conversation()
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000), tag: 0)
        let ack = conversation.send(
            .b, conversation.initAckChunk(tag: conversation.tagB, tsn: 1, cookie: [1], outbound: 0))
        expectSingle(ack, "init.streams-nonzero", by: Conversation.endpointB)
        let echo = conversation.send(.a, .cookieEcho(CookieEchoChunk(cookie: [1])))
        expectSingle(echo, "init.invalid-not-accepted", by: Conversation.endpointA)
    }

    @Test func initAckNeedsAStateCookie() {
        var conversation = Conversation()
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000), tag: 0)
        let ack = conversation.send(.b, conversation.initAckChunk(tag: conversation.tagB, tsn: 1, cookie: nil))
        expectSingle(ack, "init.state-cookie", by: Conversation.endpointB)
    }

    /// Both endpoints send INIT at once (RFC 9260 §5.2.1, §5.2.4 B/D).
    @Test func initCollisionSettlesWithBothTagsUnchanged() throws {
        var conversation = Conversation()
        let cookieA: [UInt8] = [0xa, 0xa]
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000), tag: 0)
        conversation.send(.b, conversation.initChunk(tag: conversation.tagB, tsn: 5000), tag: 0)
        conversation.send(.b, conversation.initAckChunk(tag: conversation.tagB, tsn: 5000, cookie: conversation.cookie))
        conversation.send(.a, conversation.initAckChunk(tag: conversation.tagA, tsn: 1000, cookie: cookieA))
        conversation.send(.a, .cookieEcho(CookieEchoChunk(cookie: conversation.cookie)))
        conversation.send(.b, .cookieEcho(CookieEchoChunk(cookie: cookieA)))
        conversation.send(.b, .cookieAck(CookieAckChunk()))
        conversation.send(.a, .cookieAck(CookieAckChunk()))
        conversation.sendData(.a)
        conversation.sendData(.b)
        conversation.acknowledgeAll(.a)
        conversation.acknowledgeAll(.b)
        expectClean(conversation.findings)
        let association = try #require(conversation.engine.associations.first)
        #expect(conversation.engine.associations.count == 1)
        #expect(association.collisionPackets == [5, 6])
        #expect(association.states == [.established, .established])
        #expect(association.tags == [conversation.tagA, conversation.tagB])
    }

    @Test func initAckDuringACollisionMustRepeatTheOwnInit() {
        var conversation = Conversation()
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000), tag: 0)
        conversation.send(.b, conversation.initChunk(tag: conversation.tagB, tsn: 5000), tag: 0)
        let found = conversation.send(
            .b, conversation.initAckChunk(tag: 0x9999_9999, tsn: 7, cookie: conversation.cookie))
        expectSingle(found, "init.collision-same-parameters", by: Conversation.endpointB)
        #expect(found.first?.message.contains("Initial TSN 7 instead of 5000") == true)
    }
}
