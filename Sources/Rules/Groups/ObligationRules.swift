import SCTPWire

/// Bookkeeping for what endpoints still owe (see `Obligation`), and the rule behind each reason
/// to discard.
enum ObligationRules {
    /// The rule broken by acting on content discarded for `reason`.
    static func rule(for reason: DiscardReason) -> RuleDescriptor {
        switch reason {
        case .checksum: PacketFormatRules.checksumDiscard
        case .verificationTag: VerificationTagRules.mismatchDiscard
        case .invalidCookie: CookieRules.invalidEchoIgnored
        case .stoppedByUnknownChunk: UnrecognizedRules.chunkStop
        }
    }

    /// Removes the sender's obligations that `chunk` fulfils.
    static func discharge(_ chunk: Chunk, sender: Int, _ association: inout AssociationState) {
        guard !association.sides[sender].obligations.isEmpty else { return }
        switch chunk.type {
        case .error, .abort:
            association.sides[sender].obligations.removeAll { $0.isDischarged(by: chunk) }
        default:
            break
        }
    }

    /// Counts a packet sent by `sender` for the obligations created before it.
    static func countPacket(sender: Int, number: Int, _ association: inout AssociationState) {
        guard !association.sides[sender].obligations.isEmpty else { return }
        for index in association.sides[sender].obligations.indices
        where association.sides[sender].obligations[index].packet < number {
            association.sides[sender].obligations[index].packetsSentSince += 1
        }
    }

    /// Judges every obligation still open (the association ended, restarted, or the run is over).
    static func judgeAll(_ association: inout AssociationState, sink: inout FindingSink) {
        for side in 0..<2 {
            let endpoint = association.sides[side].endpoint
            for obligation in association.sides[side].obligations
            where !obligation.needsLaterPacket || obligation.packetsSentSince > 0 {
                let after =
                    obligation.packetsSentSince == 0
                    ? "nothing was sent after it" : "\(obligation.packetsSentSince) packet(s) followed without one"
                sink.report(
                    obligation.rule, "expected \(obligation.expectation) after packet #\(obligation.packet); \(after)",
                    by: endpoint, packet: obligation.packet, time: obligation.time, association: association.id)
            }
            association.sides[side].obligations.removeAll()
        }
    }
}
