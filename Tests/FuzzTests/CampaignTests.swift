import Foundation
import Fuzz
import ProcessTestSupport
import Scenario
import Testing

/// The campaign loop on the model SUT (no usrsctp): it finds the model's crash, shrinks it, writes
/// the corpus and the finding, and does the same thing byte for byte for the same seed.
@Suite("Fuzz campaign", .serialized)
struct CampaignTests {
    /// Runs a campaign; returns its summary and every file it wrote (relative path → text).
    /// (Each run uses the same folder path, emptied first: finding files name their own path.)
    static let folder = TemporaryDirectory()

    static func campaign(
        seed: UInt64, runs: Int, jobs: Int = 1, shard: (Int, Int) = (0, 1)
    ) throws -> (FuzzSummary, [String: String]) {
        let folder = Self.folder
        try? FileManager.default.removeItem(atPath: folder.file("corpus"))
        try? FileManager.default.removeItem(atPath: folder.file("findings"))
        let configuration = FuzzCampaignConfiguration(
            target: "model", prefix: nil, seed: seed, runs: runs, shardIndex: shard.0, shardCount: shard.1, jobs: jobs,
            corpusPath: folder.file("corpus"), findingsPath: folder.file("findings"))
        let campaign = FuzzCampaign(configuration: configuration) { ModelSUTExecutor() }
        let summary = try campaign.run()
        return (summary, Self.files(in: folder.path))
    }

    static func files(in root: String) -> [String: String] {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = root + "/" + name
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "(unreadable)"
            }
        }
        return files
    }

    @Test("same seed and run count: the same corpus and findings byte for byte, whatever the jobs")
    func deterministic() throws {
        let (first, firstFiles) = try Self.campaign(seed: 4, runs: 800)
        let (_, again) = try Self.campaign(seed: 4, runs: 800)
        let (_, parallel) = try Self.campaign(seed: 4, runs: 800, jobs: 3)
        #expect(first.status.executions == 800)
        #expect(firstFiles.keys.contains { $0.hasPrefix("corpus/") })
        #expect(firstFiles == again, "\(Set(firstFiles.keys).symmetricDifference(again.keys).sorted())")
        #expect(firstFiles == parallel, "\(Set(firstFiles.keys).symmetricDifference(parallel.keys).sorted())")
        let (_, other) = try Self.campaign(seed: 5, runs: 800)
        #expect(other != firstFiles)
        let (_, shard) = try Self.campaign(seed: 4, runs: 800, shard: (1, 2))
        #expect(shard != firstFiles)
        #expect(
            firstFiles.keys.allSatisfy { !$0.contains(".tmp") && !($0 as NSString).lastPathComponent.hasPrefix(".") })
    }

    @Test("the model's crash is found, shrunk to its two steps and written as a scenario that loads")
    func findsAndShrinks() throws {
        let (summary, files) = try Self.campaign(seed: 1, runs: 4_000)
        let finding = try #require(summary.findings.first { $0.failure.kind == .crash })
        #expect(finding.failure.detail == "model: crash site")
        #expect(finding.fuzzCase.steps.count == 2, "\(FuzzCaseText.write(finding.fuzzCase))")
        #expect(finding.fuzzCase.packetCount == 1)
        let name = "findings/\(finding.id).yaml"
        let text = try #require(files[name], "\(files.keys.sorted())")
        let scenario = try ScenarioLoader().load(yaml: text, file: name)
        #expect(scenario.id == "fuzz-\(finding.id)")
        // The listening prefix (app: listen), then the advance and the packet.
        #expect(scenario.steps.map(\.kindName) == ["app", "wait", "send"])
        #expect(scenario.ignore.contains("data") && scenario.ignore.contains("unknown-chunk"))
    }

    @Test("the corpus folder's cases are loaded and run first; a second campaign adds only new ones")
    func resumesFromTheCorpus() throws {
        let folder = TemporaryDirectory()
        defer { folder.remove() }
        func run(_ seed: UInt64) throws -> FuzzSummary {
            let configuration = FuzzCampaignConfiguration(
                target: "model", prefix: nil, seed: seed, runs: 300, corpusPath: folder.file("corpus"),
                findingsPath: folder.file("findings"))
            return try FuzzCampaign(configuration: configuration) { ModelSUTExecutor() }.run()
        }
        let first = try run(1)
        let before = Self.files(in: folder.file("corpus")).count
        #expect(before == first.newCorpusFiles && before > 0)
        let second = try run(2)
        #expect(second.status.corpus >= before)
        #expect(Self.files(in: folder.file("corpus")).count == before + second.newCorpusFiles)
    }

    @Test("stopping early still returns everything found and written so far")
    func stops() throws {
        let folder = TemporaryDirectory()
        defer { folder.remove() }
        let configuration = FuzzCampaignConfiguration(
            target: "model", prefix: nil, seed: 1, runs: nil, corpusPath: folder.file("corpus"),
            findingsPath: folder.file("findings"))
        var batches = 0
        let summary = try FuzzCampaign(configuration: configuration) { ModelSUTExecutor() }.run(
            status: { _ in batches += 1 }, shouldStop: { batches >= 5 })
        #expect(summary.interrupted)
        #expect(summary.status.executions == 5 * configuration.batchSize)
        #expect(Self.files(in: folder.file("corpus")).count == summary.newCorpusFiles)
    }
}
