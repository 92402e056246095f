import Scenario
import Targets

/// A fuzz campaign: takes the SUT through the prefix, then generates and mutates inputs in batches,
/// runs them on the executors, keeps the inputs whose response signature shows something new (in
/// memory and in the corpus folder), and judges every outcome with the oracles; each new kind of
/// failure is shrunk and written as a scenario under `findingsPath`.
///
/// Deterministic: a batch is generated from the state the previous batches left, run, and its outcomes
/// taken in input order, so the same seed, shard and run count give the same corpus and findings byte
/// for byte, whatever the number of jobs. Only `--max-time` (the caller's `shouldStop`) depends on the
/// clock.
public final class FuzzCampaign {
    public let configuration: FuzzCampaignConfiguration
    private let executors: ParallelExecutors
    private var random: FuzzRandom
    private var corpus: [FuzzCase] = []
    private var known = Set<FuzzCase>()
    private var features = Set<String>()
    /// What `status` reports of `features`, kept as they are learnt (not recounted after every batch).
    private var statesReached = Set<String>()
    private var edgesSeen = 0
    private var findings: [String: FuzzFinding] = [:]
    private var findingOrder: [String] = []
    private var findingFiles: [String] = []
    private var newCorpusFiles = 0
    private var executions = 0

    /// `makeExecutor` is called once per job (`FuzzExecutorFactory.make` in the CLI).
    public init(configuration: FuzzCampaignConfiguration, makeExecutor: () -> any FuzzExecutor) {
        self.configuration = configuration
        self.executors = ParallelExecutors((0..<configuration.jobs).map { _ in makeExecutor() })
        var random = FuzzRandom(seed: configuration.seed ^ 0xF0_22C0_FFEE)
        if configuration.shardCount > 1 {
            random = random.split(UInt64(configuration.shardIndex) &+ 1)
        }
        self.random = random
    }

    /// Runs until the run count is reached or `shouldStop` says so (checked between batches and
    /// during shrinking); `status` is called after every batch.
    public func run(
        status: (FuzzStatus) -> Void = { _ in }, shouldStop: @escaping () -> Bool = { false }
    ) throws(FuzzCampaignError) -> FuzzSummary {
        defer { self.executors.shutdown() }
        let baseline: FuzzBaseline
        do {
            baseline = try self.executors.prepare(prefix: self.configuration.prefix, seed: self.configuration.seed)
        } catch {
            throw FuzzCampaignError(error.reason)
        }
        let generator = CaseGenerator(baseline: baseline, associated: FuzzPrefix.isAssociated(baseline))
        let mutator = CaseMutator(generator: generator)
        let oracle = FuzzOracle(baseline: baseline, checksRules: self.configuration.checksRules)
        let store = self.configuration.corpusPath.map(CorpusStore.init(path:))
        var interrupted = false

        // The corpus folder's cases are run first: their features are known, they are mutated from.
        let loaded = store?.load() ?? (cases: [], problems: [])
        let loadedNames = Set(loaded.cases.map(\.name))
        var seeds = loaded.cases.map(\.fuzzCase)[...]
        while !seeds.isEmpty {
            let batch = Array(seeds.prefix(self.configuration.batchSize))
            seeds = seeds.dropFirst(batch.count)
            let outcomes = try self.execute(batch)
            for (fuzzCase, outcome) in zip(batch, outcomes) {
                self.learn(ResponseSignature(outcome).features)
                if self.known.insert(fuzzCase).inserted { self.corpus.append(fuzzCase) }
            }
            if shouldStop() {
                interrupted = true
                break
            }
        }

        while !interrupted {
            let remaining = self.configuration.runs.map { $0 - self.executions } ?? self.configuration.batchSize
            if remaining <= 0 { break }
            let batch = (0..<min(remaining, self.configuration.batchSize)).map { _ in
                self.nextCase(generator: generator, mutator: mutator)
            }
            let outcomes = try self.execute(batch)
            for (index, (fuzzCase, outcome)) in zip(batch, outcomes).enumerated() {
                let run = self.executions - batch.count + index + 1
                if let failure = oracle.judge(fuzzCase, outcome) {
                    if self.findings[failure.signature] == nil {
                        try self.report(
                            fuzzCase, failure: failure, run: run, oracle: oracle, shouldStop: shouldStop)
                    }
                    continue
                }
                let signature = ResponseSignature(outcome)
                if !signature.features.isSubset(of: self.features) {
                    self.learn(signature.features)
                    if self.known.insert(fuzzCase).inserted {
                        self.corpus.append(fuzzCase)
                        if let store {
                            do throws(FuzzFileError) {
                                let name = CorpusStore.fileName(of: fuzzCase)
                                if !loadedNames.contains(name) { self.newCorpusFiles += 1 }
                                try store.add(fuzzCase)
                            } catch {
                                throw FuzzCampaignError("cannot write the corpus: \(error.description)")
                            }
                        }
                    }
                }
            }
            status(self.status)
            if shouldStop() { interrupted = true }
        }
        return FuzzSummary(
            status: self.status, findings: self.findingOrder.compactMap { self.findings[$0] },
            findingFiles: self.findingFiles, newCorpusFiles: self.newCorpusFiles, interrupted: interrupted,
            corpusProblems: loaded.problems)
    }

