import SCTPWire

/// INIT and INIT ACK: fields that must not be zero, the State Cookie, what a receiver does with an
/// invalid INIT, and the INIT ACK of an INIT collision (RFC 9260 §3.3.2, §3.3.3, §5.2.1).
enum InitiationRules {
    static let initiateTagNonzero = RuleDescriptor(
        "init.initiate-tag-nonzero", family: .initiation, sections: [.sctp("3.3.2"), .sctp("3.3.3")],
        severity: .must, statement: "INIT and INIT ACK carry a non-zero Initiate Tag.")
    static let streamsNonzero = RuleDescriptor(
        "init.streams-nonzero", family: .initiation, sections: [.sctp("3.3.2"), .sctp("3.3.3")], severity: .must,
        statement: "INIT and INIT ACK announce at least one outbound and one inbound stream (OS and MIS not 0).")
    static let invalidNotAccepted = RuleDescriptor(
        "init.invalid-not-accepted", family: .initiation, sections: [.sctp("3.3.2"), .sctp("3.3.3")],
        severity: .must,
        statement: "An INIT whose OS or MIS is 0 gets no INIT ACK; an INIT ACK whose Initiate Tag, OS or MIS "
            + "is 0 gets no COOKIE ECHO.")
    static let zeroTagDiscarded = RuleDescriptor(
        "init.zero-tag-discarded", family: .initiation, sections: [.sctp("3.3.2")], severity: .must,
        statement: "An INIT whose Initiate Tag is 0 is discarded silently: it gets neither INIT ACK nor ABORT.")
    static let invalidAborted = RuleDescriptor(
        "init.invalid-aborted", family: .initiation, sections: [.sctp("3.3.2")], severity: .should,
        statement: "An INIT whose OS or MIS is 0 is answered with an ABORT carrying its Initiate Tag.")
    static let stateCookie = RuleDescriptor(
        "init.state-cookie", family: .initiation, sections: [.sctp("3.3.3")], severity: .must,
        statement: "An INIT ACK carries a State Cookie parameter.")
    static let collisionSameParameters = RuleDescriptor(
        "init.collision-same-parameters", family: .initiation, sections: [.sctp("5.2.1")], severity: .must,
        statement: "An endpoint answering an INIT in COOKIE-WAIT or COOKIE-ECHOED repeats its own INIT's "
            + "Initiate Tag, Initial TSN and stream counts in its INIT ACK.")

    static let rules = [
        initiateTagNonzero, streamsNonzero, invalidNotAccepted, zeroTagDiscarded, invalidAborted, stateCookie,
        collisionSameParameters,
    ]

    /// A packet with tag 0 from the receiver of a zero-tag INIT can only answer that INIT (no tag is
    /// 0, and a reflected 0 comes from the INIT): an INIT ACK or an ABORT breaks the silence required.
    static func judgeZeroTagReply(_ context: PacketContext, _ association: AssociationState, sink: inout FindingSink) {
        guard context.tag == 0, let first = context.view.firstChunkType, first == .initiationAck || first == .abort,
            let received = association.sides[context.sender].lastInitReceived, received.proposal.tag == 0
        else { return }
        sink.report(
            Self.zeroTagDiscarded,
            "\(PacketFormatRules.name(first)) answers the INIT of packet #\(received.proposal.packet), whose Initiate "
                + "Tag 0 requires silent discard",
            context, related: [received.proposal.packet])
    }

    static func onInit(
        _ chunk: InitChunk, _ context: PacketContext, _ association: inout AssociationState, sink: inout FindingSink
    ) {
        let proposal = InitiationProposal(chunk, packet: context.number)
        Self.judgeFields(proposal, name: "INIT", section: .sctp("3.3.2"), context, sink: &sink)
        let sender = context.sender
        association.sides[sender].remember(proposal)
        switch association.sides[sender].state {
        case .closed, .cookieEchoed, .established, .shutdownSent, .shutdownReceived, .shutdownAckSent:
            association.sides[sender].state = .cookieWait
        case .cookieWait:
            break
        }
        guard context.receiverProcesses else { return }
        let receiver = context.receiver
        association.sides[receiver].lastInitReceived = ReceivedInit(
            proposal: proposal, parametersToReport: UnrecognizedRules.parametersToReport(chunk.parameters))
        if proposal.tag != 0, proposal.outboundStreams == 0 || proposal.inboundStreams == 0 {
            association.sides[receiver].obligations.append(
                Obligation(
                    kind: .abortInvalidInit(initiateTag: proposal.tag), rule: Self.invalidAborted,
                    packet: context.number, time: context.view.time,
                    expectation: "an ABORT answering the INIT with OS \(proposal.outboundStreams) and MIS "
                        + "\(proposal.inboundStreams)",
                    needsLaterPacket: false))
        }
    }

