import Rules
import SCTPWire

/// Evidence for the vtag and ootb families: verification tags and the T bit (RFC 9260 §8.5,
/// §8.5.1) and out-of-the-blue packets (§8.4).
extension RuleEvidence {
    /// A tag no endpoint announced, for out-of-the-blue packets.
    static let strayTag: UInt32 = 0x1234_5678

    static let verificationTags: [RuleEvidence] = [
        RuleEvidence(
            "vtag.peer-tag", packet: 5, by: .a,
            violation: { c in
                c.handshake()
                c.send(.a, c.data(tsn: 1000), tag: c.tagB &+ 1)
            },
            nearMiss: "INIT under tag 0 and COOKIE ECHO, with DATA bundled, under the Initiate Tag of the INIT "
                + "ACK before B holds any association (§8.5.1 A, D), then the settled tags"
        ) { c in
            c.startHandshake()
            c.send(.a, [c.cookieEcho, c.data(tsn: 1000)])
            c.send(.b, [.cookieAck(CookieAckChunk()), c.sack(cumulative: 1000)])
            c.sendData(.b)
            c.acknowledgeAll(.a)
        },
        RuleEvidence(
            "vtag.init-zero", packet: 1, by: .a,
            violation: { c in
                c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0x42)
            },
            nearMiss: "the INIT of a restart carries tag 0 although A knows B's tag (§8.5.1 A, §5.2.2)"
        ) { c in
            c.handshake()
            c.sendData(.a)
            c.acknowledgeAll(.b)
            c.tagA = 0x7777_0001
            c.tagB = 0x7777_0002
            c.initialTSNA = 77
            c.initialTSNB = 88
            c.nextTSNA = 77
            c.nextTSNB = 88
            c.cookie = Array("restart cookie with tie-tags".utf8)
            c.handshake()
            c.sendData(.a)
            c.acknowledgeAll(.b)
        },
        RuleEvidence(
            "vtag.t-bit", packet: 5, by: .b,
            violation: { c in
                c.handshake()
                c.send(.b, c.abort(tBit: true), tag: c.tagB)
            },
            nearMiss: "A gives up in COOKIE-WAIT, before any INIT ACK: knowing no peer tag, it sends ABORT "
                + "with the T bit reflecting its own tag (§8.5.1 B)"
        ) { c in
            c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0)
            c.send(.a, c.abort(tBit: true), tag: c.tagA)
        },
        RuleEvidence(
            "vtag.mismatch-discard", packet: 6, by: .b, also: [ExpectedFinding("vtag.peer-tag", 5, .a)],
            violation: { c in
                c.handshake()
                c.send(.a, c.data(tsn: 1000), tag: 0xbad0_0001)
                c.send(.b, c.sack(cumulative: 1000))
            },
            nearMiss: "B ignores the DATA under a wrong tag and acknowledges its retransmission under the right "
                + "one: the same TSN, acceptable the second time",
            nearMissAlso: [ExpectedFinding("vtag.peer-tag", 5, .a)]
        ) { c in
            c.handshake()
            c.send(.a, c.data(tsn: 1000), tag: 0xbad0_0001)
            c.send(.b, c.sack(cumulative: 999))
            c.send(.a, c.data(tsn: 1000))
            c.send(.b, c.sack(cumulative: 1000))
        },
    ]

    /// Live only: offline, a capture may begin in the middle of an association, so a packet between
    /// endpoints with no association seen is taken as its first packet, never as out of the blue.
    static let outOfTheBlueNote =
        "live: offline a capture may start mid-association, so nothing is out of the blue (RFC 9260 §8.4)"

    static let outOfTheBlue: [RuleEvidence] = [
        RuleEvidence(
            "ootb.abort-not-answered", packet: 2, by: .b, also: [ExpectedFinding("vtag.peer-tag", 1, .a)],
            configurationNote: Self.outOfTheBlueNote, offline: .cannotFire(reason: Self.outOfTheBlueNote),
            violation: { c in
                c.send(.a, c.abort(), tag: Self.strayTag)
                c.send(.b, c.abort(tBit: true), tag: Self.strayTag)
            },
            nearMiss: "an out-of-the-blue DATA may get an ABORT with the T bit (§8.4 item 8): only an "
                + "out-of-the-blue ABORT must go unanswered",
            nearMissAlso: [ExpectedFinding("handshake.no-tcb-chunks", 1, .a), ExpectedFinding("vtag.peer-tag", 1, .a)]
        ) { c in
            c.send(.a, c.data(tsn: 1), tag: Self.strayTag)
            c.send(.b, c.abort(tBit: true), tag: Self.strayTag)
        },
        RuleEvidence(
            "ootb.silent-discard", packet: 2, by: .b, also: [ExpectedFinding("vtag.peer-tag", 1, .a)],
            configurationNote: Self.outOfTheBlueNote, offline: .cannotFire(reason: Self.outOfTheBlueNote),
            violation: { c in
                c.send(.a, c.shutdownComplete(), tag: Self.strayTag)
                c.send(.b, c.abort(tBit: true), tag: Self.strayTag)
            },
            nearMiss: "an out-of-the-blue SHUTDOWN ACK is answered with SHUTDOWN COMPLETE with the T bit "
                + "(§8.4 item 5): the one out-of-the-blue reply that is required",
            nearMissAlso: [ExpectedFinding("handshake.no-tcb-chunks", 1, .a), ExpectedFinding("vtag.peer-tag", 1, .a)]
        ) { c in
            c.send(.a, .shutdownAck(ShutdownAckChunk()), tag: Self.strayTag)
            c.send(.b, c.shutdownComplete(tBit: true), tag: Self.strayTag)
        },
    ]
}
