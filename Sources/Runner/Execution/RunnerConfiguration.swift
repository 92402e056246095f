import Scenario
import Transports
import VirtualTime

/// How scenarios are run: seed, polling granularity, live checkers.
public struct RunnerConfiguration: Sendable {
    /// Seeds the target's randomness and the harness's own tags, TSNs and cookies. Same seed, same run.
    public var seed: UInt64
    /// How far virtual time moves between two looks at the wire while an `expect` waits, right after
    /// something arrived (the target runs its timers up to each look). While nothing arrives the step
    /// doubles, up to `maximumPollInterval`: the harness answers at most that late in virtual time.
    /// Windows (`within`, `after`) count from arrival times and are exact either way.
    public var pollInterval: VirtualDuration
    /// The largest step between two looks at the wire.
    public var maximumPollInterval: VirtualDuration
    /// Upper bound on looks per step; a long window polls in proportionally larger steps.
    public var maximumPollsPerStep: Int
    /// Makes the live checkers of one scenario run (fresh state per run).
    public var makeCheckers: @Sendable () -> [any LiveChecker]
    /// Wraps the target's transport (pcap capture, fault injection); called once per run.
    public var decorateTransport: @Sendable (any Transport) -> any Transport
    /// Chunk and field names (the codec's).
    public var vocabulary: ScenarioVocabulary
    /// `--strict`: a failure a scenario's `known_deviations:` waives stays a FAIL (the waiver is still
    /// reported), for stack maintainers who want to see every deviation.
    public var strict: Bool

    /// The default seed of `sctpconform run`.
    public static let defaultSeed: UInt64 = 1

    public init(
        seed: UInt64 = RunnerConfiguration.defaultSeed, pollInterval: VirtualDuration = .milliseconds(1),
        maximumPollInterval: VirtualDuration = .milliseconds(16), maximumPollsPerStep: Int = 100_000,
        makeCheckers: @escaping @Sendable () -> [any LiveChecker] = { [] },
        decorateTransport: @escaping @Sendable (any Transport) -> any Transport = { $0 },
        vocabulary: ScenarioVocabulary = .standard, strict: Bool = false
    ) {
        self.seed = seed
        self.pollInterval = max(pollInterval, .nanoseconds(1))
        self.maximumPollInterval = max(maximumPollInterval, self.pollInterval)
        self.maximumPollsPerStep = max(1, maximumPollsPerStep)
        self.makeCheckers = makeCheckers
        self.decorateTransport = decorateTransport
        self.vocabulary = vocabulary
        self.strict = strict
    }
}
