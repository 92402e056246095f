/// What the rules' tracker knows of one side of an association (RFC 9260 §5, §6.2, §8.3): its state,
/// the tag its peer must use, what it announced in its newest INIT or INIT ACK, the cookie it offered,
/// the window it advertised, how far it received its peer's DATA and what its peer acknowledged of its
/// own, and the newest HEARTBEAT that reached it. Built on demand (`LiveRuleChecker.trackedSides`): the
/// harness's association model learns what the SUT said from it, so the tracker is the one model of
/// the association a run keeps.
public struct TrackedSide: Hashable, Sendable {
    public var endpoint: TransportEndpoint
    public var state: EndpointState
    /// The verification tag the peer must use (this side's Initiate Tag), once settled.
    public var tag: UInt32?
    /// The Initial TSN of the INIT or INIT ACK that became the association.
    public var initialTSN: UInt32?
    /// Streams this side may send on: min of its OS and its peer's MIS, once known.
    public var outboundStreams: UInt16?
    /// The highest TSN received from the peer with every TSN before it, once known.
    public var cumulativeTSNReceived: UInt32?
    /// TSNs received from the peer above `cumulativeTSNReceived`, ascending in serial order.
    public var tsnsReceivedAbove: [UInt32]
    /// The newest INIT or INIT ACK this side sent (the one that became the association, or a later
    /// one: a restart, a collision): what it announced there.
    public var announced: Announcement?
    /// The State Cookie of the newest INIT ACK this side sent.
    public var offeredCookie: [UInt8]?
    /// The receiver window this side last advertised (a_rwnd of its INIT, INIT ACK or SACK).
    public var advertisedWindow: UInt32?
    /// The Cumulative TSN Ack its peer last sent for this side's DATA (SACK or SHUTDOWN).
    public var acknowledgedByPeer: UInt32?
    /// The Heartbeat Information of the newest HEARTBEAT that reached this side (association or not).
    public var lastHeartbeatInfo: [UInt8]?

    /// What an INIT or INIT ACK announced (RFC 9260 §3.3.2, §3.3.3).
    public struct Announcement: Hashable, Sendable {
        public var tag: UInt32
        public var initialTSN: UInt32
        public var outboundStreams: UInt16
        public var inboundStreams: UInt16
        /// The packet that carried it.
        public var packet: Int
    }

    init(_ side: borrowing SideState) {
        self.endpoint = side.endpoint
        self.state = side.state
        self.tag = side.tag
        self.initialTSN = side.committed?.initialTSN
        self.outboundStreams = side.outboundStreams
        self.cumulativeTSNReceived = side.receive.cumulative
        self.tsnsReceivedAbove = side.receive.above
        var newest = side.committed
        if let proposal = side.proposals.last, newest.map({ $0.packet < proposal.packet }) ?? true { newest = proposal }
        self.announced = newest.map {
            Announcement(
                tag: $0.tag, initialTSN: $0.initialTSN, outboundStreams: $0.outboundStreams,
                inboundStreams: $0.inboundStreams, packet: $0.packet)
        }
        self.offeredCookie = side.offers.last?.cookie
        self.advertisedWindow = side.advertisedWindow
        self.acknowledgedByPeer = side.send.peerCumulativeAck
        self.lastHeartbeatInfo = side.lastHeartbeatInfoSeen
    }
}
