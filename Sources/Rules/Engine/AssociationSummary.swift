/// What the engine knows about one association: its endpoints, how it began, its packets, the
/// state each side reached, and its restarts and collisions.
public struct AssociationSummary: Hashable, Sendable {
    public var id: Int
    /// Side 0 sent the first packet (the initiator when the INIT was seen).
    public var endpoints: [TransportEndpoint]
    public var origin: AssociationOrigin
    public var firstPacket: Int
    public var lastPacket: Int
    public var packetCount: Int
    /// The state each side ended in (same order as `endpoints`).
    public var states: [EndpointState]
    /// The settled verification tags (same order), nil when never settled.
    public var tags: [UInt32?]
    /// Packets each side sent (same order).
    public var packetsSent: [Int]
    /// Packets each side sent with a wrong checksum, or a zero one its peer did not accept.
    public var packetsWithWrongChecksum: [Int]
    /// Whether each side's checksums were found to be RFC 2960's Adler-32 (`ChecksumOffload`).
    public var sendsAdler32: [Bool]
    /// COOKIE ECHO packets that restarted the association (RFC 9260 §5.2.4 A).
    public var restartPackets: [Int]
    /// COOKIE ECHO packets that settled an INIT collision (RFC 9260 §5.2.4 B).
    public var collisionPackets: [Int]

    init(_ association: AssociationState) {
        self.id = association.id
        self.endpoints = association.sides.map(\.endpoint)
        self.origin = association.origin
        self.firstPacket = association.firstPacket
        self.lastPacket = association.lastPacket
        self.packetCount = association.packetCount
        self.states = association.sides.map(\.state)
        self.tags = association.sides.map(\.tag)
        self.packetsSent = association.sides.map(\.packetsSent)
        self.packetsWithWrongChecksum = association.sides.map(\.packetsWithWrongChecksum)
        self.sendsAdler32 = association.sides.map { $0.checksumStanding?.kind == .adler32 }
        self.restartPackets = association.restartPackets
        self.collisionPackets = association.collisionPackets
    }

    /// `127.0.0.1:5001/udp9900 <-> 127.0.0.1:7/udp9899`.
    public var title: String {
        self.endpoints.map(\.description).joined(separator: " <-> ")
    }
}
