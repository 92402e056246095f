import Rules
import SCTPWire

/// Evidence for the streams and data families: stream counts (RFC 9260 §5.1.1, §6.5) and DATA
/// transmission (§3.3.1, §6.1, §6.2, §6.3.3, §6.9).
extension RuleEvidence {
    static let streamsAndData: [RuleEvidence] = [
        RuleEvidence(
            "streams.within-negotiated", packet: 5, by: .a,
            violation: { c in
                c.handshake(outboundA: 10, inboundB: 5)
                c.send(.a, c.data(tsn: 1000, stream: 5))
                c.send(.b, [c.sack(cumulative: 1000), c.invalidStreamError(5)])
            },
            nearMiss: "stream 4, the last of min(A's OS 10, B's MIS 5)"
        ) { c in
            c.handshake(outboundA: 10, inboundB: 5)
            c.sendData(.a, stream: 4)
            c.acknowledgeAll(.b)
        },
        RuleEvidence(
            "streams.invalid-reported", packet: 5, by: .b, also: [ExpectedFinding("streams.within-negotiated", 5, .a)],
            violation: { c in
                c.handshake(outboundA: 10, inboundB: 5)
                c.send(.a, c.data(tsn: 1000, stream: 5))
                c.send(.b, c.sack(cumulative: 1000))
            },
            nearMiss: "B acknowledges the DATA and reports the stream in an ERROR bundled after the SACK",
            nearMissAlso: [ExpectedFinding("streams.within-negotiated", 5, .a)]
        ) { c in
            c.handshake(outboundA: 10, inboundB: 5)
            c.send(.a, c.data(tsn: 1000, stream: 5))
            c.send(.b, [c.sack(cumulative: 1000), c.invalidStreamError(5)])
        },
        RuleEvidence(
            "data.tsn-sequence", packet: 6, by: .a,
            violation: { c in
                c.handshake()
                c.send(.a, c.data(tsn: 1000))
                c.send(.a, c.data(tsn: 1002))
                c.send(.b, c.sack(cumulative: 1000, gaps: [GapAckBlock(start: 2, end: 2)]))
            },
            nearMiss: "TSNs wrap from 4294967295 (the Initial TSN) to 0 (serial arithmetic, §1.6)"
        ) { c in
            c.initialTSNA = 0xFFFF_FFFF
            c.nextTSNA = 0xFFFF_FFFF
            c.handshake()
            c.sendData(.a)
            c.sendData(.a)
            c.acknowledgeAll(.b)
        },
        RuleEvidence(
            "data.retransmission-unchanged", packet: 6, by: .a,
            violation: { c in
                c.handshake()
                c.send(.a, c.data(tsn: 1000, stream: 1, sequence: 4))
                c.send(.a, c.data(tsn: 1000, stream: 1, sequence: 4, payload: [1, 2]))
            },
            nearMiss: "the TSN sent again unchanged, then once more with the I bit set, which each transmission "
                + "may set anew (§3.3.1: e.g. one that fills the congestion window after a T3-rtx timeout)"
        ) { c in
            c.handshake()
            c.send(.a, c.data(tsn: 1000, stream: 1, sequence: 4))
            c.send(.a, c.data(tsn: 1000, stream: 1, sequence: 4))
            let immediate = DataChunk(
                flags: [.beginning, .ending, .immediate], tsn: 1000, streamID: 1, streamSequence: 4, ppid: 51,
                userData: Array("hello".utf8))
            c.send(.a, .data(immediate))
            c.send(.b, c.sack(cumulative: 1000, duplicates: [1000, 1000]))
        },
        RuleEvidence(
            "data.user-data-present", packet: 5, by: .a,
            violation: { c in
                c.handshake()
                c.send(.a, c.data(tsn: 1000, payload: []))
                c.send(.b, c.abort(causes: [.noUserData(NoUserDataCause(tsn: 1000))]))
            },
            nearMiss: "DATA with a single byte of user data"
        ) { c in
            c.handshake()
            c.send(.a, c.data(tsn: 1000, payload: [0]))
            c.send(.b, c.sack(cumulative: 1000))
        },
        RuleEvidence(
            "data.empty-aborted", packet: 5, by: .b, also: [ExpectedFinding("data.user-data-present", 5, .a)],
            configurationNote: "live: judged when the run ends; offline only once B sent a later packet, as "
                + "a capture may stop first",
            violation: { c in
                c.handshake()
                c.send(.a, c.data(tsn: 1000, payload: []))
                c.send(.b, c.sack(cumulative: 1000))
            },
            nearMiss: "B answers the empty DATA with an ABORT carrying No User Data for its TSN",
            nearMissAlso: [ExpectedFinding("data.user-data-present", 5, .a)]
        ) { c in
            c.handshake()
            c.send(.a, c.data(tsn: 1000, payload: []))
            c.send(.b, c.abort(causes: [.noUserData(NoUserDataCause(tsn: 1000))]))
        },
    ]

