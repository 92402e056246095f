import SCTPWire

/// HEARTBEAT and HEARTBEAT ACK (RFC 9260 §3.3.5, §3.3.6, §8.3): a HEARTBEAT carries Heartbeat Info,
/// and its ACK returns what the HEARTBEAT carried, unchanged.
enum HeartbeatRules {
    static let infoPresent = RuleDescriptor(
        "heartbeat.info-present", family: .heartbeat, sections: [.sctp("3.3.5")], severity: .must,
        statement: "A HEARTBEAT carries a Heartbeat Info parameter.")
    static let ackEchoesInfo = RuleDescriptor(
        "heartbeat.ack-echoes-info", family: .heartbeat, sections: [.sctp("3.3.6"), .sctp("8.3")], severity: .must,
        statement: "A HEARTBEAT ACK returns, unchanged, the parameters of a HEARTBEAT its sender received.")

    static let rules = [infoPresent, ackEchoesInfo]

    static func onHeartbeat(
        _ chunk: HeartbeatChunk, _ context: PacketContext, _ association: inout AssociationState,
        sink: inout FindingSink
    ) {
        let hasInfo = chunk.parameters.contains {
            if case .heartbeatInfo = $0 { return true }
            return false
        }
        if !hasInfo {
            sink.report(Self.infoPresent, "HEARTBEAT without a Heartbeat Info parameter", context)
        }
        let receiver = context.receiver
        if let info = Self.info(chunk.parameters) { association.sides[receiver].lastHeartbeatInfoSeen = info }
        guard association.sides[receiver].state.hasAssociation || association.origin == .joinedMidway else { return }
        if context.receiverProcesses {
            association.sides[receiver].remember(
                ReceivedHeartbeat(parameters: chunk.parameters, packet: context.number, discard: nil))
        } else if let reason = context.discard {
            association.sides[receiver].remember(
                ReceivedHeartbeat(parameters: chunk.parameters, packet: context.number, discard: reason))
        }
    }

    /// The Heartbeat Information of a HEARTBEAT's parameters, if it has one.
    static func info(_ parameters: [Parameter]) -> [UInt8]? {
        for parameter in parameters {
            if case .heartbeatInfo(let info) = parameter { return info.info }
        }
        return nil
    }

    static func onHeartbeatAck(
        _ chunk: HeartbeatAckChunk, _ context: PacketContext, _ association: AssociationState,
        sink: inout FindingSink
    ) {
        guard association.sawSetup else { return }
        let received = association.sides[context.sender].heartbeats.filter { $0.parameters == chunk.parameters }
        if received.contains(where: { $0.discard == nil }) { return }
        if let discarded = received.last, let reason = discarded.discard {
            sink.report(
                ObligationRules.rule(for: reason),
                "HEARTBEAT ACK answers the HEARTBEAT of packet #\(discarded.packet), which had to be discarded: "
                    + reason.explanation, context, related: [discarded.packet])
            return
        }
        let latest = association.sides[context.sender].heartbeats.last { $0.discard == nil }
        let detail = latest.map { " (the last HEARTBEAT received was packet #\($0.packet))" } ?? " (none was received)"
        sink.report(
            Self.ackEchoesInfo, "HEARTBEAT ACK whose parameters match no HEARTBEAT received\(detail)", context,
            related: latest.map { [$0.packet] } ?? [])
    }
}
