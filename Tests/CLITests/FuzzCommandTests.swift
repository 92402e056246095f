import Foundation
import ProcessTestSupport
import Testing

/// `sctpconform fuzz` and `corpus` end to end on usrsctp: the planted bugs are found within a bounded
/// number of runs and shrunk to a few packets that `sctpconform run` replays to the same crash; the same
/// seed gives the same corpus and findings byte for byte; corpora merge and minimize; bad input exits 2;
/// SIGINT stops cleanly with everything written.
@Suite(
    "sctpconform fuzz",
    .enabled(if: CLI.isBuilt, "the sctpconform binary was not built"),
    .enabled(if: CLI.hasUSRSCTP, "usrsctp is not available here (scripts/install-system-packages.sh)"))
struct FuzzCommandTests {
    static let established = CLI.scenario("preambles/established.yaml")

    /// `sctpconform` with `SCTPCONFORM_TEST_PLANTED_BUGS` set.
    static func withBugs(
        _ bugs: String, _ arguments: [String], timeout: TimeInterval = 600
    ) throws -> ExternalTool.Result {
        let binary = try #require(ExternalTool.sctpconform)
        return try ExternalTool.run(
            "/usr/bin/env", ["SCTPCONFORM_TEST_PLANTED_BUGS=\(bugs)", binary] + arguments, timeout: timeout)
    }

