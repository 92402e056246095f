import Captures
import NetworkLayers
import SCTPWire
import Scenario
import Transports
import VirtualTime

/// The outcome of one scenario run.
public enum Verdict: String, Hashable, Sendable, CaseIterable {
    /// Every step behaved as expected and no MUST-level finding.
    case pass = "PASS"
    /// The SUT did something the scenario or a rule forbids.
    case fail = "FAIL"
    /// The run could not be judged: the target crashed or hung, or the harness could not do a step.
    case error = "ERROR"
    /// The target lacks a capability the scenario needs.
    case skip = "SKIP"
    /// The SUT failed at a step the scenario's `known_deviations:` waives for this target: a real,
    /// triaged non-conformance, reported in full but not counted as a failure (unless `--strict`).
    case deviation = "DEVIATION"
}

/// One packet of the exchange, as reports show it.
public struct ExchangedPacket: Hashable, Sendable {
    /// What the runner did with a packet from the SUT.
    public enum Disposition: Hashable, Sendable {
        /// Sent by the harness in this step.
        case sent(step: Int)
        /// Matched the expectation of this step.
        case matched(step: Int)
        /// Skipped because all its chunks are of ignored kinds.
        case ignored
        /// Failed the expectation of this step.
        case unexpected(step: Int)
        /// Arrived after the last step and no step took it.
        case leftOver
        /// Received but no step looked at it (the run stopped before).
        case unexamined
    }

    public var number: Int
    public var direction: PacketDirection
    /// The packet with its addresses, carriage and instant.
    public var packet: AddressedPacket
    public var disposition: Disposition

    public init(number: Int, direction: PacketDirection, packet: AddressedPacket, disposition: Disposition) {
        self.number = number
        self.direction = direction
        self.packet = packet
        self.disposition = disposition
    }

    /// When it was sent, on the run's virtual clock.
    public var time: VirtualInstant { self.packet.time }
    /// The SCTP packet (common header onward).
    public var bytes: [UInt8] { self.packet.bytes }

    /// `INIT ACK, COOKIE ECHO`: the chunk names, from the raw view (never fails).
    public var chunkSummary: String {
        PacketSummary.chunkNames(self.bytes)
    }
}

/// Why a step failed: what was expected, what was observed, which RFC sections it checks.
public struct StepFailure: Hashable, Sendable {
    /// One line: `expected INIT ACK within 200ms, observed ABORT`.
    public var message: String
    /// Field by field differences (empty for timeouts and the like).
    public var mismatches: [FieldMismatch]
    /// The packet that failed the step, if one did.
    public var packetNumber: Int?
    /// The step's own citations, then the scenario's.
    public var rfc: [String]

    public init(message: String, mismatches: [FieldMismatch] = [], packetNumber: Int? = nil, rfc: [String] = []) {
        self.message = message
        self.mismatches = mismatches
        self.packetNumber = packetNumber
        self.rfc = rfc
    }
}

/// How one step went.
public struct StepResult: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable {
        case passed
        case failed
        case error
        /// An earlier step ended the run.
        case notRun = "not-run"
    }

    public var number: Int
    /// `send`, `expect`, `expect nothing`, `wait`, `app`.
    public var kind: String
    public var location: FileLocation
    public var status: Status
    public var start: VirtualInstant?
    public var end: VirtualInstant?
    /// Packets this step sent or matched (numbers into `ScenarioResult.packets`).
    public var packets: [Int]
    /// Application events the step matched, as their records; `events` describes them.
    public var eventRecords: [FieldRecord] = []
    /// Text set by hand (`events`' setter), which then stands for the records.
    private var assignedEvents: [String]?

    /// Application events the step matched, as text: described from `eventRecords` when a report
    /// asks (a run that writes none describes nothing).
    public var events: [String] {
        get { self.assignedEvents ?? self.eventRecords.map(FieldValueText.describe) }
        set { self.assignedEvents = newValue }
    }
    public var failure: StepFailure?
    public var note: String?

    public init(
        number: Int, kind: String, location: FileLocation, status: Status, start: VirtualInstant? = nil,
        end: VirtualInstant? = nil, packets: [Int] = [], events: [String] = [], failure: StepFailure? = nil,
        note: String? = nil
    ) {
        self.number = number
        self.kind = kind
        self.location = location
        self.status = status
        self.start = start
        self.end = end
        self.packets = packets
        self.assignedEvents = events.isEmpty ? nil : events
        self.failure = failure
        self.note = note
    }
}

