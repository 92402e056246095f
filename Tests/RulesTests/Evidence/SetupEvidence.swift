import Rules
import SCTPWire

/// Evidence for the handshake and cookie families: what an endpoint may send before its
/// association exists (RFC 9260 §5.1, §8.4, §8.5) and State Cookie validation (§5.1, §5.1.5,
/// §5.2.4, §3.3.10.3).
extension RuleEvidence {
    /// Handshake, shutdown from A, then B repeats its SHUTDOWN ACK (A's SHUTDOWN COMPLETE was lost
    /// after the capture point) and A, closed, answers with SHUTDOWN COMPLETE with the T bit.
    static let repeatedShutdownAckAfterClosing: Script = { c in
        c.handshake()
        c.shutdown(.a)
        c.send(.b, .shutdownAck(ShutdownAckChunk()))
        c.send(.a, c.shutdownComplete(tBit: true), tag: c.tagA)
    }

    static let handshakeAndCookies: [RuleEvidence] = [
        RuleEvidence(
            "handshake.no-tcb-chunks", packet: 3, by: .b,
            violation: { c in
                c.startHandshake()
                c.send(.b, c.sack(cumulative: 999))
            },
            nearMiss: "B, closed after the shutdown, repeats its SHUTDOWN ACK because A's SHUTDOWN COMPLETE "
                + "was lost (§9.2): the one chunk besides the setup ones an endpoint without a TCB may send",
            Self.repeatedShutdownAckAfterClosing),
        RuleEvidence(
            "handshake.setup-chunks", packet: 4, by: .a,
            violation: { c in
                c.startHandshake()
                c.send(.a, c.cookieEcho)
                c.send(.a, c.heartbeat([1]))
            },
            nearMiss: "DATA bundled after the COOKIE ECHO, sent again with it when the COOKIE ACK is late "
                + "(§5.1 D, §6.10)"
        ) { c in
            c.startHandshake()
            c.send(.a, [c.cookieEcho, c.data(tsn: 1000)])
            c.send(.a, [c.cookieEcho, c.data(tsn: 1000)])
            c.send(.b, [.cookieAck(CookieAckChunk()), c.sack(cumulative: 1000, duplicates: [1000])])
        },
        RuleEvidence(
            "cookie.echo-matches-offer", packet: 3, by: .a,
            violation: { c in
                c.startHandshake()
                var altered = c.cookie
                altered[3] ^= 0xff
                c.send(.a, .cookieEcho(CookieEchoChunk(cookie: altered)))
            },
            nearMiss: "A's INIT went twice and B answered both; A echoes the cookie of the first INIT ACK "
                + "under its tag, not the latest one offered"
        ) { c in
            c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0)
            c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0)
            c.send(.b, c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: c.cookie))
            c.send(.b, c.initAckChunk(tag: 0x3333_3333, tsn: 9000, cookie: Array("second cookie".utf8)))
            c.send(.a, c.cookieEcho)
            c.send(.b, .cookieAck(CookieAckChunk()))
            c.sendData(.a)
            c.acknowledgeAll(.b)
        },
        RuleEvidence(
            "cookie.invalid-echo-ignored", packet: 4, by: .b,
            also: [ExpectedFinding("cookie.echo-matches-offer", 3, .a)],
            violation: { c in
                c.startHandshake()
                var altered = c.cookie
                altered[3] ^= 0xff
                c.send(.a, .cookieEcho(CookieEchoChunk(cookie: altered)))
                c.send(.b, .cookieAck(CookieAckChunk()))
            },
            nearMiss: "the COOKIE ACK was lost: A echoes the same cookie again once established, and B, "
                + "established too, acknowledges it again (§5.2.4 D)"
        ) { c in
            c.handshake()
            c.send(.a, c.cookieEcho)
            c.send(.b, .cookieAck(CookieAckChunk()))
            c.sendData(.a)
            c.acknowledgeAll(.b)
        },
        RuleEvidence(
            "cookie.stale-measure", packet: 4, by: .b,
            violation: { c in
                c.startHandshake()
                c.send(.a, c.cookieEcho)
                c.send(.b, c.staleCookieError(microseconds: 0))
            },
            nearMiss: "a measure of staleness of 1 µs, the smallest non-zero one"
        ) { c in
            c.startHandshake()
            c.send(.a, c.cookieEcho)
            c.send(.b, c.staleCookieError(microseconds: 1))
        },
        RuleEvidence(
            "cookie.stale-not-established", packet: 5, by: .b,
            violation: { c in
                c.startHandshake()
                c.send(.a, c.cookieEcho)
                c.send(.b, c.staleCookieError(microseconds: 1_500))
                c.send(.b, .cookieAck(CookieAckChunk()))
            },
            nearMiss: "after the Stale Cookie error A starts over (§5.2.6) and B acknowledges the fresh cookie"
        ) { c in
            c.startHandshake()
            c.send(.a, c.cookieEcho)
            c.send(.b, c.staleCookieError(microseconds: 1_500))
            c.cookie = Array("a fresh cookie".utf8)
            c.handshake()
            c.sendData(.a)
            c.acknowledgeAll(.b)
        },
    ]
}
