import SCTPWire

/// Selective acknowledgements (RFC 9260 §3.3.4, §6.2): the cumulative point never moves back and
/// never covers unsent TSNs, gap blocks are well formed, duplicates are reported, and nothing
/// received in a discarded packet is acknowledged.
enum SACKRules {
    static let cumulativeAckMonotonic = RuleDescriptor(
        "sack.cum-ack-monotonic", family: .sack, sections: [.sctp("6.2"), .sctp("3.3.4")], severity: .must,
        statement: "The Cumulative TSN Ack an endpoint reports never moves backwards.")
    static let acksOnlySent = RuleDescriptor(
        "sack.acks-only-sent", family: .sack, sections: [.sctp("6.2")], severity: .must,
        statement: "A SACK acknowledges, cumulatively or in gap blocks, only TSNs the peer has sent.")
    static let gapBlocks = RuleDescriptor(
        "sack.gap-blocks", family: .sack, sections: [.sctp("3.3.4")], severity: .should,
        statement: "Gap blocks lie beyond the cumulative point with a gap before each, start no later than they "
            + "end, and come in increasing order without overlapping.")
    static let duplicatesReported = RuleDescriptor(
        "sack.duplicates-reported", family: .sack, sections: [.sctp("6.2"), .sctp("3.3.4")], severity: .should,
        statement: "A TSN received again is listed among the Duplicate TSNs of the receiver's next SACK.")
    static let duplicatesGenuine = RuleDescriptor(
        "sack.duplicates-genuine", family: .sack, sections: [.sctp("3.3.4")], severity: .suspicious,
        statement: "A TSN listed as duplicate was received before.")

    static let rules = [cumulativeAckMonotonic, acksOnlySent, gapBlocks, duplicatesReported, duplicatesGenuine]

    static func onSACK(
        cumulative: UInt32, gaps: [GapAckBlock], duplicates: [UInt32], _ context: PacketContext,
        _ association: inout AssociationState, sink: inout FindingSink
    ) {
        let acker = context.sender
        let dataSender = context.receiver
        Self.judgeGapBlocks(gaps, context, sink: &sink)
        var regressed = false
        if let last = association.sides[acker].receive.lastReportedCumulativeAck, Serial.lessThan(cumulative, last) {
            regressed = true
            let lastPacket = association.sides[acker].receive.lastReportedPacket
            let whereFrom = lastPacket.map { " (packet #\($0))" } ?? ""
            sink.report(
                Self.cumulativeAckMonotonic,
                "Cumulative TSN Ack \(cumulative) is behind \(last), acknowledged before\(whereFrom)", context,
                related: lastPacket.map { [$0] } ?? [])
        }
        let sentHighest = association.sides[dataSender].send.highest
        if let highest = sentHighest ?? association.sides[dataSender].send.initialTSN.map({ $0 &- 1 }) {
            let highestCovered = gaps.reduce(cumulative) { covered, block in
                block.start <= block.end ? Serial.max(covered, cumulative &+ UInt32(block.end)) : covered
            }
            if Serial.lessThan(highest, highestCovered) {
                let what = highestCovered == cumulative ? "Cumulative TSN Ack" : "gap blocks reach"
                let sentText = sentHighest.map { "up to TSN \($0)" } ?? "no DATA"
                sink.report(
                    Self.acksOnlySent, "\(what) \(highestCovered), but the peer has sent \(sentText)", context)
            }
        }
        Self.judgeDiscardedCoverage(cumulative: cumulative, gaps: gaps, context, &association, sink: &sink)
        UnrecognizedRules.judgeSkippedChunkData(cumulative: cumulative, gaps: gaps, context, &association, sink: &sink)
        Self.judgeDuplicates(
            cumulative: cumulative, gaps: gaps, duplicates: duplicates, context, &association, sink: &sink)
        if !regressed {
            association.sides[acker].receive.lastReportedCumulativeAck = cumulative
            association.sides[acker].receive.lastReportedPacket = context.number
        }
        if context.receiverProcesses, !regressed {
            association.sides[dataSender].send.peerAcknowledged(through: cumulative)
        }
    }

