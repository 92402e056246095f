import Scenario

/// What a campaign does: where it starts (the prefix), its seed and shard, how long it runs, how many
/// executors it drives, and where the corpus and findings go.
public struct FuzzCampaignConfiguration: Sendable {
    /// The target's registry name (for the finding files' replay command).
    public var target: String
    /// The scenario whose steps take the SUT to the state to fuzz; nil: out of the blue to a listener.
    public var prefix: Scenario?
    /// Seeds the target and the harness (as `run --seed`) and, with the shard, the generator.
    public var seed: UInt64
    /// Stop after this many executions (nil: until `shouldStop`).
    public var runs: Int?
    /// This campaign's part of a sharded one: shard `index` of `count` draws its own inputs.
    public var shardIndex: Int
    public var shardCount: Int
    /// Executors run in parallel (each batch is split among them; results are taken in input order,
    /// so the outcome does not depend on the count).
    public var jobs: Int
    /// Inputs generated per batch (before the feedback of the batch is taken).
    public var batchSize: Int
    /// Where kept inputs are written (nil: kept in memory only).
    public var corpusPath: String?
    /// Where findings are written as scenarios.
    public var findingsPath: String
    /// Most executions shrinking one finding may take.
    public var shrinkBudget: Int
    /// Whether the live rules are an oracle.
    public var checksRules: Bool

    public init(
        target: String, prefix: Scenario?, seed: UInt64, runs: Int?, shardIndex: Int = 0, shardCount: Int = 1,
        jobs: Int = 1, batchSize: Int = 16, corpusPath: String? = nil, findingsPath: String = "Reports/findings",
        shrinkBudget: Int = 400, checksRules: Bool = true
    ) {
        self.target = target
        self.prefix = prefix
        self.seed = seed
        self.runs = runs
        self.shardIndex = shardIndex
        self.shardCount = shardCount
        self.jobs = max(1, jobs)
        self.batchSize = max(1, batchSize)
        self.corpusPath = corpusPath
        self.findingsPath = findingsPath
        self.shrinkBudget = shrinkBudget
        self.checksRules = checksRules
    }
}

/// The campaign's progress, for the status line.
public struct FuzzStatus: Hashable, Sendable {
    public var executions: Int
    public var corpus: Int
    public var findings: Int
    /// Association states the SUT was seen in after an input.
    public var states: [String]
    /// Coverage edges seen (0 when the target reports none).
    public var edges: Int
}

/// What a campaign did.
public struct FuzzSummary: Sendable {
    public var status: FuzzStatus
    public var findings: [FuzzFinding]
    /// Paths of the finding scenarios written.
    public var findingFiles: [String]
    /// Cases added to the corpus folder.
    public var newCorpusFiles: Int
    /// Whether the campaign stopped early (`shouldStop`).
    public var interrupted: Bool
    /// Problems with the corpus folder's files (reported, not fatal).
    public var corpusProblems: [String]
}

/// Why a campaign could not run.
public struct FuzzCampaignError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { self.reason }
}
