import SCTPWire

/// Stream counts (RFC 9260 §5.1.1, §6.5): an endpoint sends on at most min(its OS, the peer's MIS)
/// streams, and reports DATA on a stream it does not have.
enum StreamRules {
    static let withinNegotiated = RuleDescriptor(
        "streams.within-negotiated", family: .streams, sections: [.sctp("5.1.1"), .sctp("6.5")], severity: .must,
        statement: "DATA and I-DATA use stream identifiers below min(the sender's OS, the receiver's MIS).")
    static let invalidReported = RuleDescriptor(
        "streams.invalid-reported", family: .streams, sections: [.sctp("6.5")], severity: .must,
        statement: "DATA on a stream the receiver does not have is answered with an ERROR carrying Invalid "
            + "Stream Identifier for that stream.")

    static let rules = [withinNegotiated, invalidReported]

    static func judgeOutbound(
        _ chunk: DataChunkSummary, _ context: PacketContext, _ association: AssociationState, sink: inout FindingSink
    ) {
        guard !association.streamCountsUncertain,
            let limit = association.sides[context.sender].outboundStreams, chunk.streamID >= limit
        else { return }
        sink.report(
            Self.withinNegotiated,
            "\(chunk.name) TSN \(chunk.tsn) on stream \(chunk.streamID); the association has \(limit) outbound "
                + "streams from \(association.sides[context.sender].endpoint)",
            context)
    }

    /// The receiver must report DATA on a stream beyond the negotiated count.
    static func judgeInbound(_ chunk: DataChunkSummary, _ context: PacketContext, _ association: inout AssociationState)
    {
        guard !association.streamCountsUncertain,
            let limit = association.sides[context.sender].outboundStreams, chunk.streamID >= limit
        else { return }
        let receiver = context.receiver
        let already = association.sides[receiver].obligations.contains {
            $0.kind == .reportInvalidStream(chunk.streamID)
        }
        guard !already else { return }
        association.sides[receiver].obligations.append(
            Obligation(
                kind: .reportInvalidStream(chunk.streamID), rule: Self.invalidReported, packet: context.number,
                time: context.view.time,
                expectation: "an ERROR with Invalid Stream Identifier for stream \(chunk.streamID)",
                needsLaterPacket: true))
    }

    /// Streams added by RE-CONFIG (RFC 6525 §5.2.5, §5.2.6) change the counts; they are not followed.
    static func onReConfig(_ chunk: ReConfigChunk, _ association: inout AssociationState) {
        let addsStreams = chunk.parameters.contains {
            switch $0 {
            case .addOutgoingStreamsRequest, .addIncomingStreamsRequest: true
            default: false
            }
        }
        if addsStreams {
            association.streamCountsUncertain = true
        }
    }
}
