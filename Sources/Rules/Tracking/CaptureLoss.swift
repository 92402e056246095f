import SCTPWire

/// Why a capture evidently misses packets of an association.
package struct CaptureLossEvidence: Hashable, Sendable {
    var packet: Int
    var reason: String
}

/// Capture loss (offline): a capture taken with a filter, a sparse excerpt, or a capture point that
/// dropped packets misses some of an association's packets. Once that shows (the peer acknowledged
/// TSNs no captured DATA carried; a silence far longer than an idle association keeps, whose paths
/// are heartbeaten every HB.interval plus RTO, RFC 9260 §8.3), the findings a missing packet alone
/// could bring (an unknown tag, a state the missed packets would have changed, TSNs or
/// acknowledgements the missed packets would explain) are SUSPICIOUS, with the reason, not MUST.
/// Both endpoints exchanging data with no completed handshake in the capture is evidence too.
/// Applied to the whole association once the capture has been read (`marking`).
package enum CaptureLoss {
    /// Rules whose findings a missing packet of the association can bring by itself.
    static let explainable: Set<String> = [
        "vtag.peer-tag", "vtag.mismatch-discard", "vtag.t-bit",
        "handshake.no-tcb-chunks", "handshake.setup-chunks",
        "cookie.echo-matches-offer", "cookie.invalid-echo-ignored",
        "sack.acks-only-sent", "data.tsn-sequence",
        "shutdown.only-when-acknowledged", "shutdown.ack-when-nothing-outstanding", "shutdown.complete-after-ack",
        "shutdown.cum-tsn-ack", "heartbeat.ack-echoes-info", "packet.checksum-discard", "ootb.abort-not-answered",
    ]

    /// A silence longer than this within an association (nanoseconds): twice the default
    /// HB.interval (30 s) plus RTO.Max (60 s).
    static let silence: UInt64 = 180_000_000_000

    /// Notes a silence before `context`'s packet, when long enough to be evidence.
    static func noteSilence(
        since last: UInt64, _ time: UInt64, _ packet: Int, _ association: inout AssociationState
    ) {
        guard time > last, time - last > Self.silence, association.captureLoss == nil else { return }
        association.captureLoss = CaptureLossEvidence(
            packet: packet,
            reason: "nothing of the association was captured for \((time - last) / 1_000_000_000) s before packet "
                + "#\(packet), though an association heartbeats its idle paths")
    }

    /// Notes DATA or SACK from an endpoint the capture shows without an association. When both
    /// endpoints do so, they exchange data as an established association does: the capture misses
    /// their handshake's packets (a stack that sent data without an association would find its peer
    /// answering with an ABORT, RFC 9260 §8.4, not a SACK).
    static func noteTrafficWithoutHandshake(
        _ type: ChunkType, _ context: PacketContext, _ association: inout AssociationState
    ) {
        guard association.captureLoss == nil,
            type == .data || type == .iData || type == .sack || type == .nrSack
        else { return }
        association.trafficWithoutHandshake |= 1 << UInt8(context.sender)
        guard association.trafficWithoutHandshake == 3 else { return }
        association.captureLoss = CaptureLossEvidence(
            packet: context.number,
            reason: "both endpoints exchange DATA and SACKs although the capture shows no completed handshake "
                + "(seen at packet #\(context.number))")
    }

    /// The evidence of the association, from its own record or its senders' ledgers.
    static func evidence(of association: AssociationState) -> CaptureLossEvidence? {
        if let evidence = association.captureLoss { return evidence }
        for side in 0..<2 {
            if let gap = association.sides[side].send.acknowledgedUnseen {
                let range = gap.first == gap.last ? "TSN \(gap.first)" : "TSNs \(gap.first)-\(gap.last)"
                return CaptureLossEvidence(
                    packet: gap.packet,
                    reason: "\(association.sides[1 - side].endpoint) acknowledged \(range), which no captured DATA "
                        + "carried (seen missing at packet #\(gap.packet))")
            }
        }
        return nil
    }

    /// `findings` with those of associations that miss packets made SUSPICIOUS when a missing packet
    /// could explain them.
    package static func marking(_ findings: [Finding], evidence: [Int: CaptureLossEvidence]) -> [Finding] {
        guard !evidence.isEmpty else { return findings }
        return findings.map { finding in
            guard finding.severity == .must, let id = finding.associationID, let lost = evidence[id],
                Self.explainable.contains(finding.ruleID)
            else { return finding }
            var marked = finding
            marked.severity = .suspicious
            marked.message += " (SUSPICIOUS, not MUST: the capture misses packets of this association: "
                + lost.reason + ")"
            return marked
        }
    }
}
