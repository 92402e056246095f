import Rules
import SCTPWire
import Scenario

/// The harness's view of the association with the SUT. It supplies the defaults of `send` steps (tags,
/// TSNs, the cookie to echo, what a SACK acknowledges) and the harness variables (`$peer_tag`,
/// `$our_next_tsn`, ...).
///
/// "our" is the harness, "peer" is the SUT. What the SUT said (its tag, Initial TSN, streams, window,
/// cookie, the DATA the harness received, what it acknowledged, its HEARTBEAT) and the association's
/// state come from the one model of the association there is, the rules' tracker, which sees every
/// packet of the run (`learn(harness:sut:)`, called by the session after each packet); nothing here
/// reads the SUT's packets. What the harness itself announced and sent (its tag and TSNs, stream
/// sequence numbers, the cookie it offered) is kept here as the harness sends (`observeSent`), so a
/// copy of the model can also follow packets that were never sent (the fuzzer's generator).
/// Nothing here judges the SUT (RFC 9260 §5, §6.2, §8.5).
public struct AssociationModel: Hashable, Sendable {
    /// RFC 9260 §4 states, as far as the harness can tell them from the wire: the rules' association
    /// tracker's states (`EndpointState`), one vocabulary for both.
    public typealias State = EndpointState

    public var ourPort: UInt16
    public var peerPort: UInt16
    public var state = State.closed

    /// The initiate tag the harness puts in its next INIT or INIT ACK (drawn from the seed) until one is sent.
    public var ourTag: UInt32
    /// Whether `ourTag` has been announced to the SUT (the SUT must then use it, RFC 9260 §8.5).
    public var ourTagAnnounced = false
    public var ourInitialTSN: UInt32
    public var ourNextTSN: UInt32
    public var ourOutboundStreams: UInt16 = 10
    public var ourInboundStreams: UInt16 = 65535
    public var ourWindow: UInt32 = 106_496
    /// Next stream sequence number per outbound stream (ordered DATA).
    public var nextStreamSequence: [UInt16: UInt16] = [:]

    public var peerTag: UInt32?
    public var peerInitialTSN: UInt32?
    public var peerOutboundStreams: UInt16?
    public var peerInboundStreams: UInt16?
    public var peerWindow: UInt32?
    /// Highest TSN received from the SUT with all before it received (what a SACK acknowledges).
    public var peerCumulativeTSN: UInt32?
    /// TSNs received above `peerCumulativeTSN` (they become gap blocks).
    public var peerTSNsAboveCumulative: Set<UInt32> = []
    public var peerLastTSN: UInt32?
    /// Cumulative TSN ack of the SUT's last SACK or SHUTDOWN.
    public var acknowledgedByPeer: UInt32?
    /// State cookie of the last INIT ACK from the SUT.
    public var cookie: [UInt8]?
    /// State cookie of the last INIT ACK the harness sent (the SUT must echo it).
    public var ourCookie: [UInt8]?
    /// Heartbeat Info of the last HEARTBEAT from the SUT.
    public var heartbeatInfo: [UInt8]?
    /// The verification tag of the last packet the harness sent.
    public var lastSentTag: UInt32?

    public init(ourPort: UInt16, peerPort: UInt16, ourTag: UInt32, ourInitialTSN: UInt32) {
        self.ourPort = ourPort
        self.peerPort = peerPort
        self.ourTag = ourTag
        self.ourInitialTSN = ourInitialTSN
        self.ourNextTSN = ourInitialTSN
    }

    // MARK: Learning

