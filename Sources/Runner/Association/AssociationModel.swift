import Rules
import SCTPWire
import Scenario

/// The harness's view of the association with the SUT, updated from every packet in both directions.
/// It supplies the defaults of `send` steps (tags, TSNs, the cookie to echo, what a SACK acknowledges)
/// and the harness variables (`$peer_tag`, `$our_next_tsn`, ...).
///
/// "our" is the harness, "peer" is the SUT. Nothing here judges the SUT: that is the scenario's and
/// the rules' job; the model only remembers what was said (RFC 9260 §5, §6.2, §8.5).
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

    /// Learns from a packet the harness sent (chunks that decode; malformed ones are skipped).
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

    /// Learns from a packet the SUT sent.
    public mutating func observeReceived(chunks: [Chunk]) {
        for chunk in chunks {
            switch chunk {
            case .initiation(let initiation):
                self.learnPeer(
                    tag: initiation.initiateTag, tsn: initiation.initialTSN, outbound: initiation.outboundStreams,
                    inbound: initiation.inboundStreams, window: initiation.advertisedReceiverWindow)
            case .initiationAck(let ack):
                self.learnPeer(
                    tag: ack.initiateTag, tsn: ack.initialTSN, outbound: ack.outboundStreams,
                    inbound: ack.inboundStreams, window: ack.advertisedReceiverWindow)
                for parameter in ack.parameters {
                    if case .stateCookie(let cookie) = parameter { self.cookie = cookie.cookie }
                }
            case .cookieEcho:
                self.state = .established
            case .cookieAck:
                self.state = .established
            case .data(let data):
                self.receiveTSN(data.tsn)
            case .iData(let data):
                self.receiveTSN(data.tsn)
            case .sack(let sack):
                self.acknowledgedByPeer = sack.cumulativeTSNAck
            case .heartbeat(let heartbeat):
                for parameter in heartbeat.parameters {
                    if case .heartbeatInfo(let info) = parameter { self.heartbeatInfo = info.info }
                }
            case .shutdown(let shutdown):
                self.acknowledgedByPeer = shutdown.cumulativeTSNAck
                self.state = .shutdownReceived
            case .shutdownAck:
                self.state = .shutdownAckSent
            case .abort, .shutdownComplete:
                self.state = .closed
            default:
                continue
            }
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

    private mutating func learnPeer(tag: UInt32, tsn: UInt32, outbound: UInt16, inbound: UInt16, window: UInt32) {
        if self.peerInitialTSN != tsn || self.peerTag != tag {
            self.peerCumulativeTSN = tsn &- 1
            self.peerTSNsAboveCumulative = []
        }
        self.peerTag = tag
        self.peerInitialTSN = tsn
        self.peerOutboundStreams = outbound
        self.peerInboundStreams = inbound
        self.peerWindow = window
    }

    private mutating func receiveTSN(_ tsn: UInt32) {
        self.peerLastTSN = tsn
        guard var cumulative = self.peerCumulativeTSN else {
            self.peerCumulativeTSN = tsn
            return
        }
        guard Serial.lessThan(cumulative, tsn) else { return }
        self.peerTSNsAboveCumulative.insert(tsn)
        while self.peerTSNsAboveCumulative.remove(cumulative &+ 1) != nil {
            cumulative = cumulative &+ 1
        }
        self.peerCumulativeTSN = cumulative
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