    static func onInitAck(
        _ chunk: InitAckChunk, _ context: PacketContext, _ association: inout AssociationState, sink: inout FindingSink
    ) {
        let proposal = InitiationProposal(chunk, answering: context.tag, packet: context.number)
        Self.judgeFields(proposal, name: "INIT ACK", section: .sctp("3.3.3"), context, sink: &sink)
        if proposal.cookie == nil {
            sink.report(Self.stateCookie, "INIT ACK without a State Cookie parameter", context)
        }
        let responder = association.sides[context.sender]
        if let received = responder.lastInitReceived, received.proposal.tag == context.tag {
            if received.proposal.tag != 0, received.proposal.hasZeroMandatoryField {
                sink.report(
                    Self.invalidNotAccepted,
                    "INIT ACK answers the INIT of packet #\(received.proposal.packet), whose "
                        + Self.zeroFields(received.proposal) + " must make it discard that INIT",
                    context, related: [received.proposal.packet])
            }
            UnrecognizedRules.judgeInitAckReports(chunk, received, context, sink: &sink)
        }
        if responder.state == .cookieWait || responder.state == .cookieEchoed, let own = responder.latestInit {
            var differences: [String] = []
            if own.tag != proposal.tag {
                differences.append("Initiate Tag \(RuleText.hex(proposal.tag)) instead of \(RuleText.hex(own.tag))")
            }
            if own.initialTSN != proposal.initialTSN {
                differences.append("Initial TSN \(proposal.initialTSN) instead of \(own.initialTSN)")
            }
            if own.outboundStreams != proposal.outboundStreams || own.inboundStreams != proposal.inboundStreams {
                differences.append(
                    "streams \(proposal.outboundStreams)/\(proposal.inboundStreams) instead of "
                        + "\(own.outboundStreams)/\(own.inboundStreams)")
            }
            if !differences.isEmpty {
                sink.report(
                    Self.collisionSameParameters,
                    "INIT ACK sent in \(responder.state) differs from its INIT of packet #\(own.packet): "
                        + differences.joined(separator: ", "),
                    context, related: [own.packet])
            }
        }
        association.sides[context.sender].remember(proposal)
        guard context.receiverProcesses else { return }
        let initiator = context.receiver
        if proposal.hasZeroMandatoryField {
            association.sides[initiator].invalidInitAcks[proposal.tag] = context.number
        }
        let toReport = UnrecognizedRules.parametersToReport(chunk.parameters)
        if !toReport.isEmpty {
            association.sides[initiator].initAckParametersToReport[proposal.tag] = toReport
        }
    }

    /// The fields an INIT (RFC 9260 §3.3.2) or an INIT ACK (§3.3.3) must not leave zero; findings
    /// cite the chunk's own `section`.
    private static func judgeFields(
        _ proposal: InitiationProposal, name: String, section: RFCSection, _ context: PacketContext,
        sink: inout FindingSink
    ) {
        if proposal.tag == 0 {
            sink.report(Self.initiateTagNonzero.citing(section), "\(name) with Initiate Tag 0", context)
        }
        if proposal.outboundStreams == 0 || proposal.inboundStreams == 0 {
            sink.report(
                Self.streamsNonzero.citing(section),
                "\(name) with OS \(proposal.outboundStreams) and MIS \(proposal.inboundStreams)", context)
        }
    }

    /// `Initiate Tag 0` / `OS 0` / `MIS 0`, joined.
    static func zeroFields(_ proposal: InitiationProposal) -> String {
        var fields: [String] = []
        if proposal.tag == 0 { fields.append("Initiate Tag 0") }
        if proposal.outboundStreams == 0 { fields.append("OS 0") }
        if proposal.inboundStreams == 0 { fields.append("MIS 0") }
        return fields.joined(separator: " and ")
    }
}
