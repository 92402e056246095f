import SCTPWire

/// One endpoint of an association, as the packets it sent and received show it.
struct SideState: Sendable {
    // The fields every DATA or SACK packet reads come first, so that they share a few cache lines
    // (a capture interleaves thousands of associations); the handshake's and the cold ones follow.
    var state: EndpointState
    /// The verification tag the peer must use, once settled by a handshake (or learned from
    /// traffic when the capture began mid-association).
    var tag: UInt32?
    /// Verification tags of the last packets received (a reflected tag is one of these).
    var recentInboundTags = RecentTags()
    /// Initiate Tags of INITs this endpoint sent that did not decode but whose tag could be read
    /// (a chunk length cutting the fixed part short): an ABORT answering one may carry it
    /// (RFC 9260 §8.4 rule 3; `PacketProcessor.noteUndecodedChunk`).
    var undecodedInitiateTags = RecentTags()
    /// Streams this endpoint may send on (min of its OS and the peer's MIS), once known.
    var outboundStreams: UInt16?
    var packetsSent = 0
    /// Packets sent whose checksum is wrong, or zero without the receiver accepting that (RFC 9653).
    var packetsWithWrongChecksum = 0
    /// The receiver window this endpoint last advertised (a_rwnd of its INIT, INIT ACK or SACK).
    var advertisedWindow: UInt32?
    var shutdownSentAt: Int?
    /// The first SHUTDOWN received in an acceptable packet.
    var shutdownReceivedAt: Int?
    var shutdownAckSentAt: Int?
    /// The last out-of-the-blue packet received, until this endpoint's next packet.
    var lastOutOfTheBlue: OutOfTheBlueReceipt?
    /// DATA that followed an unknown chunk of a "skip" type, which this endpoint must take in.
    var dataAfterSkippedChunk: DataAfterSkippedChunk?
    var obligations: [Obligation] = []
    /// DATA this endpoint sent.
    var send = SendLedger()
    /// DATA this endpoint received from its peer.
    var receive = ReceiveLedger()
    var endpoint: TransportEndpoint
    /// What the endpoint announced in its INIT or INIT ACK that became the association.
    var committed: InitiationProposal?
    /// INITs and INIT ACKs sent and not (yet) part of the association, newest last.
    var proposals: [InitiationProposal] = []
    /// Every INIT ACK sent (cookies offered), newest last, kept after the association settles so
    /// that a late COOKIE ECHO is recognised as one.
    var offers: [InitiationProposal] = []
    /// HEARTBEATs received from the peer, newest last.
    var heartbeats: [ReceivedHeartbeat] = []
    /// The Heartbeat Information of the newest HEARTBEAT that reached this endpoint, association or
    /// not (what a HEARTBEAT ACK from it would echo; `TrackedSide.lastHeartbeatInfo`).
    var lastHeartbeatInfoSeen: [UInt8]?
    /// The last INIT received, for judging the INIT ACK that answers it.
    var lastInitReceived: ReceivedInit?
    /// INIT ACKs received that carried a zero tag or stream count, by Initiate Tag.
    var invalidInitAcks: [UInt32: Int] = [:]
    /// Unknown parameters of received INIT ACKs that ask to be reported, by Initiate Tag.
    var initAckParametersToReport: [UInt32: [UInt16]] = [:]
    /// The last COOKIE ECHO received and what it was worth.
    var lastEcho: ReceivedEcho?
    /// The COOKIE ECHO packet that established the association on this side.
    var establishedByEcho: Int?
    /// A SHUTDOWN received only in a packet that had to be discarded.
    var discardedShutdown: DiscardedContent?
    /// The first SHUTDOWN ACK received in an acceptable packet while holding an association.
    var shutdownAckReceivedAt: Int?
    /// The last SHUTDOWN ACK received in any packet (out of the blue included).
    var shutdownAckSeenAt: Int?
    /// Offline: this endpoint's checksums, once one was not acceptable and it had sent no
    /// acceptable one before (`ChecksumOffload`). Held out of line: rare, and large.
    var checksumStanding: ChecksumStanding? {
        get { self.checksumStandingStorage.first }
        set { self.checksumStandingStorage = newValue.map { [$0] } ?? [] }
    }
    private var checksumStandingStorage: [ChecksumStanding] = []
    /// The shortest time the capture saw between a packet to this endpoint and its answer: a round
    /// trip from the capture point (`InFlight`), once measured.
    var answerDelay: UInt64?
    /// When this endpoint last received something it answers, for measuring `answerDelay`.
    var lastRequestTime: UInt64?
    /// The peer's packet that closed this endpoint (an ABORT or SHUTDOWN COMPLETE it received).
    var closedByPeer: PeerClosure?
    init(endpoint: TransportEndpoint, state: EndpointState) {
        self.endpoint = endpoint
        self.state = state
    }

