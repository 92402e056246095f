import SCTPWire
import VirtualTime

/// Which way a packet went.
public enum PacketDirection: String, Hashable, Sendable {
    /// Sent by the harness to the SUT.
    case toSUT = "to-sut"
    /// Sent by the SUT to the harness.
    case fromSUT = "from-sut"
}

/// One packet of a run as a live checker sees it.
public struct ObservedPacket: Sendable {
    /// 1-based position among all packets of the run, both directions.
    public var number: Int
    public var direction: PacketDirection
    /// When it was sent, on the run's virtual clock.
    public var time: VirtualInstant
    /// The SCTP packet (common header onward).
    public var bytes: [UInt8]

    public init(number: Int, direction: PacketDirection, time: VirtualInstant, bytes: [UInt8]) {
        self.number = number
        self.direction = direction
        self.time = time
        self.bytes = bytes
    }
}

/// Something a checker (or the runner) found wrong in the SUT's behaviour during a scenario run, with
/// the rule it breaks. (The `Rules` module's own `Finding` converts into this for live checks.)
public struct ScenarioFinding: Hashable, Sendable {
    /// How binding the broken requirement is (RFC 2119 keywords).
    public enum Severity: String, Hashable, Sendable, Comparable {
        case must = "MUST"
        case should = "SHOULD"
        /// No keyword forbids it, but it almost always means a bug.
        case suspicious = "SUSPICIOUS"
        /// Not a requirement: information worth reporting (e.g. why no pcap could be written).
        case note = "NOTE"

        private var rank: Int {
            switch self {
            case .must: 0
            case .should: 1
            case .suspicious: 2
            case .note: 3
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A stable identifier of the rule (`vtag-mismatch`, `target-crashed`).
    public var rule: String
    /// Where the requirement is written (`RFC 9260 §8.5`).
    public var section: String
    public var severity: Severity
    public var message: String
    /// The packet that shows it, if one does.
    public var packetNumber: Int?
    public var time: VirtualInstant?

    public init(
        rule: String, section: String, severity: Severity, message: String, packetNumber: Int? = nil,
        time: VirtualInstant? = nil
    ) {
        self.rule = rule
        self.section = section
        self.severity = severity
        self.message = message
        self.packetNumber = packetNumber
        self.time = time
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
