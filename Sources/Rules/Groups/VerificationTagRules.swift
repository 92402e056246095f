import SCTPWire

/// Verification tags and the T bit (RFC 9260 §8.5, §8.5.1): every packet carries the tag its
/// receiver announced, except INIT (tag 0), COOKIE ECHO (the tag of the INIT ACK it answers, which
/// the receiver announced too) and ABORT or SHUTDOWN COMPLETE with the T bit, which reflect.
enum VerificationTagRules {
    static let peerTag = RuleDescriptor(
        "vtag.peer-tag", family: .vtag, sections: [.sctp("8.5"), .sctp("8.5.1")], severity: .must,
        statement: "A packet carries the verification tag its receiver announced in its INIT or INIT ACK, "
            + "apart from the exceptions of §8.5.1.")
    static let initZero = RuleDescriptor(
        "vtag.init-zero", family: .vtag, sections: [.sctp("8.5.1")], severity: .must,
        statement: "A packet with an INIT carries verification tag 0.")
    static let tBit = RuleDescriptor(
        "vtag.t-bit", family: .vtag, sections: [.sctp("8.5.1"), .sctp("3.3.7"), .sctp("3.3.13")],
        severity: .must,
        statement: "ABORT and SHUTDOWN COMPLETE set the T bit only when they reflect a tag: the sender has no "
            + "association knowing the peer's tag, and the tag is its own or the one it received.")
    static let mismatchDiscard = RuleDescriptor(
        "vtag.mismatch-discard", family: .vtag, sections: [.sctp("8.5")], severity: .must,
        statement: "A packet whose verification tag the receiver did not announce is discarded: nothing in it "
            + "is acknowledged, answered or acted on.")

    static let rules = [peerTag, initZero, tBit, mismatchDiscard]

    /// The ABORT or SHUTDOWN COMPLETE of the packet that has its T bit set, if any.
    static func reflectingChunk(_ view: PacketView) -> Chunk? {
        view.otherChunks.first {
            switch $0 {
            case .abort(let abort): abort.flags.contains(.tBit)
            case .shutdownComplete(let complete): complete.flags.contains(.tBit)
            default: false
            }
        }
    }

    /// Judges the tag the sender put on the packet; learns the receiver's tag when the capture began
    /// after the handshake.
    static func judgeSender(_ context: PacketContext, _ association: inout AssociationState, sink: inout FindingSink) {
        let view = context.view
        guard let first = view.firstChunkType else { return }
        let tag = context.tag
        if view.contains(.initiation) {
            if tag != 0 {
                sink.report(Self.initZero, "INIT packet with verification tag \(RuleText.hex(tag))", context)
            }
            return
        }
        if view.hasReflectingChunk, let reflecting = Self.reflectingChunk(view) {
            Self.judgeReflection(reflecting, context, association, sink: &sink)
            return
        }
        let receiver = context.receiver
        if association.side(receiver, accepts: tag) { return }
        if first == .cookieEcho, association.sides[receiver].offers.contains(where: { $0.tag == tag }) { return }
        // An ABORT answering an INIT that did not decode may carry its Initiate Tag (§8.4 rule 3).
        if first == .abort, association.sides[receiver].undecodedInitiateTags.contains(tag) { return }
        if association.origin == .joinedMidway, association.sides[receiver].tag == nil,
            association.sides[receiver].proposals.isEmpty
        {
            association.sides[receiver].tag = tag
            return
        }
        let receiverEndpoint = association.sides[receiver].endpoint
        let expected: String
        if let known = association.sides[receiver].tag {
            expected = "\(receiverEndpoint) uses \(RuleText.hex(known))"
        } else if let announced = association.sides[receiver].proposals.last {
            expected = "\(receiverEndpoint) announced \(RuleText.hex(announced.tag)) in packet #\(announced.packet)"
        } else {
            expected = "\(receiverEndpoint) has announced no tag to \(association.sides[context.sender].endpoint)"
        }
        let what = first == .cookieEcho ? "COOKIE ECHO" : view.chunkSummary
        sink.report(Self.peerTag, "\(what) with verification tag \(RuleText.hex(tag)); \(expected)", context)
    }

    private static func judgeReflection(
        _ chunk: Chunk, _ context: PacketContext, _ association: AssociationState, sink: inout FindingSink
    ) {
        let sender = association.sides[context.sender]
        let receiver = association.sides[context.receiver]
        let name = PacketFormatRules.name(chunk.type)
        let tag = context.tag
        if association.origin != .joinedMidway {
            let mayReflect: Bool
            switch sender.state {
            case .closed, .cookieWait: mayReflect = true
            case .cookieEchoed: mayReflect = chunk.type == .shutdownComplete
            case .established, .shutdownSent, .shutdownReceived, .shutdownAckSent: mayReflect = false
            }
            if !mayReflect, let peerTag = receiver.tag {
                sink.report(
                    Self.tBit,
                    "\(name) with the T bit from \(sender.endpoint) in \(sender.state), which knows the peer's tag "
                        + "\(RuleText.hex(peerTag)) and must use it with the T bit clear",
                    context)
                return
            }
        }
        if !sender.accepts(tag: tag), !sender.recentInboundTags.contains(tag) {
            sink.report(
                Self.tBit,
                "\(name) with the T bit reflects tag \(RuleText.hex(tag)), which is neither the sender's own tag nor "
                    + "one it received",
                context)
        }
    }

    /// Why the receiver must discard the packet for its checksum or tag, nil when it may process it.
    /// A COOKIE ECHO packet's tag is judged against the cookie (RFC 9260 §5.1.5), not here.
    static func discardReason(_ context: PacketContext, _ association: AssociationState) -> DiscardReason? {
        let view = context.view
        switch view.checksum {
        case .correct: break
        case .zero: if !association.side(context.receiver, acceptsZeroChecksumWith: context.tag) { return .checksum }
        case .incorrect, nil: return .checksum
        }
        return Self.tagDiscardReason(context, association)
    }

    /// Why the receiver must discard the packet for its tag, nil when it may process it (its
    /// checksum aside).
    static func tagDiscardReason(_ context: PacketContext, _ association: AssociationState) -> DiscardReason? {
        let view = context.view
        guard let first = view.firstChunkType else { return nil }
        let tag = context.tag
        if tag == 0, first != .initiation || view.chunkCount > 1 {
            return .verificationTag(tag)
        }
        switch first {
        case .initiation, .cookieEcho: return nil
        default: break
        }
        if view.hasReflectingChunk {
            let accepted = association.side(context.sender, accepts: tag) || association.origin == .joinedMidway
            return accepted ? nil : .verificationTag(tag)
        }
        return association.side(context.receiver, accepts: tag) ? nil : .verificationTag(tag)
    }
}
