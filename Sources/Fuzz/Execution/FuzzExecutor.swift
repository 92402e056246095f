import NetworkLayers
import Runner
import Scenario
import Targets
import VirtualTime

/// One step of a fuzz input, done by the harness after the prefix has taken the SUT to its state.
public enum FuzzStep: Hashable, Sendable {
    /// Sends one whole SCTP packet (common header and chunks, checksum as given: a mutator may break
    /// it on purpose) from the harness to the SUT.
    case packet([UInt8])
    /// Lets the virtual clock run this long, so the SUT's timers fire between packets.
    case advance(milliseconds: UInt32)
    /// An application action on the SUT (send, shutdown, abort, a socket option, ...).
    case action(ApplicationAction)
}

/// What a fuzz execution does after the prefix: its steps, in order.
public struct FuzzInput: Hashable, Sendable {
    public var steps: [FuzzStep]

    public init(steps: [FuzzStep]) {
        self.steps = steps
    }
}

/// What the SUT did during one execution: the raw facts the oracles and the feedback judge.
public struct FuzzOutcome: Hashable, Sendable {
    /// Every packet the SUT sent from the first step on, in order, each with its instant.
    public var packets: [AddressedPacket]
    /// The application events the SUT reported from the first step on.
    public var events: [TimedApplicationEvent]
    /// The target died, hung or was killed on this input (the executor has already replaced it).
    public var failure: TargetError?
    /// The SUT answered the liveness probe after the input (nil when no probe was made).
    public var alive: Bool?
    /// The SUT's association state after the input, where the executor can read it (e.g. usrsctp's
    /// `SCTP_STATUS`), by RFC 9260 §4 name.
    public var state: String?
    /// Coverage feedback: indexes of the edges this execution hit, where the target is built with
    /// coverage instrumentation (empty otherwise).
    public var coverage: [UInt32]
    /// What each `.action` step of the input returned, in order (empty when the executor does not
    /// say; the finding writer then assumes every action succeeded).
    public var actionResults: [ActionResult]
    /// For each packet of `packets`, how many of the input's steps were done when the SUT sent it
    /// (0: before the first), so the rules see both directions in the order they happened even at one
    /// instant. Empty when the executor does not say: the packets are then placed by their instants,
    /// after the harness's packets of the same instant.
    public var afterSteps: [Int]

    public init(
        packets: [AddressedPacket] = [], events: [TimedApplicationEvent] = [], failure: TargetError? = nil,
        alive: Bool? = nil, state: String? = nil, coverage: [UInt32] = [], actionResults: [ActionResult] = [],
        afterSteps: [Int] = []
    ) {
        self.packets = packets
        self.events = events
        self.failure = failure
        self.alive = alive
        self.state = state
        self.coverage = coverage
        self.actionResults = actionResults
        self.afterSteps = afterSteps
    }
}

/// The state a prefix left both sides in: what the fuzzer's generators and mutators read to make
/// inputs that fit the association (its tags, TSNs, stream counts, addresses).
public struct FuzzBaseline: Sendable {
    /// The prefix's whole exchange, both directions, in order (empty without a prefix).
    public var exchange: [ExchangedPacket]
    /// What the harness knows of the association after the prefix.
    public var model: AssociationModel
    /// The addresses and ports of both ends.
    public var endpoints: SessionEndpoints
    /// The virtual instant the prefix ended at; every input starts there.
    public var time: VirtualInstant

    public init(exchange: [ExchangedPacket], model: AssociationModel, endpoints: SessionEndpoints, time: VirtualInstant) {
        self.exchange = exchange
        self.model = model
        self.endpoints = endpoints
        self.time = time
    }
}

/// Why an executor could not execute at all (not a finding: a finding is a `FuzzOutcome.failure`).
public struct FuzzExecutionError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { self.reason }
}

/// Runs fuzz inputs against one target, each from the same post-prefix state.
///
/// `prepare` takes the SUT through the prefix once (a scenario whose steps, typically a preamble such
/// as `from: established`, end in the state to fuzz; none means out-of-the-blue packets to a listening
/// SUT) and returns the baseline. `execute` then runs a batch of inputs, each starting from that state
/// again, and returns one outcome per input, in order. How the state is restored is the executor's
/// business: the generic executor resets the target and replays the prefix through a `HarnessSession`;
/// a fast one restores inside the target (replaying the recorded prefix in the helper, or a fork
/// server) and runs a whole batch per round trip. Same seed, same prefix and same inputs give the same
/// outcomes.
public protocol FuzzExecutor: AnyObject {
    /// Takes the SUT through `prefix` with `seed` and returns the state it left both sides in.
    func prepare(prefix: Scenario?, seed: UInt64) throws(FuzzExecutionError) -> FuzzBaseline
    /// Runs every input from the baseline state; one outcome per input, in order.
    func execute(_ batch: [FuzzInput]) throws(FuzzExecutionError) -> [FuzzOutcome]
    /// Ends the target (helper processes, namespaces). Idempotent.
    func shutdown()
}
