/// How the checker came to know an association.
public enum AssociationOrigin: String, Hashable, Sendable, Codable {
    /// Its INIT was seen.
    case handshake
    /// The capture began after its setup: tags were learned from traffic, and rules that need the
    /// setup (cookies, stream counts, Initial TSNs) stay silent for it.
    case joinedMidway = "joined-midway"
    /// Packets between endpoints that had no association (RFC 9260 §8.4).
    case outOfTheBlue = "out-of-the-blue"
}

/// One association (or one out-of-the-blue exchange) between two endpoints.
struct AssociationState: Sendable {
    /// 1-based, in order of first packet.
    let id: Int
    /// Side 0 sent the first packet (the initiator when the INIT was seen).
    var sides: [SideState]
    /// The keys of the endpoints of sides 0 and 1 (`SideState.endpoint`), for finding a sender fast.
    let sideKeys: (EndpointKey, EndpointKey)
    /// Other addresses of each side (multi-homing), found through verification tags.
    var aliases: [(endpoint: TransportEndpoint, side: Int)] = []
    var origin: AssociationOrigin
    var firstPacket: Int
    var lastPacket: Int
    /// The time of the last packet (for `CaptureLoss.noteSilence`).
    var lastTime: UInt64 = 0
    var packetCount = 0
    /// COOKIE ECHO packets that restarted the association with new tags (RFC 9260 §5.2.4 A).
    var restartPackets: [Int] = []
    /// COOKIE ECHO packets that settled an INIT collision (RFC 9260 §5.2.4 B).
    var collisionPackets: [Int] = []
    /// Set once a RE-CONFIG adds streams (RFC 6525): stream limits are no longer checked.
    var streamCountsUncertain = false
    /// Set once an INIT or INIT ACK lists chunks to authenticate or an AUTH chunk is seen (RFC 4895):
    /// a receiver may then drop DATA that arrives without AUTH, so DATA is not required to be taken in.
    var mayRequireAuthentication = false
    /// Some side's checksums are under suspicion and not yet settled (`ChecksumOffload.watch`).
    var watchesChecksums = false
    /// Offline: why the capture evidently misses packets of this association (`CaptureLoss`), nil
    /// while nothing shows it.
    var captureLoss: CaptureLossEvidence?
    /// Sides (bit 0, bit 1) seen sending DATA or SACK without an association (`CaptureLoss`).
    var trafficWithoutHandshake: UInt8 = 0

    init(
        id: Int, first: TransportEndpoint, second: TransportEndpoint, firstKey: EndpointKey, secondKey: EndpointKey,
        origin: AssociationOrigin, packet: Int
    ) {
        self.id = id
        self.sideKeys = (firstKey, secondKey)
        let state: EndpointState = origin == .joinedMidway ? .established : .closed
        self.sides = [SideState(endpoint: first, state: state), SideState(endpoint: second, state: state)]
        self.origin = origin
        self.firstPacket = packet
        self.lastPacket = packet
    }

    /// The side `endpoint` (whose key is `key`) is, if it belongs to this association.
    func side(of key: EndpointKey, _ endpoint: TransportEndpoint) -> Int? {
        if self.sideKeys.0 == key { return 0 }
        if self.sideKeys.1 == key { return 1 }
        if self.aliases.isEmpty { return nil }
        return self.aliases.first { $0.endpoint == endpoint }?.side
    }

    /// Whether `side` accepts `tag` on a packet it receives (`SideState.accepts(tag:)`), asked in
    /// place: an array's getter would copy the whole side to call the method.
    func side(_ side: Int, accepts tag: UInt32) -> Bool {
        self.sides.withUnsafeBufferPointer { $0[side].accepts(tag: tag) }
    }

    /// Whether `side` announced Zero Checksum Acceptable under `tag`, asked in place.
    func side(_ side: Int, acceptsZeroChecksumWith tag: UInt32) -> Bool {
        self.sides.withUnsafeBufferPointer { $0[side].acceptsZeroChecksum(tag: tag) }
    }

    /// Both ends are closed: a new INIT between them starts a new association.
    /// Read in place: an array's getter would copy both sides.
    var isOver: Bool {
        self.sides.withUnsafeBufferPointer(Self.isOver(sides:))
    }

    /// Both of `sides` are closed, and one of them sent something.
    static func isOver(sides: UnsafeBufferPointer<SideState>) -> Bool {
        sides[0].state == .closed && sides[1].state == .closed
            && (sides[0].packetsSent > 0 || sides[1].packetsSent > 0)
    }

    /// Whether the setup was seen, so that Initial TSNs, stream counts and cookies are known.
    var sawSetup: Bool { self.origin == .handshake }
}

extension AssociationState {
    /// Whether a packet from `sender` after the association ended still belongs to it: it left its
    /// sender before the packet that closed it arrived (`InFlight`), it reflects one of the
    /// association's tags (a closed endpoint's answer to a packet under them, RFC 9260 §8.4), or it
    /// repeats a SHUTDOWN ACK whose SHUTDOWN COMPLETE was lost (§9.2).
    func stillBelongs(_ view: PacketView, sender: Int, configuration: RuleConfiguration) -> Bool {
        let side = self.sides[sender]
        if InFlight.stateWhenSent(side, at: view.time, configuration: configuration) != nil { return true }
        let tag = view.verificationTag
        if view.hasReflectingChunk, side.tag == tag || side.recentInboundTags.contains(tag) { return true }
        return view.firstChunkType == .shutdownAck && side.shutdownAckSentAt != nil
    }
}