    static let acknowledgements: [RuleEvidence] = [
        RuleEvidence(
            "sack.cum-ack-monotonic", packet: 8, by: .b,
            violation: { c in
                c.handshake()
                c.sendData(.a)
                c.sendData(.a)
                c.send(.b, c.sack(cumulative: 1001))
                c.send(.b, c.sack(cumulative: 1000))
            },
            nearMiss: "the same Cumulative TSN Ack twice (a window update): it stands still, it does not move back"
        ) { c in
            c.handshake()
            c.sendData(.a)
            c.sendData(.a)
            c.send(.b, c.sack(cumulative: 1001))
            c.send(.b, c.sack(cumulative: 1001))
        },
        RuleEvidence(
            "sack.acks-only-sent", packet: 6, by: .b,
            violation: { c in
                c.handshake()
                c.sendData(.a)
                c.send(.b, c.sack(cumulative: 1001))
            },
            nearMiss: "a gap block ending exactly at the highest TSN sent"
        ) { c in
            c.handshake()
            c.sendData(.a)
            c.sendData(.a)
            c.sendData(.a)
            c.send(.b, c.sack(cumulative: 1000, gaps: [GapAckBlock(start: 2, end: 2)]))
            c.send(.b, c.sack(cumulative: 1002))
        },
        RuleEvidence(
            "sack.gap-blocks", packet: 9, by: .b,
            violation: { c in
                c.handshake()
                for _ in 0..<4 { c.sendData(.a) }
                c.send(.b, c.sack(cumulative: 999, gaps: [GapAckBlock(start: 1, end: 2)]))
            },
            nearMiss: "gap blocks at the boundary: the first starts at offset 2 and the second two past the "
                + "first one's end, each after a single missing TSN"
        ) { c in
            c.handshake()
            for _ in 0..<6 { c.sendData(.a) }
            c.send(.b, c.sack(cumulative: 999, gaps: [GapAckBlock(start: 2, end: 3), GapAckBlock(start: 5, end: 6)]))
        },
        RuleEvidence(
            "sack.duplicates-reported", packet: 9, by: .b,
            configurationNote: "live: the next SACK is judged; offline only a SACK covering newer DATA proves it "
                + "was built after the duplicate arrived, so the SACK here also covers TSN 1001",
            violation: { c in
                c.handshake()
                c.sendData(.a)
                c.send(.b, c.sack(cumulative: 1000))
                c.send(.a, c.data(tsn: 1000))
                c.sendData(.a)
                c.send(.b, c.sack(cumulative: 1001))
            },
            nearMiss: "the same exchange with the duplicate listed in the next SACK"
        ) { c in
            c.handshake()
            c.sendData(.a)
            c.send(.b, c.sack(cumulative: 1000))
            c.send(.a, c.data(tsn: 1000))
            c.sendData(.a)
            c.send(.b, c.sack(cumulative: 1001, duplicates: [1000]))
        },
        RuleEvidence(
            "sack.duplicates-genuine", packet: 7, by: .b,
            violation: { c in
                c.handshake()
                c.sendData(.a)
                c.sendData(.a)
                c.send(.b, c.sack(cumulative: 1001, duplicates: [1005]))
            },
            nearMiss: "a duplicate of a TSN the capture saw only once: a second copy may have reached B unseen"
        ) { c in
            c.handshake()
            c.sendData(.a)
            c.sendData(.a)
            c.send(.b, c.sack(cumulative: 1000, duplicates: [1001]))
            c.send(.b, c.sack(cumulative: 1001))
        },
    ]
}
