import SCTPWire

/// Graceful shutdown (RFC 9260 §9.2, §3.3.8): SHUTDOWN only with all data acknowledged and with a
/// Cumulative TSN Ack the sender could give, no new data afterwards, SHUTDOWN ACK only for a
/// SHUTDOWN and with nothing outstanding, SHUTDOWN COMPLETE only for a SHUTDOWN ACK.
enum ShutdownRules {
    static let onlyWhenAcknowledged = RuleDescriptor(
        "shutdown.only-when-acknowledged", family: .shutdown, sections: [.sctp("9.2")], severity: .must,
        statement: "An endpoint sends SHUTDOWN only once the peer has acknowledged all the DATA it sent.")
    static let noNewData = RuleDescriptor(
        "shutdown.no-new-data", family: .shutdown, sections: [.sctp("9.2")], severity: .must,
        statement: "After sending SHUTDOWN or SHUTDOWN ACK an endpoint sends no new DATA (retransmissions only).")
    static let newDataAfterReceiving = RuleDescriptor(
        "shutdown.new-data-after-receiving", family: .shutdown, sections: [.sctp("9.2")], severity: .suspicious,
        statement: "After receiving SHUTDOWN an endpoint accepts no new user data, so new TSNs then can only "
            + "carry data queued before.")
    static let ackWhenNothingOutstanding = RuleDescriptor(
        "shutdown.ack-when-nothing-outstanding", family: .shutdown, sections: [.sctp("9.2")], severity: .must,
        statement: "SHUTDOWN ACK answers a SHUTDOWN and goes out only once all the sender's DATA is acknowledged.")
    static let completeAfterAck = RuleDescriptor(
        "shutdown.complete-after-ack", family: .shutdown, sections: [.sctp("9.2"), .sctp("8.4")], severity: .must,
        statement: "SHUTDOWN COMPLETE answers a SHUTDOWN ACK the sender received.")
    static let cumulativeTSNAck = RuleDescriptor(
        "shutdown.cum-tsn-ack", family: .shutdown, sections: [.sctp("3.3.8"), .sctp("9.2")], severity: .must,
        statement: "The Cumulative TSN Ack of a SHUTDOWN is the last TSN received in sequence from the peer: "
            + "not beyond what the peer sent, not behind what the sender already acknowledged.")

    static let rules = [
        onlyWhenAcknowledged, noNewData, newDataAfterReceiving, ackWhenNothingOutstanding, completeAfterAck,
        cumulativeTSNAck,
    ]

    static func judgeNewData(
        _ chunk: DataChunkSummary, _ context: PacketContext, _ association: AssociationState, sink: inout FindingSink
    ) {
        let sentShutdown = association.sides[context.sender].shutdownSentAt
        if let sent = sentShutdown ?? association.sides[context.sender].shutdownAckSentAt {
            let what = sentShutdown != nil ? "SHUTDOWN" : "SHUTDOWN ACK"
            sink.report(
                Self.noNewData, "new \(chunk.name) TSN \(chunk.tsn) after the \(what) of packet #\(sent)", context,
                related: [sent])
        } else if let received = association.sides[context.sender].shutdownReceivedAt {
            sink.report(
                Self.newDataAfterReceiving,
                "new \(chunk.name) TSN \(chunk.tsn) after receiving the SHUTDOWN of packet #\(received)", context,
                related: [received])
        }
    }

    static func onShutdown(
        _ chunk: ShutdownChunk, _ context: PacketContext, _ association: inout AssociationState,
        sink: inout FindingSink
    ) {
        let sender = context.sender
        let receiver = context.receiver
        let senderSide = association.sides[sender]
        if senderSide.shutdownSentAt == nil, senderSide.send.hasOutstandingData, let highest = senderSide.send.highest {
            let acknowledged = senderSide.send.peerCumulativeAck.map { "through \($0)" } ?? "nothing"
            sink.report(
                Self.onlyWhenAcknowledged,
                "SHUTDOWN while DATA up to TSN \(highest) is sent and the peer has acknowledged \(acknowledged)",
                context)
        }
        let cumulative = chunk.cumulativeTSNAck
        let valid = Self.judgeCumulativeAck(cumulative, context, association, sink: &sink)
        if valid {
            association.sides[sender].receive.lastReportedCumulativeAck = cumulative
            association.sides[sender].receive.lastReportedPacket = context.number
            SACKRules.judgeDiscardedCoverage(cumulative: cumulative, gaps: [], context, &association, sink: &sink)
        }
        if association.sides[sender].shutdownSentAt == nil {
            association.sides[sender].shutdownSentAt = context.number
        }
        if association.sides[sender].state == .established {
            association.sides[sender].state = .shutdownSent
        }
        let receiverState = association.sides[receiver].state
        guard receiverState.hasAssociation || association.origin == .joinedMidway else { return }
        guard context.receiverProcesses else {
            if let reason = context.discard, association.sides[receiver].shutdownReceivedAt == nil {
                association.sides[receiver].discardedShutdown = DiscardedContent(reason: reason, packet: context.number)
            }
            return
        }
        if association.sides[receiver].shutdownReceivedAt == nil {
            association.sides[receiver].shutdownReceivedAt = context.number
        }
        if receiverState == .established {
            association.sides[receiver].state = .shutdownReceived
        }
        if valid {
            association.sides[receiver].send.peerAcknowledged(through: cumulative)
        }
    }

