/// State changes that settle or end an association: a COOKIE ECHO accepted (RFC 9260 §5.1.5,
/// §5.2.4), end-of-association bookkeeping.
enum AssociationLifecycle {
    /// The receiver of a valid COOKIE ECHO takes the tags, Initial TSNs and stream counts of the
    /// exchange the cookie belongs to: `offer` is the receiver's INIT ACK, which answered the
    /// sender's INIT with tag `offer.answeredTag`.
    static func commit(
        offer: InitiationProposal, receiver: Int, packet: Int, _ association: inout AssociationState,
        sink: inout FindingSink
    ) {
        let sender = 1 - receiver
        guard let peerTag = offer.answeredTag else { return }
        let previousReceiverTag = association.sides[receiver].tag
        let previousSenderTag = association.sides[sender].tag
        let receiverState = association.sides[receiver].state
        let senderInit =
            association.sides[sender].proposals.last { !$0.isAcknowledgement && $0.tag == peerTag }
            ?? association.sides[sender].committed.flatMap { $0.tag == peerTag ? $0 : nil }
        let fresh = previousReceiverTag == nil || previousSenderTag == nil
        let receiverTagChanges = previousReceiverTag != offer.tag
        let senderTagChanges = previousSenderTag != peerTag
        if !fresh, !receiverTagChanges, !senderTagChanges {
            if receiverState == .cookieWait || receiverState == .cookieEchoed {
                association.collisionPackets.append(packet)
            }
            if !receiverState.isEstablishedOrShuttingDown {
                association.sides[receiver].state = .established
                association.sides[receiver].establishedByEcho = packet
            }
            return
        }
        let restart = !fresh && receiverTagChanges && senderTagChanges
        if restart {
            ObligationRules.judgeAll(&association, sink: &sink)
            DataRules.judgeSkippedTSNs(&association, sink: &sink)
            association.restartPackets.append(packet)
        } else if !fresh || receiverState == .cookieWait || receiverState == .cookieEchoed {
            association.collisionPackets.append(packet)
        }
        association.sides[receiver].tag = offer.tag
        association.sides[receiver].committed = offer
        association.sides[receiver].proposals.removeAll { $0.packet < offer.packet && $0.tag != offer.tag }
        association.sides[sender].tag = peerTag
        if let senderInit {
            association.sides[sender].committed = senderInit
            association.sides[sender].proposals.removeAll { $0.packet < senderInit.packet && $0.tag != peerTag }
        }
        if fresh || restart || receiverTagChanges {
            association.sides[receiver].send = SendLedger(initialTSN: offer.initialTSN)
            association.sides[sender].receive = ReceiveLedger(peerInitialTSN: offer.initialTSN)
        }
        if fresh || restart || senderTagChanges {
            association.sides[sender].send = SendLedger(initialTSN: senderInit?.initialTSN)
            association.sides[receiver].receive = ReceiveLedger(peerInitialTSN: senderInit?.initialTSN)
        }
        if restart {
            for side in 0..<2 {
                association.sides[side].shutdownSentAt = nil
                association.sides[side].shutdownAckSentAt = nil
                association.sides[side].shutdownReceivedAt = nil
                association.sides[side].discardedShutdown = nil
                association.sides[side].shutdownAckReceivedAt = nil
                association.sides[side].heartbeats.removeAll()
            }
        }
        if let senderInit {
            association.sides[sender].outboundStreams = min(senderInit.outboundStreams, offer.inboundStreams)
            association.sides[receiver].outboundStreams = min(offer.outboundStreams, senderInit.inboundStreams)
        } else {
            association.sides[sender].outboundStreams = nil
            association.sides[receiver].outboundStreams = nil
        }
        association.sides[receiver].state = .established
        association.sides[receiver].establishedByEcho = packet
    }

    /// The end of an association (both sides closed) or of the run: what was still owed is judged.
    static func conclude(_ association: inout AssociationState, sink: inout FindingSink) {
        if association.watchesChecksums {
            ChecksumOffload.settle(&association, sink: &sink)
        }
        ObligationRules.judgeAll(&association, sink: &sink)
        DataRules.judgeSkippedTSNs(&association, sink: &sink)
        guard association.isOver else { return }
        if association.captureLoss == nil {
            association.captureLoss = CaptureLoss.evidence(of: association)
        }
        // Nothing judges data or heartbeats once both ends are closed: free what they remembered,
        // so that a capture of many short associations stays small. A packet that was in flight
        // when the association ended may still come (`InFlight`): its TSNs follow the last one
        // seen, with no Initial TSN to count skipped ones from.
        for side in 0..<2 {
            let old = association.sides[side].send
            var send = SendLedger()
            send.highest = old.highest
            send.peerCumulativeAck = old.peerCumulativeAck
            send.abandonedThrough = old.abandonedThrough
            association.sides[side].send = send
            association.sides[side].receive = ReceiveLedger()
            association.sides[side].heartbeats = []
        }
    }
}
