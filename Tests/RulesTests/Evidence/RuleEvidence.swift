import Rules
import SCTPWire
import Testing

/// A finding as the evidence table states it: which rule, at which packet, broken by whom.
struct ExpectedFinding: Hashable, Sendable, Comparable, CustomStringConvertible {
    var id: String
    var packet: Int
    var by: Peer

    init(_ id: String, _ packet: Int, _ by: Peer) {
        self.id = id
        self.packet = packet
        self.by = by
    }

    /// The finding of a conversation between `Conversation.endpointA` and `endpointB`; nil when its
    /// violator is neither.
    init?(_ finding: Finding) {
        let by: Peer
        switch finding.violator {
        case Conversation.endpointA: by = .a
        case Conversation.endpointB: by = .b
        default: return nil
        }
        self.init(finding.ruleID, finding.packetNumber, by)
    }

    /// `vtag.peer-tag #5 by A`.
    var description: String {
        "\(self.id) #\(self.packet) by \(self.by == .a ? "A" : "B")"
    }

    static func < (lhs: ExpectedFinding, rhs: ExpectedFinding) -> Bool {
        (lhs.packet, lhs.id, lhs.by == .a ? 0 : 1) < (rhs.packet, rhs.id, rhs.by == .a ? 0 : 1)
    }
}

/// How a rule fares under `sctpconform check`'s configuration (`CaptureCheckOptions()`, offline:
/// the capture may start mid-association and packets crossing in flight may be in either order).
enum OfflineJudgment: Sendable {
    /// The violation is flagged and the near miss is not, offline too, with these findings (nil: the
    /// same as the entry lists for its own configuration).
    case flagged(violation: [ExpectedFinding]? = nil, nearMiss: [ExpectedFinding]? = nil)
    /// The rule cannot fire offline by design, for this reason; the tests check that it never does.
    case cannotFire(reason: String)
}

/// Proof that one rule of the catalogue works both ways: a conversation that breaks it and is
/// flagged with its id, and the closest legitimate conversation (the exception or boundary the
/// rule must let through), which is not.
///
/// Scripts run on a fresh `Conversation` (tags 0x11111111 for A and 0x22222222 for B, Initial TSNs
/// 1000 and 5000, 10 streams each way unless the script says otherwise); `finish()` is called after
/// each script, so findings judged at the end of a run count too.
struct RuleEvidence: Sendable, CustomTestStringConvertible {
    typealias Script = @Sendable (inout Conversation) -> Void

    /// The rule's id in `RuleCatalogue`.
    var id: String
    /// Where the rule is judged: `.live` (every packet from the first, in processing order) unless
    /// the entry says otherwise.
    var configuration: RuleConfiguration
    /// Why the entry uses `configuration`, when the rule behaves differently offline.
    var configurationNote: String?
    /// Breaks the rule.
    var violation: Script
    /// The finding the violation must bring.
    var expected: ExpectedFinding
    /// Other findings the violation brings unavoidably (the table says which and why).
    var violationAlso: [ExpectedFinding]
    /// What makes `nearMiss` the closest legitimate exchange.
    var nearMissNote: String
    /// The near miss: must bring no finding of `id`.
    var nearMiss: Script
    /// Findings of other rules the near miss brings unavoidably (empty when it is clean).
    var nearMissAlso: [ExpectedFinding]
    /// What `sctpconform check` makes of the same two conversations written to a capture.
    var offline: OfflineJudgment

    init(
        _ id: String, packet: Int, by violator: Peer, also violationAlso: [ExpectedFinding] = [],
        configuration: RuleConfiguration = .live, configurationNote: String? = nil,
        offline: OfflineJudgment = .flagged(),
        violation: @escaping Script, nearMiss nearMissNote: String, nearMissAlso: [ExpectedFinding] = [],
        _ nearMiss: @escaping Script
    ) {
        self.offline = offline
        self.id = id
        self.configuration = configuration
        self.configurationNote = configurationNote
        self.violation = violation
        self.expected = ExpectedFinding(id, packet, violator)
        self.violationAlso = violationAlso
        self.nearMissNote = nearMissNote
        self.nearMiss = nearMiss
        self.nearMissAlso = nearMissAlso
    }

    var testDescription: String { self.id }

    /// Every entry, family by family in catalogue order.
    static var all: [RuleEvidence] {
        Self.packetFormat + Self.bundlingAndFlags + Self.verificationTags + Self.outOfTheBlue + Self.initiation
            + Self.handshakeAndCookies + Self.streamsAndData + Self.acknowledgements + Self.shutdown
            + Self.heartbeatsAndUnrecognized
    }

    /// Runs `script` on a fresh conversation under this entry's configuration, then `finish()`.
    func run(_ script: Script) -> Conversation {
        var conversation = Conversation(configuration: self.configuration)
        script(&conversation)
        conversation.finish()
        return conversation
    }
}

/// Findings as the table writes them, sorted; a violator that is neither A nor B shows as a
/// finding of rule `?` so that the comparison fails.
func expectedForm(_ findings: [Finding]) -> [ExpectedFinding] {
    findings.map { ExpectedFinding($0) ?? ExpectedFinding("? \($0.description)", $0.packetNumber, .a) }.sorted()
}

// MARK: Chunks the entries share

extension Conversation {
    /// INIT from A and INIT ACK from B (packets 1 and 2).
    mutating func startHandshake() {
        self.send(.a, self.initChunk(tag: self.tagA, tsn: self.initialTSNA), tag: 0)
        self.send(.b, self.initAckChunk(tag: self.tagB, tsn: self.initialTSNB, cookie: self.cookie))
    }

    var cookieEcho: Chunk {
        .cookieEcho(CookieEchoChunk(cookie: self.cookie))
    }

    func shutdownChunk(cumulative: UInt32) -> Chunk {
        .shutdown(ShutdownChunk(cumulativeTSNAck: cumulative))
    }

    func staleCookieError(microseconds: UInt32) -> Chunk {
        .error(ErrorChunk(causes: [.staleCookieError(StaleCookieErrorCause(stalenessMicroseconds: microseconds))]))
    }

    func invalidStreamError(_ stream: UInt16) -> Chunk {
        .error(ErrorChunk(causes: [.invalidStreamIdentifier(InvalidStreamIdentifierCause(streamIdentifier: stream))]))
    }

    /// A DATA chunk from A (TSN 1000, stream 0, PPID 0, flags B and E) as raw bytes after the common
    /// header of a packet to B: `userData`, then `padding` (nil: the padding its length needs).
    func rawData(userData: [UInt8], length: UInt16? = nil, padding: [UInt8]? = nil) -> [UInt8] {
        var raw = RawPacket(
            SCTPPacket(
                header: CommonHeader(sourcePort: 5000, destinationPort: 7, verificationTag: self.tagB), chunks: []))
        let value: [UInt8] = [0, 0, 0x03, 0xe8, 0, 0, 0, 0, 0, 0, 0, 0] + userData
        raw.appendChunk(type: .data, flags: 0x03, value: value, length: length, padding: padding)
        raw.fillChecksum()
        return raw.bytes
    }
}
