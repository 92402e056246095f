/// The peer's packet that closed an endpoint, and the state the endpoint was in before.
struct PeerClosure: Sendable {
    var packet: Int
    var time: UInt64
    var previousState: EndpointState
}

/// Packets in flight (offline): a capture point sees a packet on its way to an endpoint before the
/// endpoint does, so a packet the endpoint sent soon after may have left before it knew. What it
/// knew is judged from the round trip the capture shows towards it (`SideState.answerDelay`: the
/// shortest time between a packet to it and its answer). A packet from it captured less than that
/// after the packet that closed it (an ABORT or SHUTDOWN COMPLETE) left before the closing packet
/// arrived: it is judged against the state it was in then (RFC 9260 §9.1, §9.2 for what it may send).
enum InFlight {
    /// Notes what `view` asks its receiver to answer, and measures the sender's answer delay when it
    /// answers (INIT → INIT ACK → COOKIE ECHO → COOKIE ACK, HEARTBEAT → HEARTBEAT ACK, SHUTDOWN →
    /// SHUTDOWN ACK → SHUTDOWN COMPLETE).
    static func note(_ type: ChunkTypeAnswer, _ context: PacketContext, _ association: inout AssociationState) {
        let time = context.view.time
        if type.answers, let asked = association.sides[context.sender].lastRequestTime, asked <= time {
            let delay = time - asked
            let known = association.sides[context.sender].answerDelay
            association.sides[context.sender].answerDelay = known.map { min($0, delay) } ?? delay
            association.sides[context.sender].lastRequestTime = nil
        }
        if type.asks {
            association.sides[context.receiver].lastRequestTime = time
        }
    }

    /// The receiver of `context`'s packet closes because of it (when it was open).
    static func noteClosure(_ context: PacketContext, _ association: inout AssociationState) {
        let previous = association.sides[context.receiver].state
        guard previous != .closed else { return }
        association.sides[context.receiver].closedByPeer = PeerClosure(
            packet: context.number, time: context.view.time, previousState: previous)
    }

    /// The state `sender` was in when it sent a packet captured at `time`, if it differs from the
    /// tracked one because the packet left before the one that closed it arrived (offline only).
    static func stateWhenSent(_ side: SideState, at time: UInt64, configuration: RuleConfiguration) -> EndpointState? {
        guard !configuration.packetOrderIsCausal, side.state == .closed, let closure = side.closedByPeer,
            let roundTrip = side.answerDelay, time >= closure.time, time - closure.time < roundTrip
        else { return nil }
        return closure.previousState
    }
}

/// Whether a chunk asks its receiver for an answer, answers the sender's last request, or both.
struct ChunkTypeAnswer {
    var asks: Bool
    var answers: Bool
}
