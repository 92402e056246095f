import ArgumentParser
import Dispatch
import Foundation
import Fuzz
import Scenario
import Targets

/// `sctpconform fuzz`: a stateful, structure-aware fuzz campaign against a target (see the README's
/// "Fuzzing" section). Exit status: 0 nothing found, 1 a finding (written under --findings), 2 bad
/// input, 128 + the signal number when interrupted (after writing everything found so far).
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract: "Fuzz a system under test from a scenario prefix (or out of the blue).",
        discussion: """
            The prefix (--scenario: a scenario or a preamble file such as \
            Scenarios/preambles/established.yaml) takes the SUT to a state; every input starts there \
            again. Inputs are packets of generated and mutated chunks, virtual time steps and \
            application actions. Oracles: the target crashed or hung, it stopped answering a liveness \
            probe, it broke a MUST-level RFC rule, its output grew past a limit. Inputs with a new \
            response are kept in --corpus (one file per input, named by content hash); each new kind of \
            failure is shrunk and written to --findings as a scenario `sctpconform run` replays.

            The same --seed and --runs give the same corpus and findings, byte for byte, whatever --jobs.

            Exit status: 0 nothing found, 1 a finding, 2 usage or input error, 128 + the signal number \
            when interrupted (the corpus and findings so far are written whole).
            """)

    @Option(help: "The system under test (see the target registry).")
    var target = "usrsctp"

    @Option(help: "A scenario or preamble file taking the SUT to the state to fuzz (default: out of the blue).")
    var scenario: String?

    @Option(
        parsing: .unconditional, help: "Seed for the target, the harness and the generator (0 to 2^64-1).",
        transform: RunCommand.seed)
    var seed: UInt64 = 1

    @Option(help: "Stop after this many executions.")
    var runs: Int?

    @Option(
        name: .customLong("max-time"),
        help: "Stop after this long in real time (30s, 5m, 1h; a bare number is seconds).")
    var maxTime: String?

    @Option(help: "Executors running in parallel.")
    var jobs = 1

    @Option(help: "This shard of a sharded campaign, I/N (0-based I): each shard draws its own inputs.")
    var shard = "0/1"

    @Option(help: "The corpus folder (default: Corpus/<target>/<prefix id>).")
    var corpus: String?

    @Option(help: "Where findings are written as scenario files.")
    var findings = "Reports/findings"

    @Option(
        help: "The executor: automatic (the fastest the target has), session (the generic one) or usrsctp (batched).")
    var executor = "automatic"

    @Flag(help: "Do not use the live RFC rules as an oracle.")
    var noRules = false

    func validate() throws {
        if self.runs == nil && self.maxTime == nil {
            throw ValidationError("give --runs N or --max-time D (or both)")
        }
        if let runs = self.runs, runs < 1 { throw ValidationError("--runs must be at least 1") }
        if self.jobs < 1 || self.jobs > 256 { throw ValidationError("--jobs must be from 1 to 256") }
        if let maxTime = self.maxTime, Self.seconds(maxTime) == nil {
            throw ValidationError("'\(maxTime)' is not a duration (30s, 5m, 1h, or seconds)")
        }
        if Self.shard(self.shard) == nil { throw ValidationError("--shard must be I/N with 0 <= I < N") }
        if FuzzExecutorFactory.Kind(rawValue: self.executor) == nil {
            throw ValidationError(
                "unknown executor '\(self.executor)' (known: "
                    + FuzzExecutorFactory.Kind.allCases.map(\.rawValue).joined(separator: ", ") + ")"
            )
        }
        if self.executor == FuzzExecutorFactory.Kind.usrsctp.rawValue && self.target != "usrsctp" {
            throw ValidationError("--executor usrsctp runs only against --target usrsctp")
        }
    }

    func run() throws {
        let interruption = FuzzInterruption.install()
        let descriptor = try FuzzPrefixLoading.descriptor(self.target)
        let prefix = try FuzzPrefixLoading.prefix(self.scenario)
        let (shardIndex, shardCount) = Self.shard(self.shard)!
        let corpus = self.corpus ?? "Corpus/\(self.target)/\(prefix?.id ?? "out-of-the-blue")"
        let configuration = FuzzCampaignConfiguration(
            target: self.target, prefix: prefix, seed: self.seed, runs: self.runs, shardIndex: shardIndex,
            shardCount: shardCount, jobs: self.jobs, corpusPath: corpus, findingsPath: self.findings,
            checksRules: !self.noRules)
        let kind = FuzzExecutorFactory.Kind(rawValue: self.executor)!
        let campaign = FuzzCampaign(configuration: configuration) {
            FuzzExecutorFactory.make(for: descriptor, kind: kind)
        }
        let started = DispatchTime.now().uptimeNanoseconds
        let deadline = self.maxTime.flatMap(Self.seconds).map { started + UInt64($0 * 1e9) }
        let status = StatusLine(started: started)
        let summary: FuzzSummary
        do {
            summary = try campaign.run(
                status: { status.show($0) },
                shouldStop: {
                    interruption.received != nil || deadline.map { DispatchTime.now().uptimeNanoseconds >= $0 } ?? false
                })
        } catch {
            status.end()
            throw CommandFailure("fuzz: \(error.reason)")
        }
        status.end()
        for problem in summary.corpusProblems {
            FileHandle.standardError.write(Data("warning: \(problem) (skipped)\n".utf8))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        // Stopped early: by a signal ("interrupted"), or by --max-time (the way it is meant to end).
        let ending = !summary.interrupted ? nil : interruption.received == nil ? "time limit reached" : "interrupted"
        print(Self.summaryText(
            summary, seconds: seconds, corpus: corpus, target: self.target, seed: self.seed, ending: ending))
        if let signal = interruption.received { throw ExitCode(128 + signal) }
        if !summary.findings.isEmpty { throw ExitCode(1) }
    }

    static func summaryText(
        _ summary: FuzzSummary, seconds: Double, corpus: String, target: String, seed: UInt64, ending: String? = nil
    ) -> String {
        let status = summary.status
        let rate = seconds > 0 ? Int(Double(status.executions) / seconds) : 0
        var lines = [
            "fuzz: \(status.executions) executions in \(String(format: "%.1f", seconds)) s (\(rate)/s), "
                + "target \(target), seed \(seed)" + (ending.map { ", \($0)" } ?? ""),
            "corpus: \(status.corpus) inputs (\(summary.newCorpusFiles) new in \(corpus))",
            "states reached: \(status.states.isEmpty ? "none" : status.states.joined(separator: ", "))",
        ]
        if status.edges > 0 { lines.append("coverage: \(status.edges) edges") }
        lines.append("findings: \(summary.findings.count)")
        for (finding, file) in zip(summary.findings, summary.findingFiles) {
            lines.append(
                "  \(finding.id): \(finding.failure.message) [\(finding.failure.rule)] — "
                    + "\(finding.fuzzCase.steps.count) steps, \(finding.fuzzCase.packetCount) packets; "
                    + "replay: sctpconform run \(file) --target \(target) --seed \(seed)")
        }
        return lines.joined(separator: "\n")
    }

    /// `30s`, `5m`, `1h`, `250ms`, or a bare number of seconds.
    static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3_600)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let value = Double(text.dropLast(suffix.count)), value >= 0 else { return nil }
            return value * scale
        }
        guard let value = Double(text), value >= 0 else { return nil }
        return value
    }

    /// `I/N` with 0 <= I < N.
    static func shard(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, index >= 0,
            index < count
        else { return nil }
        return (index, count)
    }
}

/// The live status line on standard error: rewritten in place on a terminal, a line every few seconds
/// otherwise.
final class StatusLine {
    private let started: UInt64
    private var lastLine: UInt64 = 0
    private let terminal = isatty(2) != 0
    private var shown = false

    init(started: UInt64) {
        self.started = started
    }

    func show(_ status: FuzzStatus) {
        let now = DispatchTime.now().uptimeNanoseconds
        let interval: UInt64 = self.terminal ? 200_000_000 : 5_000_000_000
        guard now - self.lastLine >= interval else { return }
        self.lastLine = now
        let seconds = Double(now - self.started) / 1e9
        let rate = seconds > 0 ? Int(Double(status.executions) / seconds) : 0
        var text =
            "execs \(status.executions)  exec/s \(rate)  corpus \(status.corpus)  findings \(status.findings)  "
            + "states \(status.states.count)"
        if status.edges > 0 { text += "  edges \(status.edges)" }
        FileHandle.standardError.write(Data((self.terminal ? "\r\u{1B}[K" + text : text + "\n").utf8))
        self.shown = true
    }

    func end() {
        if self.terminal && self.shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