    /// Returns whether the value is one the sender could give.
    private static func judgeCumulativeAck(
        _ cumulative: UInt32, _ context: PacketContext, _ association: AssociationState, sink: inout FindingSink
    ) -> Bool {
        let peer = association.sides[context.receiver].send
        let own = association.sides[context.sender].receive
        let peerHighest = peer.highest ?? peer.initialTSN.map { $0 &- 1 }
        if let peerHighest, Serial.lessThan(peerHighest, cumulative) {
            let sent = peer.highest.map { "DATA up to TSN \($0)" } ?? "no DATA (Initial TSN \(peerHighest &+ 1))"
            sink.report(
                Self.cumulativeTSNAck,
                "SHUTDOWN Cumulative TSN Ack \(cumulative) acknowledges TSNs never sent: the peer has sent \(sent)",
                context)
            return false
        }
        if let last = own.lastReportedCumulativeAck, Serial.lessThan(cumulative, last) {
            let whereFrom = own.lastReportedPacket.map { " in packet #\($0)" } ?? ""
            sink.report(
                Self.cumulativeTSNAck,
                "SHUTDOWN Cumulative TSN Ack \(cumulative) is behind TSN \(last), already acknowledged\(whereFrom)",
                context, related: own.lastReportedPacket.map { [$0] } ?? [])
            return false
        }
        if own.lastReportedCumulativeAck == nil, let initial = peer.initialTSN,
            Serial.lessThan(cumulative, initial &- 1)
        {
            sink.report(
                Self.cumulativeTSNAck,
                "SHUTDOWN Cumulative TSN Ack \(cumulative) is behind the peer's Initial TSN \(initial)", context)
            return false
        }
        return true
    }

    static func onShutdownAck(_ context: PacketContext, _ association: inout AssociationState, sink: inout FindingSink)
    {
        let sender = context.sender
        let side = association.sides[sender]
        if side.shutdownReceivedAt == nil {
            if let discarded = side.discardedShutdown {
                sink.report(
                    ObligationRules.rule(for: discarded.reason),
                    "SHUTDOWN ACK answers the SHUTDOWN of packet #\(discarded.packet), which had to be discarded: "
                        + discarded.reason.explanation, context, related: [discarded.packet])
            } else if association.sawSetup, side.state.isEstablishedOrShuttingDown {
                sink.report(Self.ackWhenNothingOutstanding, "SHUTDOWN ACK without a SHUTDOWN received", context)
            }
        } else if side.send.hasOutstandingData, let highest = side.send.highest {
            let acknowledged = side.send.peerCumulativeAck.map { "through \($0)" } ?? "nothing"
            sink.report(
                Self.ackWhenNothingOutstanding,
                "SHUTDOWN ACK while DATA up to TSN \(highest) is sent and the peer has acknowledged \(acknowledged)",
                context)
        }
        switch side.state {
        case .established, .shutdownSent, .shutdownReceived: association.sides[sender].state = .shutdownAckSent
        case .closed where side.shutdownAckSentAt != nil:
            // A repeated SHUTDOWN ACK: the SHUTDOWN COMPLETE that closed it never arrived.
            association.sides[sender].state = .shutdownAckSent
        case .closed, .cookieWait, .cookieEchoed, .shutdownAckSent: break
        }
        if association.sides[sender].shutdownAckSentAt == nil {
            association.sides[sender].shutdownAckSentAt = context.number
        }
        let receiver = context.receiver
        association.sides[receiver].shutdownAckSeenAt = context.number
        if context.receiverProcesses, association.sides[receiver].shutdownAckReceivedAt == nil {
            association.sides[receiver].shutdownAckReceivedAt = context.number
        }
    }

    static func onShutdownComplete(
        _ chunk: ShutdownCompleteChunk, _ context: PacketContext, _ association: inout AssociationState,
        sink: inout FindingSink
    ) {
        let sender = context.sender
        let side = association.sides[sender]
        if chunk.flags.contains(.tBit) {
            if side.shutdownAckSeenAt == nil, association.origin != .joinedMidway {
                sink.report(
                    Self.completeAfterAck, "SHUTDOWN COMPLETE with the T bit, but no SHUTDOWN ACK was received",
                    context)
            }
        } else if side.shutdownAckReceivedAt == nil, association.sawSetup {
            sink.report(Self.completeAfterAck, "SHUTDOWN COMPLETE without a SHUTDOWN ACK received", context)
        }
        association.sides[sender].state = .closed
        let receiver = context.receiver
        if context.discard == nil, association.sides[receiver].state == .shutdownAckSent {
            InFlight.noteClosure(context, &association)
            association.sides[receiver].state = .closed
        }
    }

    /// An ABORT ends the association for its sender and, when the receiver accepts it, for the
    /// receiver too. One whose verification tag the receiver must reject (§8.5.1 rule B) names no
    /// association of either side and ends nothing.
    static func onAbort(_ context: PacketContext, _ association: inout AssociationState) {
        if case .verificationTag = context.discard { return }
        association.sides[context.sender].state = .closed
        if context.discard == nil, !context.isOutOfTheBlue {
            InFlight.noteClosure(context, &association)
            association.sides[context.receiver].state = .closed
        }
    }
}