    static func files(_ folder: String) -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return Dictionary(
            uniqueKeysWithValues: names.map { ($0, FileManager.default.contents(atPath: folder + "/" + $0) ?? Data()) })
    }

    @Test(
        "each planted bug is found within 3000 runs, shrunk to a few packets, and `run` replays it",
        arguments: [("reconfig-gap", 1), ("shutdown-pending", 2)])
    func plantedBug(bug: String, seed: Int) throws {
        let work = TemporaryDirectory()
        defer { work.remove() }
        let findings = work.file("findings")
        let fuzz = try Self.withBugs(
            bug,
            ["fuzz", "--scenario", Self.established, "--seed", "\(seed)", "--runs", "3000", "--no-rules", "--corpus",
                work.file("corpus"), "--findings", findings])
        #expect(!fuzz.timedOut && !CLI.crashed(fuzz), "\(fuzz.standardError)")
        #expect(fuzz.status == 1, "\(fuzz.standardOutput)\(fuzz.standardError)")
        let names = Self.files(findings).keys.sorted()
        #expect(names.count == 1 && names[0].hasPrefix("crash-") && names[0].hasSuffix(".yaml"), "\(names)")
        let file = try #require(names.first.map { findings + "/" + $0 })
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let sends = text.split(separator: "\n").filter { $0.hasPrefix("  - send:") }.count
        // The preamble's two sends, then at most three packets of the reproducer.
        #expect(sends >= 3 && sends <= 5, "\(text)")
        #expect(fuzz.standardOutput.contains("findings: 1"))

        let replay = try Self.withBugs(
            bug, ["run", file, "--seed", "\(seed)", "--reports", work.file("reports")], timeout: 120)
        #expect(replay.status == 1, "\(replay.standardOutput)\(replay.standardError)")
        #expect(replay.standardOutput.contains("ERROR fuzz-crash-"), "\(replay.standardOutput)")
        #expect(replay.standardOutput.contains("planted bug \(bug): aborting"), "\(replay.standardOutput)")
        // Without the bug planted the reproducer does not crash.
        let clean = try CLI.run(["run", file, "--seed", "\(seed)", "--reports", work.file("clean"), "--no-rules"])
        #expect(!clean.standardOutput.contains("ERROR fuzz-crash-"), "\(clean.standardOutput)")
    }

    @Test("a stack that stops answering is caught by the liveness probe, shrunk to one packet, and `run` replays it")
    func silencedStackIsALivenessFinding() throws {
        let work = TemporaryDirectory()
        defer { work.remove() }
        let binary = try #require(ExternalTool.sctpconform)
        // The helper drops every packet from the first HEARTBEAT on (a test-only hook).
        func deaf(_ arguments: [String]) throws -> ExternalTool.Result {
            try ExternalTool.run(
                "/usr/bin/env", ["SCTPCONFORM_TEST_DEAF_ON_CHUNK=4", binary] + arguments, timeout: 300)
        }
        let findings = work.file("findings")
        let fuzz = try deaf([
            "fuzz", "--scenario", Self.established, "--seed", "1", "--runs", "2000", "--no-rules", "--corpus",
            work.file("corpus"), "--findings", findings,
        ])
        #expect(fuzz.status == 1, "\(fuzz.standardOutput)\(fuzz.standardError)")
        let names = Self.files(findings).keys.sorted()
        #expect(names.count == 1 && names[0].hasPrefix("liveness-"), "\(names)")
        let file = try #require(names.first.map { findings + "/" + $0 })
        let text = try String(contentsOfFile: file, encoding: .utf8)
        // The preamble's two sends, the HEARTBEAT, and the probe's INIT.
        let sends = text.split(separator: "\n").filter { $0.hasPrefix("  - send:") }
        #expect(sends.count == 4 && sends[2].contains("type: 4"), "\(text)")
        let replay = try deaf(["run", file, "--seed", "1", "--reports", work.file("reports")])
        #expect(replay.status == 1, "\(replay.standardOutput)\(replay.standardError)")
        #expect(replay.standardOutput.contains("FAIL  fuzz-liveness-"), "\(replay.standardOutput)")
        #expect(replay.standardOutput.contains("nothing matching arrived"), "\(replay.standardOutput)")
        // A stack that answers passes the same scenario.
        let clean = try CLI.run(["run", file, "--seed", "1", "--reports", work.file("clean")])
        #expect(clean.status == 0, "\(clean.standardOutput)")
    }

    @Test("same seed and --runs: the same corpus and findings byte for byte; merge and minimize")
    func deterministicCorpusAndFindings() throws {
        let work = TemporaryDirectory()
        defer { work.remove() }
        let arguments = [
            "fuzz", "--scenario", Self.established, "--seed", "9", "--runs", "300", "--corpus", work.file("corpus"),
            "--findings", work.file("findings"),
        ]
        let first = try CLI.run(arguments, timeout: 600)
        #expect(first.status == 0 || first.status == 1, "\(first.standardError)")
        let corpus = Self.files(work.file("corpus"))
        let findings = Self.files(work.file("findings"))
        #expect(!corpus.isEmpty)
        try FileManager.default.removeItem(atPath: work.file("corpus"))
        try? FileManager.default.removeItem(atPath: work.file("findings"))
        let second = try CLI.run(arguments, timeout: 600)
        #expect(second.status == first.status)
        #expect(Self.files(work.file("corpus")) == corpus)
        #expect(Self.files(work.file("findings")) == findings)
        #expect(CLI.leftovers(in: work.file("corpus")).isEmpty)
        // Each finding replays: its scenario FAILs with the rule the campaign reported.
        for name in findings.keys.sorted() {
            let replay = try CLI.run([
                "run", work.file("findings") + "/" + name, "--seed", "9", "--reports", work.file("r"),
            ])
            let title = String(decoding: findings[name] ?? Data(), as: UTF8.self).split(separator: "\n")
                .first { $0.hasPrefix("title: ") } ?? ""
            let rule = String(title.split(separator: " ").last ?? "")
                .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            #expect(replay.status == 1, "\(name): \(replay.standardOutput)")
            #expect(replay.standardOutput.contains(" \(rule)"), "\(name): \(rule): \(replay.standardOutput)")
        }

        let merge = try CLI.run(["corpus", "merge", work.file("merged"), work.file("corpus")])
        #expect(merge.status == 0, "\(merge.standardError)")
        #expect(Self.files(work.file("merged")) == corpus)
        let minimize = try CLI.run([
            "corpus", "minimize", work.file("merged"), "--scenario", Self.established, "--seed", "9",
        ])
        #expect(minimize.status == 0, "\(minimize.standardError)")
        let kept = Self.files(work.file("merged"))
        #expect(!kept.isEmpty && kept.count <= corpus.count)
        #expect(kept.allSatisfy { corpus[$0.key] == $0.value })
    }

    @Test("bad input exits 2 with a message")
    func badInput() throws {
        let work = TemporaryDirectory()
        defer { work.remove() }
        let cases: [[String]] = [
            ["fuzz"],
            ["fuzz", "--runs", "10", "--target", "no-such-target"],
            ["fuzz", "--runs", "10", "--shard", "2/2"],
            ["fuzz", "--runs", "10", "--max-time", "soon"],
            ["fuzz", "--runs", "10", "--scenario", "/no/such/file.yaml"],
            ["corpus", "merge", work.file("merged"), "/no/such/folder"],
            ["corpus", "minimize", "/no/such/folder"],
        ]
        for arguments in cases {
            let result = try CLI.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.status) \(result.standardError)")
            #expect(!result.standardError.isEmpty, "\(arguments)")
        }
    }

    @Test("--max-time ends the campaign as planned: exit 0 without findings, the summary says the time was up")
    func timeLimit() throws {
        let work = TemporaryDirectory()
        defer { work.remove() }
        let result = try CLI.run([
            "fuzz", "--scenario", Self.established, "--seed", "3", "--max-time", "1s", "--no-rules", "--corpus",
            work.file("corpus"), "--findings", work.file("findings"),
        ])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let first = result.standardOutput.split(separator: "\n").first ?? ""
        #expect(first.hasSuffix(", time limit reached"), "\(first)")
        #expect(!result.standardOutput.contains("interrupted"), "\(result.standardOutput)")
    }

    @Test("SIGINT stops the campaign after its batch: summary printed, corpus whole, no helper left")
    func interrupted() throws {
        let work = TemporaryDirectory()
        defer { work.remove() }
        let outcome = try InterruptedRun.run(
            [
                "fuzz", "--scenario", Self.established, "--seed", "3", "--max-time", "120s", "--corpus",
                work.file("corpus"), "--findings", work.file("findings"),
            ], after: .seconds(3), signal: SIGINT, waitForHelper: true)
        #expect(!outcome.timedOut)
        #expect(outcome.status == 128 + SIGINT, "\(outcome.standardOutput)\(outcome.standardError)")
        #expect(outcome.standardOutput.contains(", interrupted"), "\(outcome.standardOutput)")
        #expect(!outcome.standardOutput.contains("time limit reached"), "\(outcome.standardOutput)")
        #expect(outcome.survivingHelpers.isEmpty)
        #expect(CLI.leftovers(in: work.file("corpus")).isEmpty)
        #expect(CLI.leftovers(in: work.file("findings")).isEmpty)
        for (name, data) in Self.files(work.file("corpus")) {
            #expect(String(decoding: data, as: UTF8.self).hasPrefix("sctpconform-fuzz-case 1\n"), "\(name)")
        }
    }
}
