import SCTPWire

/// Out-of-the-blue packets (RFC 9260 §8.4): packets an endpoint receives without an association
/// for them. Some must go unanswered; the others may get an ABORT or SHUTDOWN COMPLETE with the T
/// bit (judged by `vtag.t-bit`).
enum OutOfTheBlueRules {
    static let abortNotAnswered = RuleDescriptor(
        "ootb.abort-not-answered", family: .ootb, sections: [.sctp("8.4")], severity: .must,
        statement: "An out-of-the-blue ABORT gets no reply.")
    static let silentDiscard = RuleDescriptor(
        "ootb.silent-discard", family: .ootb, sections: [.sctp("8.4")], severity: .should,
        statement: "An out-of-the-blue SHUTDOWN COMPLETE, COOKIE ACK or Stale Cookie ERROR gets no reply.")

    static let rules = [abortNotAnswered, silentDiscard]

    /// Whether the receiver has no association for this packet. INIT and COOKIE ECHO are handled by
    /// the setup procedures; a SHUTDOWN ACK during setup counts as out of the blue (§8.5.1 E).
    static func isOutOfTheBlue(_ context: PacketContext, _ association: AssociationState) -> Bool {
        guard association.origin != .joinedMidway, let first = context.view.firstChunkType else { return false }
        if first == .initiation || context.view.contains(.cookieEcho) { return false }
        switch association.sides[context.receiver].state {
        case .closed: return true
        case .cookieWait, .cookieEchoed: return context.view.contains(.shutdownAck)
        case .established, .shutdownSent, .shutdownReceived, .shutdownAckSent: return false
        }
    }

    /// Remembers an out-of-the-blue packet at its receiver, to judge the receiver's next packet.
    static func noteReceipt(_ context: PacketContext, _ association: inout AssociationState) {
        let view = context.view
        let kind: OutOfTheBlueKind
        if view.contains(.abort) {
            kind = .abort
        } else if view.contains(.shutdownComplete) {
            kind = .silent("SHUTDOWN COMPLETE")
        } else if view.contains(.cookieAck) {
            kind = .silent("COOKIE ACK")
        } else if Self.carriesStaleCookieError(view) {
            kind = .silent("Stale Cookie ERROR")
        } else {
            kind = .answerable
        }
        association.sides[context.receiver].lastOutOfTheBlue =
            OutOfTheBlueReceipt(packet: view.number, tag: context.tag, kind: kind)
    }

    /// Judges whether the sender's packet answers an out-of-the-blue packet that must go unanswered.
    static func judgeReply(_ context: PacketContext, _ association: inout AssociationState, sink: inout FindingSink) {
        guard let receipt = association.sides[context.sender].lastOutOfTheBlue else { return }
        association.sides[context.sender].lastOutOfTheBlue = nil
        let view = context.view
        let isReply =
            context.tag == receipt.tag && (view.contains(.abort) || view.contains(.shutdownComplete))
        guard isReply else { return }
        switch receipt.kind {
        case .abort:
            sink.report(
                Self.abortNotAnswered,
                "\(view.chunkSummary) answers the out-of-the-blue ABORT of packet #\(receipt.packet)", context,
                related: [receipt.packet])
        case .silent(let what):
            sink.report(
                Self.silentDiscard,
                "\(view.chunkSummary) answers the out-of-the-blue \(what) of packet #\(receipt.packet)", context,
                related: [receipt.packet])
        case .answerable:
            break
        }
    }

    static func carriesStaleCookieError(_ view: PacketView) -> Bool {
        view.otherChunks.contains {
            guard case .error(let error) = $0 else { return false }
            return error.causes.contains { $0.causeCode == .staleCookieError }
        }
    }
}
