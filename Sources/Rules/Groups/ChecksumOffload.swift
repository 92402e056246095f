import SCTPWire

/// Checksums in captures (RFC 9260 §6.8; RFC 2960 Appendix B). A host that offloads checksums to its
/// network card hands the capture its packets before the card fills the checksum in: zero, or a
/// stale value. An RFC 2960 stack (before 2002) sends Adler-32. Either way every packet of that
/// endpoint looks as if its peer had to discard it, while the peer's answers show it took them in.
///
/// Offline only: an endpoint that has not yet sent a packet with an acceptable checksum is a
/// suspect, and its packets are judged as received. When the peer answers one of them (an INIT ACK
/// for its INIT, a COOKIE ACK for its COOKIE ECHO, a SACK for its DATA, ...) the endpoint is
/// classified: one finding for it (SUSPICIOUS for offload, which is no fault of the stack; MUST for
/// Adler-32, which is), and its packets stay judged as received. When it sends an acceptable
/// checksum first, or the association ends unanswered, the checksums were its own: one MUST finding
/// at its first such packet, and its later packets are judged one by one again.
package enum ChecksumOffload {
    /// Ends the message of a finding that classifies an endpoint's checksums.
    static let classificationMarker = "so its packets are judged as received"

    /// Whether `finding` classifies an endpoint's checksums (reported once per endpoint).
    package static func isClassification(_ finding: Finding) -> Bool {
        (finding.ruleID == PacketFormatRules.checksum.id || finding.ruleID == PacketFormatRules.zeroChecksum.id)
            && finding.message.contains(Self.classificationMarker)
    }

    /// Whether the receiver of `view` would have to discard it for its checksum.
    static func receiverRejectsChecksum(
        _ view: PacketView, receiver: Int, _ association: AssociationState
    ) -> Bool {
        switch view.checksum {
        case .correct: false
        case .zero: !association.side(receiver, acceptsZeroChecksumWith: view.verificationTag)
        case .incorrect, nil: true
        }
    }

    /// Whether `view`, whose checksum its receiver would reject, is judged as received: offline, from
    /// a suspect or classified endpoint, or from one whose every packet so far had such a checksum.
    static func holds(
        _ view: PacketView, sender: Int, _ association: AssociationState, configuration: RuleConfiguration
    ) -> Bool {
        guard !configuration.observesFromStart, !view.hasCorrectChecksum,
            Self.receiverRejectsChecksum(view, receiver: 1 - sender, association)
        else { return false }
        return association.sides.withUnsafeBufferPointer { sides in
            sides[sender].checksumStanding != nil || sides[sender].packetsWithWrongChecksum == sides[sender].packetsSent
        }
    }

    /// Notes a packet judged as received despite its checksum.
    static func hold(_ context: PacketContext, _ association: inout AssociationState) {
        let sender = context.sender
        if association.sides[sender].checksumStanding == nil {
            association.sides[sender].checksumStanding = Self.standing(of: context, association)
            association.watchesChecksums = true
        }
        association.sides[sender].checksumStanding?.heldPackets += 1
        if association.sides[sender].checksumStanding?.answeredBy == nil {
            association.sides[sender].checksumStanding?.awaiting.formUnion(AnswerableChunks(requestsIn: context.view))
        }
    }

    /// Settles what `context`'s packet shows about suspect endpoints: an acceptable checksum from one
    /// (its earlier ones were its own), an answer from the peer of one (it was received).
    static func watch(
        _ context: PacketContext, held: Bool, _ association: inout AssociationState, sink: inout FindingSink
    ) {
        let sender = context.sender
        let receiver = context.receiver
        if !held, let standing = association.sides[sender].checksumStanding, standing.answeredBy == nil {
            Self.reportOwnFault(standing, side: sender, association, sink: &sink)
            association.sides[sender].checksumStanding = nil
        }
        if let standing = association.sides[receiver].checksumStanding, standing.answeredBy == nil,
            let answer = standing.awaiting.answer(in: context.view)
        {
            association.sides[receiver].checksumStanding?.answeredBy = context.number
            Self.reportClassified(standing, side: receiver, answer: answer, context, association, sink: &sink)
        }
        Self.updateWatch(&association)
    }

    /// The association ends or the capture does: a suspect never answered sent those checksums itself.
    static func settle(_ association: inout AssociationState, sink: inout FindingSink) {
        for side in 0..<2 {
            guard let standing = association.sides[side].checksumStanding, standing.answeredBy == nil else { continue }
            Self.reportOwnFault(standing, side: side, association, sink: &sink)
            association.sides[side].checksumStanding = nil
        }
        Self.updateWatch(&association)
    }

    private static func updateWatch(_ association: inout AssociationState) {
        association.watchesChecksums = association.sides.contains {
            $0.checksumStanding != nil && $0.checksumStanding?.answeredBy == nil
        }
    }

    private static func standing(of context: PacketContext, _ association: AssociationState) -> ChecksumStanding {
        let view = context.view
        let receiver = association.sides[context.receiver].endpoint
        let kind: ChecksumStanding.Kind
        let rule: RuleDescriptor
        let message: String
        switch view.checksum {
        case .zero:
            kind = .zero
            rule = PacketFormatRules.zeroChecksum
            message =
                view.contains(.initiation)
                ? "zero checksum on a packet with an INIT"
                : "zero checksum, but \(receiver) did not announce Zero Checksum Acceptable for tag "
                    + RuleText.hex(context.tag)
        case .incorrect(let found, let expected):
            kind = RFC2960Checksum.matches(view.bytes) ? .adler32 : .wrong
            rule = PacketFormatRules.checksum
            message = PacketFormatRules.checksumMessage(found: found, expected: expected, adler32: kind == .adler32)
        case .correct, nil:
            kind = .wrong
            rule = PacketFormatRules.checksum
            message = "checksum not verifiable"
        }
        return ChecksumStanding(
            kind: kind, firstPacket: view.number, firstTime: view.time, rule: rule, message: message)
    }

    private static func reportOwnFault(
        _ standing: ChecksumStanding, side: Int, _ association: AssociationState, sink: inout FindingSink
    ) {
        let later = standing.heldPackets - 1
        let more = later > 0 ? " (and on \(later) later packet(s), none answered)" : ""
        sink.report(
            standing.rule, standing.message + more, by: association.sides[side].endpoint, packet: standing.firstPacket,
            time: standing.firstTime, association: association.id)
    }

    private static func reportClassified(
        _ standing: ChecksumStanding, side: Int, answer: String, _ context: PacketContext,
        _ association: AssociationState, sink: inout FindingSink
    ) {
        let endpoint = association.sides[side].endpoint
        let answered = "its peer answered them (\(answer) in packet #\(context.number))"
        let message: String
        let severity: RuleSeverity
        switch standing.kind {
        case .adler32:
            severity = .must
            message =
                standing.message + ": \(endpoint) uses RFC 2960's Adler-32, not the CRC32c of RFC 3309 (2002) "
                + "that RFC 9260 §6.8 requires; \(answered), " + Self.classificationMarker
        case .zero, .wrong:
            severity = .suspicious
            let what = standing.kind == .zero ? "zero checksums" : "wrong (stale) checksums"
            message =
                "\(endpoint) sends \(what) (\(standing.message), first in packet #\(standing.firstPacket)) yet "
                + "\(answered): the capture was taken on its host before the network card filled them in "
                + "(checksum offload), " + Self.classificationMarker + "; not a fault of the stack "
                + "(check again with --checksums ignore)"
        }
        sink.report(
            standing.rule, message, by: endpoint, packet: standing.firstPacket, time: standing.firstTime,
            association: association.id, related: [context.number], severity: severity)
    }
}
