import NetworkLayers
import Rules
import SCTPWire
import VirtualTime

/// One packet of a run as a live checker sees it: its number, its direction, its envelope
/// (addresses, carriage, instant, SCTP bytes) and its SCTP packet as the session decoded it, once.
public struct ObservedPacket: Sendable {
    /// 1-based position among all packets of the run, both directions.
    public var number: Int
    public var direction: PacketDirection
    /// The packet with its addresses, carriage and virtual instant.
    public var packet: AddressedPacket
    /// `packet`'s bytes decoded (the session's one decode, which the live rules judge from).
    public var sctp: DecodedSCTPPacket

    /// A packet decoded here (for callers without a `DecodedPacket`).
    public init(number: Int, direction: PacketDirection, packet: AddressedPacket) {
        self.number = number
        self.direction = direction
        self.packet = packet
        self.sctp = DecodedSCTPPacket(packet.bytes)
    }

    /// A packet the session already decoded.
    public init(_ decoded: DecodedPacket) {
        self.number = decoded.number
        self.direction = decoded.direction
        self.packet = decoded.envelope
        self.sctp = decoded.sctp
    }

    /// When it was sent, on the run's virtual clock.
    public var time: VirtualInstant { self.packet.time }
    /// The SCTP packet (common header onward).
    public var bytes: [UInt8] { self.packet.bytes }
}

/// Something a checker (or the runner) found wrong in the SUT's behaviour during a scenario run, with
/// the rule it breaks, who broke it, in which association, and the packets that show it. (The `Rules`
/// module's own `Finding` converts into this for live checks, losing nothing a report shows.)
public struct ScenarioFinding: Hashable, Sendable {
    /// How binding the broken requirement is (RFC 2119 keywords), ordered like `RuleSeverity` from
    /// least to most binding: `note < suspicious < should < must`.
    public enum Severity: String, Hashable, Sendable, Comparable {
        case must = "MUST"
        case should = "SHOULD"
        /// No keyword forbids it, but it almost always means a bug.
        case suspicious = "SUSPICIOUS"
        /// Not a requirement: information worth reporting (e.g. why no pcap could be written, a rule the
        /// harness broke on purpose).
        case note = "NOTE"

        /// The level of a rule of the catalogue.
        public init(_ severity: RuleSeverity) {
            switch severity {
            case .must: self = .must
            case .should: self = .should
            case .suspicious: self = .suspicious
            }
        }

        private var rank: Int {
            switch self {
            case .note: 0
            case .suspicious: 1
            case .should: 2
            case .must: 3
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// Which party broke the rule.
    public enum Violator: String, Hashable, Sendable {
        /// The system under test.
        case systemUnderTest = "sut"
        /// The harness (a scenario's deliberate malformed send).
        case harness
    }

    /// A stable identifier of the rule (`vtag.peer-tag`, `target-crashed`).
    public var rule: String
    /// Where the requirement is written (`RFC 9260 §8.5`).
    public var section: String
    public var severity: Severity
    public var message: String
    /// The packet that shows it, if one does.
    public var packetNumber: Int?
    public var time: VirtualInstant?
    /// Who broke the rule; nil for the runner's own notes.
    public var violator: Violator?
    /// The endpoint that broke it (`198.18.0.2:5001`), when a rule names one.
    public var violatorEndpoint: String?
    /// The association the packet belongs to (1-based, in order of first packet), if any.
    public var associationID: Int?
    /// Other packets the message refers to.
    public var relatedPackets: [Int]

    public init(
        rule: String, section: String, severity: Severity, message: String, packetNumber: Int? = nil,
        time: VirtualInstant? = nil, violator: Violator? = nil, violatorEndpoint: String? = nil,
        associationID: Int? = nil, relatedPackets: [Int] = []
    ) {
        self.rule = rule
        self.section = section
        self.severity = severity
        self.message = message
        self.packetNumber = packetNumber
        self.time = time
        self.violator = violator
        self.violatorEndpoint = violatorEndpoint
        self.associationID = associationID
        self.relatedPackets = relatedPackets
    }
}

extension ScenarioFinding {
    /// `SUT 198.18.0.2:5001`, `harness 198.18.0.1:5000`, or empty for the runner's own notes.
    public var violatorDescription: String {
        guard let violator = self.violator else { return "" }
        let party = violator == .systemUnderTest ? "SUT" : "harness"
        return self.violatorEndpoint.map { "\(party) \($0)" } ?? party
    }
}

/// The hook for a live RFC rule checker: the runner calls it for every packet of a run, in both
/// directions and in order, then once at the end. MUST-level findings make the scenario FAIL;
/// others are reported without changing the verdict.
///
/// A checker is made fresh for each scenario run (`RunnerConfiguration.makeCheckers`).
public protocol LiveChecker: AnyObject {
    /// Looks at one packet; returns what it finds wrong (usually nothing).
    func observe(_ packet: ObservedPacket) -> [ScenarioFinding]
    /// The run is over at `time`: returns what can only be judged at the end (a timer that never fired).
    func finish(at time: VirtualInstant) -> [ScenarioFinding]
}
