import Scenario
import Targets

/// Runs a scenario's options and steps on a target and hands back the open session, for callers that
/// go on from the state the steps left (the fuzzer takes the SUT to ESTABLISHED with a preamble, then
/// sends its own packets). Unlike `ScenarioRunner.run` there is no quiet period after the last step,
/// no verdict and no reset: packets the SUT sent after the last `expect` stay in the session's inbox.
public enum ScenarioPrefix {
    /// Why the prefix did not reach its end: the step (1-based; 0 for the scenario's `options:`) and
    /// the reason, as a scenario run would report them.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        public var step: Int
        public var message: String
        /// The target died during the prefix (a crash is a finding in itself).
        public var targetFailed: Bool

        public var description: String {
            self.step == 0 ? "options: \(self.message)" : "step \(self.step): \(self.message)"
        }
    }

    /// Applies `scenario.options`, then runs every step on `target` (fresh or reset, with the
    /// configuration's seed) in a new session with `configuration`'s checkers. Returns the session.
    public static func run(
        _ scenario: Scenario, on target: any Target, configuration: RunnerConfiguration
    ) -> Result<HarnessSession, Failure> {
        let execution = ScenarioExecution(scenario: scenario, target: target, configuration: configuration)
        do {
            try execution.applyInitialOptions()
        } catch {
            return .failure(Self.failure(error, step: 0, target: target))
        }
        for step in scenario.steps {
            do {
                _ = try execution.execute(step)
            } catch {
                return .failure(Self.failure(error, step: step.number, target: target))
            }
        }
        return .success(execution.session)
    }

    private static func failure(_ interruption: StepInterruption, step: Int, target: any Target) -> Failure {
        let message: String
        switch interruption {
        case .failed(let failure): message = failure.message
        case .error(let text): message = text
        }
        return Failure(step: step, message: message, targetFailed: target.terminationError != nil)
    }
}
