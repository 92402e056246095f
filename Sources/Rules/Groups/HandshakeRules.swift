import SCTPWire

/// What an endpoint may send before its association exists (RFC 9260 §5.1, §8.5): without an
/// association it knows no peer tag, and between INIT and COOKIE ACK it only drives the setup.
enum HandshakeRules {
    static let noAssociationChunks = RuleDescriptor(
        "handshake.no-tcb-chunks", family: .handshake, sections: [.sctp("5.1"), .sctp("8.5"), .sctp("8.4")],
        severity: .must,
        statement: "An endpoint without an association sends only INIT, INIT ACK, COOKIE ECHO, COOKIE ACK, "
            + "ABORT, SHUTDOWN COMPLETE or ERROR; never DATA, SACK, HEARTBEAT or SHUTDOWN chunks.")
    static let setupChunks = RuleDescriptor(
        "handshake.setup-chunks", family: .handshake, sections: [.sctp("5.1")], severity: .must,
        statement: "Between its INIT and the COOKIE ACK an endpoint sends only INIT, INIT ACK answering an "
            + "INIT, COOKIE ECHO (with DATA or ERROR after it in the same packet), or ABORT.")

    static let rules = [noAssociationChunks, setupChunks]

    /// Judges whether the sender's state allows a chunk of `type` (the state before the chunk is
    /// handled).
    static func judge(
        _ type: ChunkType, _ context: PacketContext, _ association: AssociationState, sink: inout FindingSink
    ) {
        let state = association.sides[context.sender].state
        guard !state.isEstablishedOrShuttingDown, association.origin != .joinedMidway else { return }
        guard type.isKnown, type != .pad, type != .auth else { return }
        switch state {
        case .closed:
            switch type {
            case .initiation, .initiationAck, .cookieEcho, .cookieAck, .abort, .shutdownComplete, .error: return
            case .shutdownAck where association.sides[context.sender].shutdownAckSentAt != nil:
                // Its SHUTDOWN COMPLETE was lost after the capture point: it still waits for one.
                return
            default:
                sink.report(
                    Self.noAssociationChunks,
                    "\(PacketFormatRules.name(type)) from \(association.sides[context.sender].endpoint), "
                        + "which has no association",
                    context)
            }
        case .cookieWait, .cookieEchoed:
            if context.followsCookieEcho { return }
            switch type {
            case .initiation, .initiationAck, .cookieEcho, .abort, .shutdownComplete: return
            default:
                sink.report(
                    Self.setupChunks,
                    "\(PacketFormatRules.name(type)) from \(association.sides[context.sender].endpoint) in \(state), "
                        + "before its COOKIE ACK",
                    context)
            }
        case .established, .shutdownSent, .shutdownReceived, .shutdownAckSent:
            return
        }
    }
}