    /// Tags a packet to this endpoint may carry: the settled one and those announced since.
    func accepts(tag: UInt32) -> Bool {
        if self.tag == tag { return true }
        return self.proposals.contains { $0.tag == tag }
    }

    /// Whether the endpoint announced Zero Checksum Acceptable under `tag` (RFC 9653).
    func acceptsZeroChecksum(tag: UInt32) -> Bool {
        if self.tag == tag, let committed = self.committed { return committed.acceptsZeroChecksum }
        return self.proposals.contains { $0.tag == tag && $0.acceptsZeroChecksum }
    }

    /// The newest INIT this endpoint sent and has not seen settled.
    var latestInit: InitiationProposal? {
        self.proposals.last { !$0.isAcknowledgement }
    }

    mutating func noteInbound(tag: UInt32) {
        self.recentInboundTags.note(tag)
    }

    mutating func remember(_ proposal: InitiationProposal) {
        if self.proposals.count == 16 { self.proposals.removeFirst() }
        self.proposals.append(proposal)
        if proposal.isAcknowledgement {
            if self.offers.count == 16 { self.offers.removeFirst() }
            self.offers.append(proposal)
        }
    }

    mutating func remember(_ heartbeat: ReceivedHeartbeat) {
        if self.heartbeats.count == 32 { self.heartbeats.removeFirst() }
        self.heartbeats.append(heartbeat)
    }
}

/// A HEARTBEAT as its receiver got it.
struct ReceivedHeartbeat: Sendable {
    var parameters: [Parameter]
    var packet: Int
    /// Why the receiver had to discard it, nil when it could answer.
    var discard: DiscardReason?
}

/// An INIT as its receiver got it.
struct ReceivedInit: Sendable {
    var proposal: InitiationProposal
    /// Unknown parameter types the INIT ACK must report (RFC 9260 §3.2.1, §3.2.2).
    var parametersToReport: [UInt16]
}

/// A COOKIE ECHO as its receiver got it.
struct ReceivedEcho: Sendable {
    var packet: Int
    /// The offer it matched, nil when it matched none.
    var offer: InitiationProposal?
    /// Why it cannot establish anything, nil when it can.
    var rejection: String?
    /// The receiver answered it with a Stale Cookie error.
    var declaredStale = false
}

/// What an out-of-the-blue packet was, for judging the reply (RFC 9260 §8.4).
enum OutOfTheBlueKind: Sendable {
    /// Carries ABORT: no reply at all (item 2).
    case abort
    /// Carries SHUTDOWN COMPLETE, COOKIE ACK or a Stale Cookie ERROR: discarded silently (items 6, 7).
    case silent(String)
    /// Anything else: an ABORT (or SHUTDOWN COMPLETE for SHUTDOWN ACK) with the T bit may follow.
    case answerable
}

struct OutOfTheBlueReceipt: Sendable {
    var packet: Int
    var tag: UInt32
    var kind: OutOfTheBlueKind
}

/// A DATA chunk that came after an unknown chunk whose type says skip (RFC 9260 §3.2), at a moment
/// its receiver had no reason to drop it: its TSN was the next in sequence, nothing was outstanding,
/// its stream exists and the receiver's window had room.
struct DataAfterSkippedChunk: Hashable, Sendable {
    var tsn: UInt32
    var packet: Int
    var unknownType: UInt8
    /// The sender's highest TSN when it arrived: a SACK covering a later TSN was built after it.
    var senderHighest: UInt32?
}
