import Foundation
import Runner
import SCTPWire
import Scenario
import Targets
import VirtualTime

/// The fast executor for usrsctp: a whole batch of inputs per round trip to one helper process, each
/// input from the post-prefix state restored inside the helper (`HOLD`/`BATCH`, see
/// sctpconform-usrsctp-fuzz.c).
///
/// `prepare` runs the prefix once (`ScenarioPrefix`, a `HarnessSession`; without one the SUT only
/// listens, `FuzzPrefix.listening`) on a new helper, then tells the helper to hold that state: the
/// helper keeps the commands the prefix sent it and, usrsctp on virtual time being deterministic,
/// restores the state for every input by a reset and a replay of them (after an out-of-the-blue input
/// only when it left state behind; HMAC computations the replay repeats are memoized). Inputs
/// run in a child process that records its progress in shared memory, so a crash or a hang is
/// reported for its input (`FuzzOutcome.failure`) and the batch goes on with the next input.
///
/// Each step of an input happens at the stack's current instant: a packet is delivered, an advance
/// lets the clock (and the timers) run, an action is performed. The outcome holds what the stack did
/// from the first step to the last, what each action returned, the association's state by usrsctp's
/// `SCTP_STATUS` (named as `AssociationModel.State` names states), and the coverage edges when
/// libusrsctp.a is built with `-fsanitize-coverage=trace-pc-guard`.
///
/// Two oracles of "stopped answering": an input that runs past `inputLimitMilliseconds` of real time
/// is reported hung; and, with `probeEvery` set, a liveness probe, the one `SessionFuzzExecutor` makes
/// (an INIT from the next harness port, which a listener answers with an INIT ACK and anything else
/// with an ABORT: RFC 9260 §5.1, §8.4), delivered inside the helper after an input. The stack is probed
/// whenever the restore after an input would wipe what it did (after a prefix: after every input; out
/// of the blue: after an input that left state), after every `probeEvery` inputs and after the last of
/// each batch, so every input's effect is probed before it is gone; a silent probe after several inputs
/// is attributed to the one that silences the stack alone (`FuzzOutcome.alive` false), and the outcomes
/// of inputs not followed by a probe have `alive` nil.
public final class USRSCTPFuzzExecutor: FuzzExecutor {
    /// Inputs per `BATCH` command (a batch of the caller's is split into these).
    public static let inputsPerCommand = 512

    private let options: USRSCTPTarget.Options
    private let inputLimitMilliseconds: UInt32
    private let probeEvery: UInt32?
    private var target: USRSCTPTarget?
    private var baseline: FuzzBaseline?

    /// - Parameters:
    ///   - options: the helper's options (environment, helper environment for test hooks).
    ///   - inputLimitMilliseconds: real time one input may take before it counts as hung.
    ///   - probeEvery: the most inputs between two liveness probes (out of the blue, where inputs that
    ///     leave nothing behind share a stack); nil: no probe.
    public init(
        options: USRSCTPTarget.Options = USRSCTPTarget.Options(), inputLimitMilliseconds: UInt32 = 1_000,
        probeEvery: UInt32? = 64
    ) {
        var options = options
        // A batch answers once, at its end: the wait for it is longer than for one command.
        options.responseTimeoutMilliseconds = max(options.responseTimeoutMilliseconds, 60_000)
        self.options = options
        self.inputLimitMilliseconds = inputLimitMilliseconds
        self.probeEvery = probeEvery
    }

    deinit {
        self.target?.shutdown()
    }

    public func prepare(prefix: Scenario?, seed: UInt64) throws(FuzzExecutionError) -> FuzzBaseline {
        self.shutdown()
        let scenario = prefix ?? FuzzPrefix.listening
        let configuration = TargetConfiguration(
            seed: seed, localPort: scenario.sutPort, peerPort: scenario.peerPort, sutAddress: scenario.sutAddresses[0],
            harnessAddress: scenario.peerAddresses[0])
        let target: USRSCTPTarget
        do {
            target = try USRSCTPTarget(configuration: configuration, options: self.options)
        } catch {
            throw FuzzExecutionError("usrsctp: \(error.description)")
        }
        self.target = target
        let session: HarnessSession
        switch ScenarioPrefix.run(scenario, on: target, configuration: RunnerConfiguration(seed: seed)) {
        case .success(let open):
            session = open
        case .failure(let failure):
            let why = target.terminationError.map { " (\($0.description))" } ?? ""
            throw FuzzExecutionError("the prefix \(scenario.file) did not run on usrsctp: \(failure)\(why)")
        }
        do {
            try target.hold(
                prefix == nil ? .outOfTheBlue : .prefix, inputLimitMilliseconds: self.inputLimitMilliseconds,
                probe: self.probeEvery == nil ? nil : Self.probe(session.endpoints), probeEvery: self.probeEvery ?? 0)
        } catch {
            throw FuzzExecutionError("usrsctp: \(error.description)")
        }
        let baseline = FuzzBaseline(
            exchange: session.packets, model: session.model, endpoints: session.endpoints, time: session.now)
        self.baseline = baseline
        return baseline
    }

    public func execute(_ batch: [FuzzInput]) throws(FuzzExecutionError) -> [FuzzOutcome] {
        guard let target = self.target, self.baseline != nil else {
            throw FuzzExecutionError("execute before prepare")
        }
        var outcomes: [FuzzOutcome] = []
        outcomes.reserveCapacity(batch.count)
        var start = 0
        while start < batch.count {
            let end = min(batch.count, start + Self.inputsPerCommand)
            let inputs = batch[start..<end].map { $0.steps.map(Self.batchStep) }
            let results: [USRSCTPBatchOutcome]
            do {
                results = try target.runBatch(inputs)
            } catch {
                throw FuzzExecutionError("usrsctp helper failed: \(error.description)")
            }
            for result in results {
                outcomes.append(FuzzOutcome(
                    packets: result.packets, events: result.events, failure: result.failure, alive: result.alive,
                    state: result.state, coverage: result.edges, actionResults: result.actionResults,
                    afterSteps: result.afterSteps))
            }
            start = end
        }
        return outcomes
    }

    /// The helper's process id while prepared (benchmarks read its CPU time).
    public var helperProcessIdentifier: Int32? { self.target?.processIdentifier }

    public func shutdown() {
        self.target?.shutdown()
        self.target = nil
        self.baseline = nil
    }

    /// The liveness probe: an INIT from the harness port after the session's (no input uses it), as
    /// `SessionFuzzExecutor` and `FindingScenario.probeSteps` send it.
    static func probe(_ endpoints: SessionEndpoints) -> [UInt8] {
        let port = endpoints.harnessPort == .max ? endpoints.harnessPort - 1 : endpoints.harnessPort + 1
        let initiation = InitChunk(
            initiateTag: 0x1B0B_FEED, advertisedReceiverWindow: 106_496, outboundStreams: 1, inboundStreams: 1,
            initialTSN: 1)
        return SCTPPacket(
            header: CommonHeader(sourcePort: port, destinationPort: endpoints.sutPort, verificationTag: 0),
            chunks: [.initiation(initiation)]
        ).encoded()
    }

    static func batchStep(_ step: FuzzStep) -> USRSCTPBatchStep {
        switch step {
        case .packet(let bytes): .packet(bytes)
        case .advance(let milliseconds): .advance(milliseconds: milliseconds)
        case .action(let action): .action(action)
        }
    }
}