    public var status: FuzzStatus {
        FuzzStatus(
            executions: self.executions, corpus: self.corpus.count, findings: self.findings.count,
            states: self.statesReached.sorted(), edges: self.edgesSeen)
    }

    /// Adds an execution's features to those known, counting the states and coverage edges among the
    /// new ones.
    private func learn(_ shown: Set<String>) {
        for feature in shown where self.features.insert(feature).inserted {
            if feature.hasPrefix("state ") {
                self.statesReached.insert(String(feature.dropFirst(6)))
            } else if feature.hasPrefix("edge ") {
                self.edgesSeen += 1
            }
        }
    }

    /// A new case (a quarter of the time, or while the corpus is empty) or a mutated corpus case.
    private func nextCase(generator: CaseGenerator, mutator: CaseMutator) -> FuzzCase {
        if self.corpus.isEmpty || self.random.chance(0.25) {
            return generator.generate(random: &self.random)
        }
        let base = self.corpus[self.random.below(self.corpus.count)]
        let other = self.random.chance(0.3) ? self.corpus[self.random.below(self.corpus.count)] : nil
        return mutator.mutate(base, other: other, random: &self.random)
    }

    private func execute(_ batch: [FuzzCase]) throws(FuzzCampaignError) -> [FuzzOutcome] {
        do {
            let outcomes = try self.executors.execute(batch.map(\.input))
            self.executions += batch.count
            return outcomes
        } catch {
            throw FuzzCampaignError(error.reason)
        }
    }

    /// Shrinks a new failure, writes its scenario, records it.
    private func report(
        _ fuzzCase: FuzzCase, failure: FuzzFailure, run: Int, oracle: FuzzOracle, shouldStop: @escaping () -> Bool
    ) throws(FuzzCampaignError) {
        let executor = self.executors.executors[0]
        var lastResults: [FuzzCase: [ActionResult]] = [:]
        var shrinker = CaseShrinker(budget: self.configuration.shrinkBudget) {
            (candidate) throws(FuzzExecutionError) -> FuzzFailure? in
            if shouldStop() { return nil }
            guard let outcome = try executor.execute([candidate.input]).first else { return nil }
            lastResults[candidate] = outcome.actionResults
            return oracle.judge(candidate, outcome)
        }
        let shrunk: (FuzzCase, FuzzFailure)
        do {
            shrunk = try shrinker.shrink(fuzzCase, failure: failure)
            if lastResults[shrunk.0] == nil, let outcome = try executor.execute([shrunk.0.input]).first {
                lastResults[shrunk.0] = outcome.actionResults
            }
        } catch {
            throw FuzzCampaignError(error.reason)
        }
        let finding = FuzzFinding(
            failure: shrunk.1, fuzzCase: shrunk.0, originalSteps: fuzzCase.steps.count, run: run,
            actionResults: lastResults[shrunk.0] ?? [])
        self.findings[failure.signature] = finding
        self.findingOrder.append(failure.signature)
        let prefix = self.configuration.prefix ?? FuzzPrefix.listening
        let path = self.configuration.findingsPath + "/" + FindingScenario.fileName(finding)
        let scenario = FindingScenario(prefix: prefix, target: self.configuration.target, seed: self.configuration.seed)
            .scenario(finding, file: path)
        do {
            try AtomicFile.write(ScenarioWriter().write(scenario), to: path)
        } catch {
            throw FuzzCampaignError("cannot write the finding: \(error.description)")
        }
        self.findingFiles.append(path)
    }
}
