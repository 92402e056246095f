import Foundation
import Scenario

/// `sctpconform corpus minimize|merge`: keeps a corpus small and joins the corpora of several shards.
public enum CorpusMaintenance {
    /// What `minimize` kept and removed.
    public struct Minimized: Sendable {
        public var kept: [String]
        public var removed: [String]
        public var features: Int
        public var problems: [String]
    }

    /// Runs every case of the folder from `prefix` and keeps a smallest set showing every feature the
    /// whole corpus shows: cases in order of size (fewest steps, then chunks, then name), each kept
    /// when it adds a feature; the other files are removed. A case whose execution fails an oracle is
    /// kept (it is a reproducer).
    public static func minimize(
        folder: String, executor: any FuzzExecutor, prefix: Scenario?, seed: UInt64
    ) throws(FuzzCampaignError) -> Minimized {
        let store = CorpusStore(path: folder)
        let loaded = store.load()
        let ordered = loaded.cases.sorted { left, right in
            let a = (left.fuzzCase.steps.count, left.fuzzCase.chunkCount, left.name)
            let b = (right.fuzzCase.steps.count, right.fuzzCase.chunkCount, right.name)
            return a < b
        }
        defer { executor.shutdown() }
        let outcomes: [FuzzOutcome]
        let baseline: FuzzBaseline
        do {
            baseline = try executor.prepare(prefix: prefix, seed: seed)
            outcomes = try executor.execute(ordered.map(\.fuzzCase.input))
        } catch {
            throw FuzzCampaignError(error.reason)
        }
        let oracle = FuzzOracle(baseline: baseline)
        var features = Set<String>()
        var kept: [String] = []
        var removed: [String] = []
        for (entry, outcome) in zip(ordered, outcomes) {
            let shown = ResponseSignature(outcome).features
            if oracle.judge(entry.fuzzCase, outcome) != nil || !shown.isSubset(of: features) {
                features.formUnion(shown)
                kept.append(entry.name)
            } else {
                removed.append(entry.name)
                store.remove(entry.name)
            }
        }
        return Minimized(
            kept: kept.sorted(), removed: removed.sorted(), features: features.count, problems: loaded.problems)
    }

    /// Copies every case of `sources` into `destination` under its content name (so the same case
    /// from two shards is one file); returns how many files were added and the problems met.
    public static func merge(
        into destination: String, from sources: [String]
    ) throws(FuzzFileError) -> (added: Int, problems: [String]) {
        let target = CorpusStore(path: destination)
        var added = 0
        var problems: [String] = []
        for source in sources {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                problems.append("\(source): no such folder")
                continue
            }
            let loaded = CorpusStore(path: source).load()
            problems += loaded.problems
            for entry in loaded.cases {
                let name = CorpusStore.fileName(of: entry.fuzzCase)
                if !FileManager.default.fileExists(atPath: destination + "/" + name) {
                    try target.add(entry.fuzzCase)
                    added += 1
                }
            }
        }
        return (added, problems)
    }
}
