/// What the rules' tracker knows of one side of an association that the harness's association model
/// also knows (RFC 9260 §5, §6.2): its state, the tag its peer must use, its Initial TSN, the streams
/// it may send on, and how far it received its peer's DATA. Built on demand
/// (`LiveRuleChecker.trackedSides`), so that a live run can compare the two views of one association.
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

    init(_ side: SideState) {
        self.endpoint = side.endpoint
        self.state = side.state
        self.tag = side.tag
        self.initialTSN = side.committed?.initialTSN
        self.outboundStreams = side.outboundStreams
        self.cumulativeTSNReceived = side.receive.cumulative
    }
}