    private static func judgeGapBlocks(_ gaps: [GapAckBlock], _ context: PacketContext, sink: inout FindingSink) {
        var previousEnd: UInt16 = 0
        for (index, block) in gaps.enumerated() {
            let problem: String?
            if block.start > block.end {
                problem = "starts at offset \(block.start) after its end \(block.end)"
            } else if index == 0, block.start < 2 {
                problem = "starts at offset \(block.start), leaving no gap after the cumulative point"
            } else if index > 0, Int(block.start) <= Int(previousEnd) + 1 {
                problem = "starts at offset \(block.start), not past the previous block's end \(previousEnd) plus a gap"
            } else {
                problem = nil
            }
            if let problem {
                sink.report(Self.gapBlocks, "gap block \(index + 1) \(problem)", context)
                return
            }
            previousEnd = block.end
        }
    }

    /// Whether `tsn` is covered by the cumulative point or one of the gap blocks.
    static func covers(_ tsn: UInt32, cumulative: UInt32, gaps: [GapAckBlock]) -> Bool {
        if Serial.lessThanOrEqual(tsn, cumulative) { return true }
        let offset = tsn &- cumulative
        guard offset <= UInt32(UInt16.max) else { return false }
        return gaps.contains { UInt32($0.start) <= offset && offset <= UInt32($0.end) }
    }

    /// The sender acknowledges TSNs it only received in packets it had to discard.
    static func judgeDiscardedCoverage(
        cumulative: UInt32, gaps: [GapAckBlock], _ context: PacketContext, _ association: inout AssociationState,
        sink: inout FindingSink
    ) {
        let acker = context.sender
        guard !association.sides[acker].receive.discarded.isEmpty else { return }
        let covered = association.sides[acker].receive.discarded
            .filter { Self.covers($0.key, cumulative: cumulative, gaps: gaps) }
            .sorted { Serial.lessThan($0.key, $1.key) }
        for (tsn, content) in covered {
            association.sides[acker].receive.discarded.removeValue(forKey: tsn)
            sink.report(
                ObligationRules.rule(for: content.reason),
                "acknowledges TSN \(tsn) of packet #\(content.packet), which had to be discarded: "
                    + content.reason.explanation, context, related: [content.packet])
        }
    }

    private static func judgeDuplicates(
        cumulative: UInt32, gaps: [GapAckBlock], duplicates: [UInt32], _ context: PacketContext,
        _ association: inout AssociationState, sink: inout FindingSink
    ) {
        let acker = context.sender
        if association.sawSetup {
            for tsn in duplicates where !association.sides[acker].receive.contains(tsn) {
                sink.report(Self.duplicatesGenuine, "Duplicate TSN \(tsn) was never received", context)
            }
        }
        guard !association.sides[acker].receive.pendingDuplicates.isEmpty else { return }
        let pending = association.sides[acker].receive.pendingDuplicates
        var remaining: [DuplicateReceipt] = []
        let highestCovered = gaps.reduce(cumulative) { covered, block in
            block.start <= block.end ? Serial.max(covered, cumulative &+ UInt32(block.end)) : covered
        }
        for receipt in pending {
            if duplicates.contains(receipt.tsn) { continue }
            let builtAfterArrival =
                context.configuration.packetOrderIsCausal
                || receipt.senderHighest.map { Serial.lessThan($0, highestCovered) } ?? false
            if builtAfterArrival {
                sink.report(
                    Self.duplicatesReported,
                    "TSN \(receipt.tsn), received again in packet #\(receipt.packet), is not among the Duplicate TSNs",
                    context, related: [receipt.packet])
            } else {
                remaining.append(receipt)
            }
        }
        association.sides[acker].receive.pendingDuplicates = remaining
    }
}