    /// Learns from a packet the harness sent (chunks that decode; malformed ones are skipped): its own
    /// tag, TSNs, stream sequence numbers and offered cookie. The state it moves to is the harness's
    /// own expectation, for a copy that follows packets never sent (the fuzzer's generator, the
    /// builder's working copy); in a session, `learn(harness:sut:)` then sets the tracker's.
    ///
    /// An INIT or INIT ACK whose initiate tag is 0 announces nothing: the SUT must discard it
    /// (RFC 9260 §3.3.2, §3.3.3), so the harness keeps its tag and TSN for the next one.
    public mutating func observeSent(tag: UInt32, chunks: [Chunk]) {
        self.lastSentTag = tag
        for chunk in chunks {
            switch chunk {
            case .initiation(let initiation) where initiation.initiateTag == 0:
                continue
            case .initiationAck(let ack) where ack.initiateTag == 0:
                continue
            case .initiation(let initiation):
                self.learnOurs(
                    tag: initiation.initiateTag, tsn: initiation.initialTSN, outbound: initiation.outboundStreams,
                    inbound: initiation.inboundStreams, window: initiation.advertisedReceiverWindow)
                self.state = .cookieWait
            case .initiationAck(let ack):
                self.learnOurs(
                    tag: ack.initiateTag, tsn: ack.initialTSN, outbound: ack.outboundStreams,
                    inbound: ack.inboundStreams, window: ack.advertisedReceiverWindow)
                for parameter in ack.parameters {
                    if case .stateCookie(let cookie) = parameter { self.ourCookie = cookie.cookie }
                }
            case .cookieEcho:
                self.state = .cookieEchoed
            case .cookieAck:
                self.state = .established
            case .data(let data):
                if Serial.lessThanOrEqual(self.ourNextTSN, data.tsn &+ 1) {
                    self.ourNextTSN = data.tsn &+ 1
                }
                if !data.flags.contains(.unordered), data.flags.contains(.ending) {
                    self.nextStreamSequence[data.streamID] = data.streamSequence &+ 1
                }
            case .shutdown:
                self.state = .shutdownSent
            case .shutdownAck:
                self.state = .shutdownAckSent
            case .abort, .shutdownComplete:
                self.state = .closed
            default:
                continue
            }
        }
    }

    /// Takes what the rules' tracker knows of the association: the harness's side and the SUT's. A
    /// value the tracker does not know (a new record after the association ended, which has seen no
    /// INIT yet) keeps what was learnt before, as a harness remembers its last peer.
    public mutating func learn(harness: TrackedSide, sut: TrackedSide) {
        self.state = harness.state
        if let announced = sut.announced {
            self.peerTag = announced.tag
            self.peerInitialTSN = announced.initialTSN
            self.peerOutboundStreams = announced.outboundStreams
            self.peerInboundStreams = announced.inboundStreams
        } else if let tag = sut.tag {
            // Learnt from traffic (no INIT or INIT ACK of the SUT's was seen).
            self.peerTag = tag
        }
        if let window = sut.advertisedWindow { self.peerWindow = window }
        if let cookie = sut.offeredCookie { self.cookie = cookie }
        if let info = harness.lastHeartbeatInfo { self.heartbeatInfo = info }
        if let acknowledged = harness.acknowledgedByPeer { self.acknowledgedByPeer = acknowledged }
        if let cumulative = harness.cumulativeTSNReceived {
            self.peerCumulativeTSN = cumulative
            if harness.tsnsReceivedAbove.isEmpty {
                if !self.peerTSNsAboveCumulative.isEmpty { self.peerTSNsAboveCumulative = [] }
            } else {
                self.peerTSNsAboveCumulative = Set(harness.tsnsReceivedAbove)
            }
            self.peerLastTSN = harness.tsnsReceivedAbove.last ?? cumulative
        }
    }

    private mutating func learnOurs(tag: UInt32, tsn: UInt32, outbound: UInt16, inbound: UInt16, window: UInt32) {
        if !self.ourTagAnnounced || tsn != self.ourInitialTSN {
            self.ourNextTSN = tsn
            self.nextStreamSequence = [:]
        }
        self.ourTag = tag
        self.ourTagAnnounced = true
        self.ourInitialTSN = tsn
        self.ourOutboundStreams = outbound
        self.ourInboundStreams = inbound
        self.ourWindow = window
    }

    // MARK: Views

    /// Gap Ack Blocks for the TSNs received above the cumulative TSN (RFC 9260 §3.3.4), in order.
    public var gapBlocks: [GapAckBlock] {
        guard let cumulative = self.peerCumulativeTSN, !self.peerTSNsAboveCumulative.isEmpty else { return [] }
        let offsets = self.peerTSNsAboveCumulative.map { $0 &- cumulative }.filter { $0 <= 0xFFFF }.sorted()
        var blocks: [GapAckBlock] = []
        for offset in offsets {
            let value = UInt16(offset)
            if let last = blocks.last, last.end &+ 1 == value {
                blocks[blocks.count - 1].end = value
            } else {
                blocks.append(GapAckBlock(start: value, end: value))
            }
        }
        return blocks
    }
}
