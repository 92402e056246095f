import Rules
import SCTPWire

/// Evidence for the init family: INIT and INIT ACK fields, the State Cookie, answers to invalid
/// INITs and INIT ACKs, and INIT collisions (RFC 9260 §3.3.2, §3.3.3, §5.2.1).
extension RuleEvidence {
    static var invalidMandatoryParameter: ErrorCause {
        .invalidMandatoryParameter(InvalidMandatoryParameterCause())
    }

    static let initiation: [RuleEvidence] = [
        RuleEvidence(
            "init.initiate-tag-nonzero", packet: 1, by: .a,
            violation: { c in
                c.send(.a, c.initChunk(tag: 0, tsn: c.initialTSNA), tag: 0)
            },
            nearMiss: "Initiate Tag 1, the smallest allowed, in an INIT whose own verification tag is 0"
        ) { c in
            c.tagA = 1
            c.handshake()
            c.sendData(.b)
            c.acknowledgeAll(.a)
        },
        RuleEvidence(
            "init.streams-nonzero", packet: 1, by: .a,
            violation: { c in
                c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA, outbound: 0), tag: 0)
                c.send(.b, c.abort(causes: [Self.invalidMandatoryParameter]))
            },
            nearMiss: "one outbound and one inbound stream each way, the fewest allowed, and DATA on stream 0"
        ) { c in
            c.handshake(outboundA: 1, inboundA: 1, outboundB: 1, inboundB: 1)
            c.sendData(.a)
            c.acknowledgeAll(.b)
        },
        RuleEvidence(
            "init.invalid-not-accepted", packet: 3, by: .a, also: [ExpectedFinding("init.streams-nonzero", 2, .b)],
            violation: { c in
                c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0)
                c.send(.b, c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: c.cookie, outbound: 0))
                c.send(.a, c.cookieEcho)
            },
            nearMiss: "A discards the INIT ACK with OS 0, retransmits its INIT, and echoes the cookie of the "
                + "valid INIT ACK that answers it (another tag, another cookie)",
            nearMissAlso: [ExpectedFinding("init.streams-nonzero", 2, .b)]
        ) { c in
            c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0)
            c.send(.b, c.initAckChunk(tag: 0x3333_3333, tsn: c.initialTSNB, cookie: [0xba, 0xd0], outbound: 0))
            c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0)
            c.send(.b, c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: c.cookie))
            c.send(.a, c.cookieEcho)
            c.send(.b, .cookieAck(CookieAckChunk()))
        },
        RuleEvidence(
            "init.zero-tag-discarded", packet: 2, by: .b, also: [ExpectedFinding("init.initiate-tag-nonzero", 1, .a)],
            violation: { c in
                c.send(.a, c.initChunk(tag: 0, tsn: c.initialTSNA), tag: 0)
                c.send(.b, c.abort(tBit: true, causes: [Self.invalidMandatoryParameter]), tag: 0)
            },
            nearMiss: "B drops the INIT with Initiate Tag 0 silently and answers the valid INIT A sends next",
            nearMissAlso: [ExpectedFinding("init.initiate-tag-nonzero", 1, .a)]
        ) { c in
            c.send(.a, c.initChunk(tag: 0, tsn: c.initialTSNA), tag: 0)
            c.handshake()
        },
        RuleEvidence(
            "init.invalid-aborted", packet: 1, by: .b, also: [ExpectedFinding("init.streams-nonzero", 1, .a)],
            violation: { c in
                c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA, outbound: 0), tag: 0)
            },
            nearMiss: "an INIT with OS 0 and Initiate Tag 0 is discarded silently (§3.3.2): the zero tag "
                + "forbids the ABORT the zero stream count would ask for",
            nearMissAlso: [
                ExpectedFinding("init.initiate-tag-nonzero", 1, .a), ExpectedFinding("init.streams-nonzero", 1, .a),
            ]
        ) { c in
            c.send(.a, c.initChunk(tag: 0, tsn: c.initialTSNA, outbound: 0), tag: 0)
        },
        RuleEvidence(
            "init.state-cookie", packet: 2, by: .b,
            violation: { c in
                c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0)
                c.send(.b, c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: nil))
            },
            nearMiss: "a State Cookie of one byte, after another optional parameter (Forward-TSN-Supported)"
        ) { c in
            c.cookie = [0x01]
            let forwardTSN = Parameter.forwardTSNSupported(ForwardTSNSupportedParameter())
            c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0)
            c.send(.b, c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: c.cookie, parameters: [forwardTSN]))
            c.send(.a, c.cookieEcho)
            c.send(.b, .cookieAck(CookieAckChunk()))
        },
        RuleEvidence(
            "init.collision-same-parameters", packet: 3, by: .b,
            violation: { c in
                c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0)
                c.send(.b, c.initChunk(tag: c.tagB, tsn: c.initialTSNB), tag: 0)
                c.send(.b, c.initAckChunk(tag: 0x9999_9999, tsn: 7, cookie: c.cookie))
            },
            nearMiss: "both INITs cross (§5.2.1): each side answers with its own INIT's tag, TSN and streams, "
                + "and the association settles with both tags unchanged (§5.2.4 B, D)"
        ) { c in
            let cookieA: [UInt8] = [0xa, 0xa]
            c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0)
            c.send(.b, c.initChunk(tag: c.tagB, tsn: c.initialTSNB), tag: 0)
            c.send(.b, c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: c.cookie))
            c.send(.a, c.initAckChunk(tag: c.tagA, tsn: c.initialTSNA, cookie: cookieA))
            c.send(.a, c.cookieEcho)
            c.send(.b, .cookieEcho(CookieEchoChunk(cookie: cookieA)))
            c.send(.b, .cookieAck(CookieAckChunk()))
            c.send(.a, .cookieAck(CookieAckChunk()))
            c.sendData(.a)
            c.sendData(.b)
            c.acknowledgeAll(.a)
            c.acknowledgeAll(.b)
        },
    ]
}