/// Everything about one scenario run: what reports are made of. Deterministic for a given scenario,
/// target and seed (no wall-clock values, no absolute paths beyond what the user typed).
public struct ScenarioResult: Hashable, Sendable {
    public var scenarioID: String
    public var title: String
    public var file: String
    public var target: String
    public var seed: UInt64
    public var verdict: Verdict
    /// Why the run was skipped or ended in error; the failing step's message for a FAIL.
    public var reason: String?
    public var rfc: [String]
    public var etsi: [String]
    /// The scenario's `notes:` (known deviations, what it shows).
    public var notes: String?
    /// The scenario's waiver for this target that decided the verdict: the failure it waived
    /// (DEVIATION, or FAIL under `--strict`), or a waiver whose deviation no longer occurs (FAIL).
    public var knownDeviation: KnownDeviationOutcome?
    public var steps: [StepResult]
    public var packets: [ExchangedPacket]
    public var findings: [ScenarioFinding]
    /// Virtual time the run covered.
    public var duration: VirtualDuration
    /// The packets the run's capture recorded, in the order they crossed, each in its envelope: what
    /// `capture` frames, when a report asks for it.
    public var capturedPackets: [AddressedPacket]
    /// Records set by hand (`capture`'s setter), which then stand for the captured packets.
    private var assignedCapture: [CaptureRecord]?

    /// The exchange as raw-IP capture records (each packet with its addresses and carriage), virtual
    /// timestamps, in time order. Framed on demand from `capturedPackets` (a run that writes no report
    /// frames nothing); empty when they cannot be framed (the run then has a `capture` note).
    public var capture: [CaptureRecord] {
        get {
            if let assignedCapture { return assignedCapture }
            return (try? CapturingTransport.captureRecords(self.capturedPackets)) ?? []
        }
        set { self.assignedCapture = newValue }
    }

    public init(
        scenarioID: String, title: String, file: String, target: String, seed: UInt64, verdict: Verdict,
        reason: String? = nil, rfc: [String] = [], etsi: [String] = [], notes: String? = nil,
        knownDeviation: KnownDeviationOutcome? = nil, steps: [StepResult] = [], packets: [ExchangedPacket] = [],
        findings: [ScenarioFinding] = [], duration: VirtualDuration = .zero, capture: [CaptureRecord] = []
    ) {
        self.scenarioID = scenarioID
        self.title = title
        self.file = file
        self.target = target
        self.seed = seed
        self.verdict = verdict
        self.reason = reason
        self.rfc = rfc
        self.etsi = etsi
        self.notes = notes
        self.knownDeviation = knownDeviation
        self.steps = steps
        self.packets = packets
        self.findings = findings
        self.duration = duration
        self.capturedPackets = []
        self.assignedCapture = capture.isEmpty ? nil : capture
    }

    /// The first step that failed or errored.
    public var failedStep: StepResult? {
        self.steps.first { $0.status == .failed || $0.status == .error }
    }
}

/// Short text for packets in messages and reports.
public enum PacketSummary {
    /// `INIT ACK, COOKIE ECHO` from the raw chunk headers; `(no chunks)`, `(truncated header)`.
    public static func chunkNames(_ bytes: [UInt8]) -> String {
        let raw = RawPacket(bytes)
        guard raw.isHeaderComplete else { return "(truncated header)" }
        let names = raw.chunks.map { chunk in chunk.type.name ?? chunk.type.description }
        return names.isEmpty ? "(no chunks)" : names.joined(separator: ", ")
    }
}
