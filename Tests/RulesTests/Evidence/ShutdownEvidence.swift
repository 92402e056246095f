import Rules
import SCTPWire

/// Evidence for the shutdown family: graceful shutdown (RFC 9260 §9.2, §3.3.8).
extension RuleEvidence {
    static let shutdown: [RuleEvidence] = [
        RuleEvidence(
            "shutdown.only-when-acknowledged", packet: 6, by: .a,
            violation: { c in
                c.handshake()
                c.sendData(.a)
                c.send(.a, c.shutdownChunk(cumulative: 4999))
            },
            nearMiss: "the SHUTDOWN right after the SACK that acknowledges A's last DATA"
        ) { c in
            c.handshake()
            c.sendData(.a)
            c.acknowledgeAll(.b)
            c.shutdown(.a)
        },
        RuleEvidence(
            "shutdown.no-new-data", packet: 6, by: .a,
            violation: { c in
                c.handshake()
                c.send(.a, c.shutdownChunk(cumulative: 4999))
                c.send(.a, c.data(tsn: 1000))
            },
            nearMiss: "after a completed shutdown, a new association between the same endpoints: A's DATA "
                + "there is new data of that association"
        ) { c in
            c.handshake()
            c.shutdown(.a)
            c.tagA = 0x5555_5555
            c.tagB = 0x6666_6666
            c.handshake()
            c.sendData(.a)
            c.acknowledgeAll(.b)
        },
        RuleEvidence(
            "shutdown.new-data-after-receiving", packet: 6, by: .b,
            violation: { c in
                c.handshake()
                c.send(.a, c.shutdownChunk(cumulative: 4999))
                c.send(.b, c.data(tsn: 5000))
            },
            nearMiss: "B retransmits, unchanged, DATA still outstanding when the SHUTDOWN came, then "
                + "acknowledges the SHUTDOWN"
        ) { c in
            c.handshake()
            c.sendData(.b)
            c.send(.a, c.shutdownChunk(cumulative: 4999))
            c.send(.b, c.data(tsn: 5000))
            c.send(.a, c.shutdownChunk(cumulative: 5000))
            c.send(.b, .shutdownAck(ShutdownAckChunk()))
            c.send(.a, c.shutdownComplete())
        },
        RuleEvidence(
            "shutdown.ack-when-nothing-outstanding", packet: 7, by: .b,
            violation: { c in
                c.handshake()
                c.sendData(.b)
                c.send(.a, c.shutdownChunk(cumulative: 4999))
                c.send(.b, .shutdownAck(ShutdownAckChunk()))
            },
            nearMiss: "the SHUTDOWN itself acknowledges B's DATA (its Cumulative TSN Ack, no SACK), so B may "
                + "answer with SHUTDOWN ACK at once"
        ) { c in
            c.handshake()
            c.sendData(.b)
            c.send(.a, c.shutdownChunk(cumulative: 5000))
            c.send(.b, .shutdownAck(ShutdownAckChunk()))
            c.send(.a, c.shutdownComplete())
        },
        RuleEvidence(
            "shutdown.complete-after-ack", packet: 6, by: .a,
            violation: { c in
                c.handshake()
                c.send(.a, c.shutdownChunk(cumulative: 4999))
                c.send(.a, c.shutdownComplete())
            },
            nearMiss: "A, already closed, answers B's repeated SHUTDOWN ACK with SHUTDOWN COMPLETE with the T "
                + "bit (§8.4 item 5): it answers a SHUTDOWN ACK without holding an association",
            Self.repeatedShutdownAckAfterClosing),
        RuleEvidence(
            "shutdown.cum-tsn-ack", packet: 8, by: .a,
            violation: { c in
                c.handshake()
                c.sendData(.b)
                c.sendData(.b)
                c.acknowledgeAll(.a)
                // The pion/sctp 1.8.6 mistake: its own TSN space instead of the peer's.
                c.send(.a, c.shutdownChunk(cumulative: 1000))
            },
            nearMiss: "before any DATA from B, the Cumulative TSN Ack is B's Initial TSN minus one"
        ) { c in
            c.handshake()
            c.shutdown(.a)
        },
    ]
}
