import Foundation
import Runner
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
/// libusrsctp.a is built with `-fsanitize-coverage=trace-pc-guard`. No liveness probe is made (`alive`
/// is nil): a stack that stops answering is caught by the per-input real-time limit.
public final class USRSCTPFuzzExecutor: FuzzExecutor {
    /// Inputs per `BATCH` command (a batch of the caller's is split into these).
    public static let inputsPerCommand = 512

    private let options: USRSCTPTarget.Options
    private let inputLimitMilliseconds: UInt32
    private var target: USRSCTPTarget?
    private var baseline: FuzzBaseline?

    /// - Parameters:
    ///   - options: the helper's options (environment, helper environment for test hooks).
    ///   - inputLimitMilliseconds: real time one input may take before it counts as hung.
    public init(options: USRSCTPTarget.Options = USRSCTPTarget.Options(), inputLimitMilliseconds: UInt32 = 1_000) {
        var options = options
        // A batch answers once, at its end: the wait for it is longer than for one command.
        options.responseTimeoutMilliseconds = max(options.responseTimeoutMilliseconds, 60_000)
        self.options = options
        self.inputLimitMilliseconds = inputLimitMilliseconds
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
                prefix == nil ? .outOfTheBlue : .prefix, inputLimitMilliseconds: self.inputLimitMilliseconds)
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
                    packets: result.packets, events: result.events, failure: result.failure, alive: nil,
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

    static func batchStep(_ step: FuzzStep) -> USRSCTPBatchStep {
        switch step {
        case .packet(let bytes): .packet(bytes)
        case .advance(let milliseconds): .advance(milliseconds: milliseconds)
        case .action(let action): .action(action)
        }
    }
}
