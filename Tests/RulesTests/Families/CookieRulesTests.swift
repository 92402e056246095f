import Rules
import SCTPWire
import Testing

@Suite struct CookieRulesTests {
    mutating func start(_ conversation: inout Conversation) {
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000), tag: 0)
        conversation.send(.b, conversation.initAckChunk(tag: conversation.tagB, tsn: 5000, cookie: conversation.cookie))
    }

    @Test mutating func alteredCookieIsFlaggedAndMustNotBeAcknowledged() {
        var conversation = Conversation()
        self.start(&conversation)
        var altered = conversation.cookie
        altered[3] ^= 0xff
        let echo = conversation.send(.a, .cookieEcho(CookieEchoChunk(cookie: altered)))
        expectSingle(echo, "cookie.echo-matches-offer", by: Conversation.endpointA, packet: 3)
        #expect(echo.first?.message.contains("first at byte 3") == true)
        let ack = conversation.send(.b, .cookieAck(CookieAckChunk()))
        expectSingle(ack, "cookie.invalid-echo-ignored", by: Conversation.endpointB, packet: 4)
    }

    @Test mutating func alteredCookieIgnoredByTheReceiverIsFineForIt() {
        var conversation = Conversation()
        self.start(&conversation)
        conversation.send(.a, .cookieEcho(CookieEchoChunk(cookie: Array(conversation.cookie.dropLast()))))
        expectClean(conversation.finish())
        #expect(conversation.findings.map(\.ruleID) == ["cookie.echo-matches-offer"])
        #expect(conversation.engine.associations.first?.states == [.cookieEchoed, .closed])
    }

    @Test mutating func dataBundledWithAForgedEchoMustNotBeAcknowledged() {
        var conversation = Conversation()
        self.start(&conversation)
        conversation.send(.a, [.cookieEcho(CookieEchoChunk(cookie: [0xba, 0xd0])), conversation.data(tsn: 1000)])
        let found = conversation.send(.b, conversation.sack(cumulative: 1000))
        // B has no association (the echo was forged), so the SACK is wrong twice over.
        #expect(Set(found.map(\.ruleID)) == ["handshake.no-tcb-chunks"])
    }

    @Test mutating func echoUnderAnotherTagEstablishesNothing() {
        var conversation = Conversation()
        self.start(&conversation)
        let echo = conversation.send(.a, .cookieEcho(CookieEchoChunk(cookie: conversation.cookie)), tag: 0x4444_4444)
        #expect(Set(echo.map(\.ruleID)) == ["vtag.peer-tag", "cookie.echo-matches-offer"])
        expectSingle(conversation.send(.b, .cookieAck(CookieAckChunk())), "cookie.invalid-echo-ignored")
    }

    @Test mutating func staleCookieReportNeedsANonZeroMeasure() {
        var conversation = Conversation()
        self.start(&conversation)
        conversation.send(.a, .cookieEcho(CookieEchoChunk(cookie: conversation.cookie)))
        let stale = ErrorCause.staleCookieError(StaleCookieErrorCause(stalenessMicroseconds: 0))
        let found = conversation.send(.b, .error(ErrorChunk(causes: [stale])))
        expectSingle(found, "cookie.stale-measure", by: Conversation.endpointB)
    }

    @Test mutating func staleCookieThenCookieAckIsFlagged() {
        var conversation = Conversation()
        self.start(&conversation)
        conversation.send(.a, .cookieEcho(CookieEchoChunk(cookie: conversation.cookie)))
        let stale = ErrorCause.staleCookieError(StaleCookieErrorCause(stalenessMicroseconds: 1_500))
        expectClean(conversation.send(.b, .error(ErrorChunk(causes: [stale]))))
        expectSingle(conversation.send(.b, .cookieAck(CookieAckChunk())), "cookie.stale-not-established")
    }

    @Test mutating func staleCookieThenAFreshHandshakeIsFine() {
        var conversation = Conversation()
        self.start(&conversation)
        conversation.send(.a, .cookieEcho(CookieEchoChunk(cookie: conversation.cookie)))
        let stale = ErrorCause.staleCookieError(StaleCookieErrorCause(stalenessMicroseconds: 1_500))
        conversation.send(.b, .error(ErrorChunk(causes: [stale])))
        conversation.cookie = Array("a fresh cookie".utf8)
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000), tag: 0)
        conversation.send(.b, conversation.initAckChunk(tag: conversation.tagB, tsn: 5000, cookie: conversation.cookie))
        conversation.send(.a, .cookieEcho(CookieEchoChunk(cookie: conversation.cookie)))
        conversation.send(.b, .cookieAck(CookieAckChunk()))
        conversation.sendData(.a)
        conversation.acknowledgeAll(.b)
        expectClean(conversation.findings)
    }

    /// The peer restarts (RFC 9260 §5.2.2, §5.2.4 A): new INIT, INIT ACK with a new tag, new tags
    /// and TSNs afterwards.
    @Test func restartSettlesNewTagsAndTSNs() throws {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.a)
        conversation.acknowledgeAll(.b)
        conversation.tagA = 0x7777_0001
        conversation.tagB = 0x7777_0002
        conversation.initialTSNA = 77
        conversation.initialTSNB = 88
        conversation.nextTSNA = 77
        conversation.nextTSNB = 88
        conversation.cookie = Array("restart cookie with tie-tags".utf8)
        conversation.handshake()
        conversation.sendData(.a)
        conversation.sendData(.b)
        conversation.acknowledgeAll(.b)
        conversation.acknowledgeAll(.a)
        expectClean(conversation.findings)
        let association = try #require(conversation.engine.associations.first)
        #expect(conversation.engine.associations.count == 1)
        #expect(association.restartPackets == [9])
        #expect(association.tags == [0x7777_0001, 0x7777_0002])
        // The old tag no longer reaches B.
        expectSingle(conversation.send(.a, conversation.heartbeat([1]), tag: 0x2222_2222), "vtag.peer-tag")
    }

    @Test func lateCookieAfterTheRestartMustNotBeAcknowledged() {
        var conversation = Conversation()
        let oldCookie = conversation.cookie
        conversation.handshake()
        conversation.tagA = 0x7777_0001
        conversation.tagB = 0x7777_0002
        conversation.cookie = Array("restart cookie".utf8)
        conversation.handshake()
        // The first association's COOKIE ECHO arrives late, under its tag.
        conversation.send(.a, .cookieEcho(CookieEchoChunk(cookie: oldCookie)), tag: 0x2222_2222)
        let found = conversation.send(.b, .cookieAck(CookieAckChunk()))
        expectSingle(found, "cookie.invalid-echo-ignored", by: Conversation.endpointB)
        #expect(found.first?.message.contains("late cookie") == true)
    }
}
