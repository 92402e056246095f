import SCTPWire
import Scenario
import Targets
import Transports
import VirtualTime

/// Runs scenarios against one kind of target and returns their verdicts.
///
/// Nothing waits in real time: the runner jumps from one event to the next (its own `within`/`wait`
/// deadlines on an `EventScheduler`, the SUT's output through `Transport.receiveNext(until:)`),
/// moving the target's virtual clock as it goes. Every run gets a target in the state of a new one, with the
/// configuration's seed: the target of the previous run reset (`Target.reset`), or a new one from the descriptor
/// when it cannot reset or did not end its run healthy (crashed, killed, hung). Copies of a runner share its
/// targets. When the target stopped answering in `TargetPool.unresponsiveRunLimit` runs in a row, later runs
/// end at once in ERROR with the reason, so a folder run stops early instead of waiting out every timeout.
public struct ScenarioRunner: Sendable {
    public var target: TargetDescriptor
    public var configuration: RunnerConfiguration
    /// Targets kept between runs.
    public let pool: TargetPool

    public init(
        target: TargetDescriptor, configuration: RunnerConfiguration = RunnerConfiguration(),
        pool: TargetPool = TargetPool()
    ) {
        self.target = target
        self.configuration = configuration
        self.pool = pool
    }

    /// Runs one scenario. Never throws: target failures are ERROR verdicts, with findings.
    public func run(_ scenario: Scenario) -> ScenarioResult {
        var result = ScenarioResult(
            scenarioID: scenario.id, title: scenario.title, file: scenario.file, target: self.target.name,
            seed: self.configuration.seed, verdict: .skip, rfc: scenario.rfc, etsi: scenario.etsi,
            notes: scenario.notes,
            steps: scenario.steps.map { Self.notRun($0) })

        let available = Set(self.target.capabilities.map(\.rawValue))
        let missing = ApplicationMapping.neededCapabilities(scenario).filter { !available.contains($0) }
        if !missing.isEmpty {
            result.reason = "target \(self.target.name) lacks \(missing.joined(separator: ", "))"
            return result
        }

        if let stop = self.pool.stopReason {
            result.verdict = .error
            result.reason = "not run: \(stop)"
            return result
        }
        let targetConfiguration = TargetConfiguration(
            seed: self.configuration.seed, localPort: scenario.sutPort, peerPort: scenario.peerPort,
            sutAddress: scenario.sutAddresses[0], harnessAddress: scenario.peerAddresses[0])
        let instance: any Target
        do {
            instance = try self.pool.target(from: self.target, configuration: targetConfiguration, start: .zero)
        } catch {
            self.pool.noteRun(failure: error)
            result.verdict = .error
            result.reason = error.description
            return result
        }
        defer {
            self.pool.noteRun(failure: instance.terminationError)
            self.pool.giveBack(instance)
        }
        if instance.realTimeTolerance != nil {
            // On the wall clock a wait is a sleep: long ones need virtual time.
            let waits = scenario.steps.reduce(ScenarioDuration.zero) { total, step in
                if case .wait(let duration) = step.action { return total + duration }
                return total
            }
            if waits > self.configuration.realTimeWaitLimit {
                result.reason = "target \(self.target.name) lacks virtual-time: the scenario waits \(waits) in all, "
                    + "more than the \(self.configuration.realTimeWaitLimit) a real-time run may sleep"
                return result
            }
        }
        let execution = ScenarioExecution(
            scenario: scenario, target: instance, configuration: self.configuration)
        return KnownDeviationJudge.apply(
            scenario.knownDeviations(forTarget: self.target.name), strict: self.configuration.strict,
            to: execution.run(into: result))
    }

    static func notRun(_ step: Step) -> StepResult {
        StepResult(number: step.number, kind: step.kindName, location: step.location, status: .notRun, note: step.note)
    }
}
