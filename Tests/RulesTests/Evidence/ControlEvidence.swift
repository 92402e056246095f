import Rules
import SCTPWire

/// Evidence for the heartbeat and unrecognized families: HEARTBEAT and its ACK (RFC 9260 §3.3.5,
/// §3.3.6, §8.3) and unknown chunks and parameters (§3.2, §3.2.1, §3.2.2).
extension RuleEvidence {
    static func unknownChunk(_ type: UInt8) -> Chunk {
        .unknown(UnknownChunk(type: type, value: [0xde, 0xad]))
    }

    static let heartbeatsAndUnrecognized: [RuleEvidence] = [
        RuleEvidence(
            "heartbeat.info-present", packet: 5, by: .b,
            violation: { c in
                c.handshake()
                c.send(.b, .heartbeat(HeartbeatChunk(parameters: [])))
            },
            nearMiss: "a Heartbeat Info parameter with no info at all (4 bytes), echoed back"
        ) { c in
            c.handshake()
            c.send(.b, c.heartbeat([]))
            c.send(.a, c.heartbeatAck([]))
        },
        RuleEvidence(
            "heartbeat.ack-echoes-info", packet: 6, by: .a,
            violation: { c in
                c.handshake()
                c.send(.b, c.heartbeat([1, 2, 3, 4, 5]))
                c.send(.a, c.heartbeatAck([1, 2, 3, 4, 6]))
            },
            nearMiss: "the HEARTBEAT carries an unknown parameter after its Heartbeat Info, and the ACK returns "
                + "both, unchanged"
        ) { c in
            c.handshake()
            let parameters: [Parameter] = [
                .heartbeatInfo(HeartbeatInfoParameter(info: [1, 2, 3, 4, 5])),
                .unknown(UnknownParameter(type: 0xbeef, value: [7])),
            ]
            c.send(.b, .heartbeat(HeartbeatChunk(parameters: parameters)))
            c.send(.a, .heartbeatAck(HeartbeatAckChunk(parameters: parameters)))
        },
        RuleEvidence(
            "unrecognized.chunk-reported", packet: 5, by: .b,
            violation: { c in
                c.handshake()
                c.send(.a, [Self.unknownChunk(0xff), c.data(tsn: 1000)])
                c.send(.b, c.sack(cumulative: 1000))
            },
            nearMiss: "an unknown chunk of type 0xbf: its high bits 10 say skip it without a report"
        ) { c in
            c.handshake()
            c.send(.a, [Self.unknownChunk(0xbf), c.data(tsn: 1000)])
            c.send(.b, c.sack(cumulative: 1000))
        },
        RuleEvidence(
            "unrecognized.chunk-stop", packet: 6, by: .b,
            violation: { c in
                c.handshake()
                c.send(.a, [Self.unknownChunk(0x3f), c.data(tsn: 1000)])
                c.send(.b, c.sack(cumulative: 1000))
            },
            nearMiss: "B drops the DATA behind the unknown chunk of type 0x3f (high bits 00: stop, no report) "
                + "and acknowledges the retransmission that comes alone"
        ) { c in
            c.handshake()
            c.send(.a, [Self.unknownChunk(0x3f), c.data(tsn: 1000)])
            c.send(.b, c.sack(cumulative: 999))
            c.send(.a, c.data(tsn: 1000))
            c.send(.b, c.sack(cumulative: 1000))
        },
        RuleEvidence(
            "unrecognized.chunk-skip", packet: 7, by: .b,
            violation: { c in
                c.handshake()
                c.send(.a, [Self.unknownChunk(0xbf), c.data(tsn: 1000)])
                c.send(.a, c.data(tsn: 1001))
                c.send(.b, c.sack(cumulative: 999, gaps: [GapAckBlock(start: 2, end: 2)]))
            },
            nearMiss: "the DATA behind the unknown chunk of type 0xbf (high bits 10: skip, no report) is on a "
                + "stream B does not have, which B reports and may drop (§6.5) rather than acknowledge",
            nearMissAlso: [ExpectedFinding("streams.within-negotiated", 5, .a)]
        ) { c in
            c.handshake()
            c.send(.a, [Self.unknownChunk(0xbf), c.data(tsn: 1000, stream: 12)])
            c.send(.a, c.data(tsn: 1001))
            c.send(.b, [c.invalidStreamError(12), c.sack(cumulative: 999, gaps: [GapAckBlock(start: 2, end: 2)])])
        },
        RuleEvidence(
            "unrecognized.init-parameter-reported", packet: 2, by: .b,
            violation: { c in
                let reported = Parameter.unknown(UnknownParameter(type: 0x4123, value: [1, 2, 3, 4]))
                c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA, parameters: [reported]), tag: 0)
                c.send(.b, c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: c.cookie))
            },
            nearMiss: "the same parameter behind one of type 0x0123, whose high bits 00 stop the processing of "
                + "the parameters (§3.2.1): nothing after it is reported"
        ) { c in
            let stop = Parameter.unknown(UnknownParameter(type: 0x0123, value: [1]))
            let reported = Parameter.unknown(UnknownParameter(type: 0x4123, value: [1, 2, 3, 4]))
            c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA, parameters: [stop, reported]), tag: 0)
            c.send(.b, c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: c.cookie))
            c.send(.a, c.cookieEcho)
            c.send(.b, .cookieAck(CookieAckChunk()))
        },
        RuleEvidence(
            "unrecognized.init-ack-parameter-reported", packet: 3, by: .a,
            violation: { c in
                let parameter = Parameter.unknown(UnknownParameter(type: 0xc123, value: [9]))
                c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0)
                c.send(.b, c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: c.cookie, parameters: [parameter]))
                c.send(.a, c.cookieEcho)
                c.send(.b, .cookieAck(CookieAckChunk()))
            },
            nearMiss: "the ERROR with Unrecognized Parameters bundled after the COOKIE ECHO, as §3.2.2 asks"
        ) { c in
            let parameter = Parameter.unknown(UnknownParameter(type: 0xc123, value: [9]))
            c.send(.a, c.initChunk(tag: c.tagA, tsn: c.initialTSNA), tag: 0)
            c.send(.b, c.initAckChunk(tag: c.tagB, tsn: c.initialTSNB, cookie: c.cookie, parameters: [parameter]))
            let cause = ErrorCause.unrecognizedParameters(UnrecognizedParametersCause(reportedBytes: parameter.encoded))
            c.send(.a, [c.cookieEcho, .error(ErrorChunk(causes: [cause]))])
            c.send(.b, .cookieAck(CookieAckChunk()))
        },
    ]
}
