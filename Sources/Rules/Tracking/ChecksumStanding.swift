import SCTPWire

/// What a capture shows of an endpoint whose packets its peer would have to discard for their
/// checksum (RFC 9260 §6.8), while the checker cannot yet tell why: a broken stack, a capture
/// taken before the network card filled the checksums in (offload), or an RFC 2960 stack using
/// Adler-32. Its packets are judged as received until that is settled (`ChecksumOffload`).
struct ChecksumStanding: Sendable {
    enum Kind: Sendable {
        /// The field is zero.
        case zero
        /// The field holds RFC 2960's Adler-32 (`RFC2960Checksum`).
        case adler32
        /// The field holds something else (a stale or partial value).
        case wrong
    }

    var kind: Kind
    /// The first such packet, and the finding it brings when nothing explains it.
    var firstPacket: Int
    var firstTime: UInt64
    var rule: RuleDescriptor
    var message: String
    /// Packets judged as received so far although their checksum was not acceptable.
    var heldPackets = 0
    /// What those packets carried that the peer answers (`AnswerableChunks`).
    var awaiting = AnswerableChunks()
    /// The packet of the peer that answered one of them, once one did.
    var answeredBy: Int?
}

/// Chunks that call for an answer from their receiver, and the answers (RFC 9260 §5.1, §8.3,
/// §9.2, §6.2): an answer to a packet shows it was received.
struct AnswerableChunks: OptionSet, Sendable {
    let rawValue: UInt16

    static let initiation = AnswerableChunks(rawValue: 1 << 0)
    static let initiationAck = AnswerableChunks(rawValue: 1 << 1)
    static let cookieEcho = AnswerableChunks(rawValue: 1 << 2)
    static let data = AnswerableChunks(rawValue: 1 << 3)
    static let heartbeat = AnswerableChunks(rawValue: 1 << 4)
    static let shutdown = AnswerableChunks(rawValue: 1 << 5)
    static let shutdownAck = AnswerableChunks(rawValue: 1 << 6)

    /// What `view` carries that calls for an answer.
    init(requestsIn view: PacketView) {
        var set = AnswerableChunks()
        if view.contains(.initiation) { set.insert(.initiation) }
        if view.contains(.initiationAck) { set.insert(.initiationAck) }
        if view.contains(.cookieEcho) { set.insert(.cookieEcho) }
        if view.contains(.data) || view.contains(.iData) { set.insert(.data) }
        if view.contains(.heartbeat) { set.insert(.heartbeat) }
        if view.contains(.shutdown) { set.insert(.shutdown) }
        if view.contains(.shutdownAck) { set.insert(.shutdownAck) }
        self = set
    }

    init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    init() {
        self.rawValue = 0
    }

    /// The chunk of `view` that answers one of these requests, by name, nil when none does.
    func answer(in view: PacketView) -> String? {
        if self.contains(.initiation), view.contains(.initiationAck) { return "INIT ACK" }
        if self.contains(.initiationAck), view.contains(.cookieEcho) { return "COOKIE ECHO" }
        if self.contains(.cookieEcho), view.contains(.cookieAck) { return "COOKIE ACK" }
        if self.contains(.data), view.contains(.sack) || view.contains(.nrSack) { return "SACK" }
        if self.contains(.heartbeat), view.contains(.heartbeatAck) { return "HEARTBEAT ACK" }
        if self.contains(.shutdown), view.contains(.shutdownAck) { return "SHUTDOWN ACK" }
        if self.contains(.shutdownAck), view.contains(.shutdownComplete) { return "SHUTDOWN COMPLETE" }
        return nil
    }
}
