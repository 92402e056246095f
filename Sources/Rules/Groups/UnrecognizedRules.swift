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
    static let chunkSkip = RuleDescriptor(
        "unrecognized.chunk-skip", family: .unrecognized, sections: [.sctp("3.2")], severity: .must,
        statement: "After an unknown chunk whose type's high bits say skip (10, 11) the rest of the packet is "
            + "processed: DATA after it that the receiver had room for is acknowledged.")
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

    static let rules = [chunkReported, chunkStop, chunkSkip, initParameterReported, initAckParameterReported]

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
        } else if context.followsSkippedUnknownChunk == nil {
            context.followsSkippedUnknownChunk = chunk.type
        }
    }

    /// Whether the receiver of `chunk`, which follows a skipped unknown chunk, had no reason of its
    /// own to drop it (RFC 9260 §6.2, §6.5; RFC 4895): non-empty user data on an existing stream, its
    /// TSN the next in sequence with everything before it acknowledged, the last window advertised
    /// large enough for the whole packet, no authentication in play, and the association established.
    /// Only then must the DATA be acknowledged; called before the chunk is recorded as received.
    static func mustTakeIn(_ chunk: DataChunkSummary, _ context: PacketContext, _ association: AssociationState)
        -> Bool
    {
        guard context.followsSkippedUnknownChunk != nil, context.receiverProcesses, !chunk.isEmpty,
            !association.mayRequireAuthentication, !association.streamCountsUncertain
        else { return false }
        let receiver = association.sides[context.receiver]
        guard receiver.state == .established, receiver.dataAfterSkippedChunk == nil,
            let limit = association.sides[context.sender].outboundStreams, chunk.streamID < limit,
            let cumulative = receiver.receive.cumulative, cumulative &+ 1 == chunk.tsn, receiver.receive.above.isEmpty,
            receiver.receive.lastReportedCumulativeAck.map({ $0 == cumulative }) ?? true,
            let window = receiver.advertisedWindow, window >= UInt32(context.view.bytes.count)
        else { return false }
        return true
    }

    /// A SACK from an endpoint owing the acknowledgement of DATA after a skipped chunk: judged once
    /// it was certainly built after that DATA arrived (live: any later SACK; offline: one that
    /// covers a TSN sent after it).
    static func judgeSkippedChunkData(
        cumulative: UInt32, gaps: [GapAckBlock], _ context: PacketContext, _ association: inout AssociationState,
        sink: inout FindingSink
    ) {
        let acker = context.sender
        guard let receipt = association.sides[acker].dataAfterSkippedChunk else { return }
        if SACKRules.covers(receipt.tsn, cumulative: cumulative, gaps: gaps) {
            association.sides[acker].dataAfterSkippedChunk = nil
            return
        }
        let highestCovered = gaps.reduce(cumulative) { covered, block in
            block.start <= block.end ? Serial.max(covered, cumulative &+ UInt32(block.end)) : covered
        }
        let builtAfterArrival =
            context.configuration.packetOrderIsCausal
            || receipt.senderHighest.map { Serial.lessThan($0, highestCovered) } ?? false
        guard builtAfterArrival else { return }
        association.sides[acker].dataAfterSkippedChunk = nil
        sink.report(
            Self.chunkSkip,
            "SACK does not acknowledge TSN \(receipt.tsn) of packet #\(receipt.packet), which followed unknown chunk "
                + "type \(RuleText.hex8(receipt.unknownType)) (high bits: skip) and which the receiver had room for",
            context, related: [receipt.packet])
    }
}
