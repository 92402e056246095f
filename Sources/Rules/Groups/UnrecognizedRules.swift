import SCTPWire

/// Chunks and parameters the receiver does not know (RFC 9260 §3.2, §3.2.1, §3.2.2): their two
/// high type bits say whether to stop or skip, and whether to report. A type counts as unknown to
/// the receiver when no RFC registers it (the codec has no typed form for it).
enum UnrecognizedRules {
    static let chunkReported = RuleDescriptor(
        "unrecognized.chunk-reported", family: .unrecognized, sections: [.sctp("3.2")], severity: .must,
        statement: "An unknown chunk whose type's high bits ask for a report (01, 11) is reported in an ERROR "
            + "with Unrecognized Chunk Type.")
    static let chunkStop = RuleDescriptor(
        "unrecognized.chunk-stop", family: .unrecognized, sections: [.sctp("3.2")], severity: .must,
        statement: "After an unknown chunk whose type's high bits say stop (00, 01) the rest of the packet is "
            + "discarded: none of it is acknowledged or answered.")
    static let initParameterReported = RuleDescriptor(
        "unrecognized.init-parameter-reported", family: .unrecognized,
        sections: [.sctp("3.2.2"), .sctp("3.2.1")], severity: .must,
        statement: "Unknown INIT parameters whose type's high bits ask for a report come back in Unrecognized "
            + "Parameter parameters of the INIT ACK.")
    static let initAckParameterReported = RuleDescriptor(
        "unrecognized.init-ack-parameter-reported", family: .unrecognized,
        sections: [.sctp("3.2.2"), .sctp("3.2.1")], severity: .should,
        statement: "Unknown INIT ACK parameters whose type's high bits ask for a report come back in an ERROR "
            + "with Unrecognized Parameters, bundled with the COOKIE ECHO.")

    static let rules = [chunkReported, chunkStop, initParameterReported, initAckParameterReported]

    /// Unknown parameter types to report, in order, up to the first whose bits say stop.
    static func parametersToReport(_ parameters: [Parameter]) -> [UInt16] {
        var types: [UInt16] = []
        for parameter in parameters {
            guard case .unknown(let unknown) = parameter else { continue }
            let action = unknown.action
            if action.reportsToSender { types.append(unknown.type) }
            if !action.continuesProcessing { break }
        }
        return types
    }

    static func judgeInitAckReports(
        _ chunk: InitAckChunk, _ received: ReceivedInit, _ context: PacketContext, sink: inout FindingSink
    ) {
        guard !received.parametersToReport.isEmpty else { return }
        let reported: [[UInt8]] = chunk.parameters.compactMap {
            if case .unrecognizedParameter(let report) = $0 { return report.reportedBytes }
            return nil
        }
        let missing = received.parametersToReport.filter { type in
            !reported.contains { $0.count >= 2 && UInt16($0[0]) << 8 | UInt16($0[1]) == type }
        }
        guard !missing.isEmpty else { return }
        sink.report(
            Self.initParameterReported,
            "INIT ACK does not report parameter type(s) " + missing.map(RuleText.hex16).joined(separator: ", ")
                + " of the INIT of packet #\(received.proposal.packet)",
            context, related: [received.proposal.packet])
    }

    /// The sender of a COOKIE ECHO owes a report of the INIT ACK's unknown parameters.
    static func onCookieEcho(tag: UInt32, _ context: PacketContext, _ association: inout AssociationState) {
        let sender = context.sender
        guard let types = association.sides[sender].initAckParametersToReport.removeValue(forKey: tag) else { return }
        association.sides[sender].obligations.append(
            Obligation(
                kind: .reportUnrecognizedParameters(types: types), rule: Self.initAckParameterReported,
                packet: context.number, time: context.view.time,
                expectation: "an ERROR with Unrecognized Parameters for type(s) "
                    + types.map(RuleText.hex16).joined(separator: ", ") + " of the INIT ACK",
                needsLaterPacket: false))
    }

    static func onUnknownChunk(
        _ chunk: UnknownChunk, _ context: inout PacketContext, _ association: inout AssociationState
    ) {
        guard context.receiverProcesses else { return }
        let receiver = context.receiver
        guard association.sides[receiver].state.hasAssociation || association.origin == .joinedMidway else { return }
        let action = chunk.action
        if action.reportsToSender {
            association.sides[receiver].obligations.append(
                Obligation(
                    kind: .reportUnrecognizedChunk(type: chunk.type), rule: Self.chunkReported,
                    packet: context.number, time: context.view.time,
                    expectation: "an ERROR with Unrecognized Chunk Type for chunk type \(RuleText.hex8(chunk.type))",
                    needsLaterPacket: true))
        }
        if !action.continuesProcessing {
            context.discard = .stoppedByUnknownChunk(chunk.type)
        }
    }
}
