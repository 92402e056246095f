import Scenario
import Transports
import VirtualTime

/// How scenarios are run: seed, live checkers, transport decorators. (There is no polling to tune:
/// the runner is event-driven, see `ScenarioExecution`.)
public struct RunnerConfiguration: Sendable {
    /// Seeds the target's randomness and the harness's own tags, TSNs and cookies. Same seed, same run.
    public var seed: UInt64
    /// Makes the live checkers of one scenario run (fresh state per run).
    public var makeCheckers: @Sendable () -> [any LiveChecker]
    /// Wraps the target's transport (pcap capture, fault injection); called once per run.
    public var decorateTransport: @Sendable (any Transport) -> any Transport
    /// Chunk and field names (the codec's).
    public var vocabulary: ScenarioVocabulary
    /// `--strict`: a failure a scenario's `known_deviations:` waives stays a FAIL (the waiver is still
    /// reported), for stack maintainers who want to see every deviation.
    public var strict: Bool
    /// On a target without virtual time (a real-time one), a scenario whose `wait:` steps add up to
    /// more than this is SKIPped as needing virtual-time (it would sleep that long); shorter waits
    /// run, sleeping on the wall clock.
    public var realTimeWaitLimit: ScenarioDuration = RunnerConfiguration.defaultRealTimeWaitLimit

    /// Ten seconds.
    public static let defaultRealTimeWaitLimit = ScenarioDuration.seconds(10)

    /// The default seed of `sctpconform run`.
    public static let defaultSeed: UInt64 = 1

    public init(
        seed: UInt64 = RunnerConfiguration.defaultSeed,
        makeCheckers: @escaping @Sendable () -> [any LiveChecker] = { [] },
        decorateTransport: @escaping @Sendable (any Transport) -> any Transport = { $0 },
        vocabulary: ScenarioVocabulary = .standard, strict: Bool = false
    ) {
        self.seed = seed
        self.makeCheckers = makeCheckers
        self.decorateTransport = decorateTransport
        self.vocabulary = vocabulary
        self.strict = strict
    }
}
