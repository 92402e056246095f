import SCTPWire

/// DATA and I-DATA transmission (RFC 9260 §3.3.1, §6): TSNs start at the Initial TSN and advance
/// by one per new chunk, a retransmission repeats its chunk, user data is never empty.
enum DataRules {
    static let tsnSequence = RuleDescriptor(
        "data.tsn-sequence", family: .data, sections: [.sctp("3.3.1"), .sctp("3.3.2"), .sctp("6.1")],
        severity: .must,
        statement: "The first DATA carries the Initial TSN and each new DATA the next TSN: no TSN is skipped "
            + "and none precedes the Initial TSN.")
    static let retransmissionUnchanged = RuleDescriptor(
        "data.retransmission-unchanged", family: .data, sections: [.sctp("6.3.3"), .sctp("6.9")], severity: .must,
        statement: "A retransmitted TSN carries the same stream, sequence number, PPID, U/B/E flags and user "
            + "data as its first transmission (the I bit may differ).")
    static let userDataPresent = RuleDescriptor(
        "data.user-data-present", family: .data, sections: [.sctp("6.2"), .sctp("3.3.1")], severity: .should,
        statement: "DATA and I-DATA chunks carry at least one byte of user data.")
    static let emptyAborted = RuleDescriptor(
        "data.empty-aborted", family: .data, sections: [.sctp("6.2")], severity: .must,
        statement: "DATA without user data is answered with an ABORT carrying the No User Data cause.")

    static let rules = [tsnSequence, retransmissionUnchanged, userDataPresent, emptyAborted]

    static func onData(
        _ chunk: DataChunkSummary, _ context: PacketContext, _ association: inout AssociationState,
        sink: inout FindingSink
    ) {
        let sender = context.sender
        let receiver = context.receiver
        if chunk.isEmpty {
            sink.report(Self.userDataPresent, "\(chunk.name) TSN \(chunk.tsn) carries no user data", context)
        }
        // The guards repeat each rule's first test, so that the common chunk does not pass the
        // association by value (a copy of it) to a rule that returns at once.
        if let limit = association.sides[sender].outboundStreams, chunk.streamID >= limit {
            StreamRules.judgeOutbound(chunk, context, association, sink: &sink)
        }
        switch association.sides[sender].send.record(
            tsn: chunk.tsn, digest: chunk.digest, packet: context.number, time: context.view.time)
        {
        case .new:
            if association.sides[sender].shutdownSentAt != nil || association.sides[sender].shutdownAckSentAt != nil
                || association.sides[sender].shutdownReceivedAt != nil
            {
                ShutdownRules.judgeNewData(chunk, context, association, sink: &sink)
            }
        case .retransmission(let original):
            if let original, original != chunk.digest {
                sink.report(
                    Self.retransmissionUnchanged,
                    "\(chunk.name) TSN \(chunk.tsn) sent again with \(chunk.digest.differences(from: original))",
                    context)
            }
        case .beforeInitialTSN:
            let initial = association.sides[sender].send.initialTSN.map(String.init) ?? "?"
            sink.report(Self.tsnSequence, "\(chunk.name) TSN \(chunk.tsn) precedes the Initial TSN \(initial)", context)
        }
        let state = association.sides[receiver].state
        guard state.hasAssociation || association.origin == .joinedMidway else { return }
        guard context.receiverProcesses else {
            if let reason = context.discard {
                association.sides[receiver].receive.discard(
                    chunk.tsn, DiscardedContent(reason: reason, packet: context.number))
            }
            return
        }
        let takenIn =
            context.followsSkippedUnknownChunk != nil && UnrecognizedRules.mustTakeIn(chunk, context, association)
        if association.sides[receiver].receive.receive(chunk.tsn) {
            let highest = association.sides[sender].send.highest
            if association.sides[receiver].receive.pendingDuplicates.count < 256 {
                association.sides[receiver].receive.pendingDuplicates.append(
                    DuplicateReceipt(tsn: chunk.tsn, packet: context.number, senderHighest: highest))
            }
        }
        if takenIn, let unknownType = context.followsSkippedUnknownChunk {
            association.sides[receiver].dataAfterSkippedChunk = DataAfterSkippedChunk(
                tsn: chunk.tsn, packet: context.number, unknownType: unknownType,
                senderHighest: association.sides[sender].send.highest)
        }
        if chunk.isEmpty {
            association.sides[receiver].obligations.append(
                Obligation(
                    kind: .abortForEmptyData(tsn: chunk.tsn), rule: Self.emptyAborted, packet: context.number,
                    time: context.view.time,
                    expectation: "an ABORT with the No User Data cause for the empty \(chunk.name) TSN \(chunk.tsn)",
                    needsLaterPacket: !context.configuration.packetOrderIsCausal))
        }
        StreamRules.judgeInbound(chunk, context, &association)
    }

    /// FORWARD TSN or I-FORWARD-TSN (RFC 3758, RFC 8260): the sender gives up on TSNs through
    /// `cumulative`; the receiver moves its cumulative point.
    static func onForwardTSN(_ cumulative: UInt32, _ context: PacketContext, _ association: inout AssociationState) {
        association.sides[context.sender].send.abandoned(through: cumulative)
        if context.receiverProcesses {
            association.sides[context.receiver].receive.skip(through: cumulative)
        }
    }

    /// TSNs jumped over and never seen since, nor acknowledged by the peer: never sent.
    static func judgeSkippedTSNs(_ association: inout AssociationState, sink: inout FindingSink) {
        for side in 0..<2 {
            for gap in association.sides[side].send.gaps {
                let range = gap.first == gap.last ? "TSN \(gap.first) was" : "TSNs \(gap.first)-\(gap.last) were"
                sink.report(
                    Self.tsnSequence, "\(range) skipped: never sent, nor acknowledged by the peer",
                    by: association.sides[side].endpoint, packet: gap.packet, time: gap.time,
                    association: association.id)
            }
            association.sides[side].send.gaps.removeAll()
        }
    }
}
