import Foundation
import ProcessTestSupport
import Testing

/// `sctpconform run` stopped by SIGINT or SIGTERM at varied moments (issue 11, item 7): no
/// temporary file is left, the reports folder holds either the previous run's set or the new
/// run's, whole, never a mix, a user's own file in it is left alone, and no helper process
/// outlives the harness. `scripts/interrupt-runs.sh` does the same for as many runs as asked.
@Suite(
    "sctpconform run, interrupted",
    .enabled(if: CLI.isBuilt, "the sctpconform binary was not built"),
    .enabled(if: CLI.hasUSRSCTP, "usrsctp is not available here (scripts/install-system-packages.sh)"))
struct RunInterruptionTests {
    static let previousScenarios = ["handshake.yaml", "abort-received.yaml"]
    static let newScenarios = [
        "handshake.yaml", "ootb-data.yaml", "cookie-stale.yaml", "init-retransmission.yaml",
        "shutdown-retransmission.yaml", "vtag-wrong-data.yaml",
    ]
    static let iterations = 20

    @Test("20 runs interrupted at varied moments leave a consistent report set and no helper")
    func interruptedRuns() throws {
        let work = TemporaryDirectory()
        defer { work.remove() }
        let reports = work.file("reports")
        try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
        try "not a report\n".write(toFile: reports + "/README.md", atomically: true, encoding: .utf8)
        let previous = try CLI.run(["run"] + Self.previousScenarios.map(CLI.scenario) + ["--reports", reports])
        #expect(previous.status == 0 || previous.status == 1, "\(previous.standardError)")
        var before = ReportSet.read(reports)
        #expect(before.isComplete(ids: ["handshake", "abort-received"]))

        // How long a whole run takes here, to spread the signals over it.
        let clock = ContinuousClock()
        let start = clock.now
        let whole = try CLI.run(
            ["run"] + Self.newScenarios.map(CLI.scenario) + ["--reports", work.file("timing")])
        let duration = clock.now - start
        #expect(whole.status == 0 || whole.status == 1, "\(whole.standardError)")

        let newIDs = Self.newScenarios.map { String($0.dropLast(".yaml".count)) }
        var interrupted = 0
        for iteration in 0..<Self.iterations {
            let delay = duration * (Double(iteration) / Double(Self.iterations - 1)) * 1.1
            let signal = iteration % 2 == 0 ? SIGINT : SIGTERM
            let outcome = try InterruptedRun.run(
                ["run"] + Self.newScenarios.map(CLI.scenario) + ["--reports", reports, "--seed", "\(iteration)"],
                after: delay, signal: signal)
            #expect(!outcome.timedOut)
            #expect(
                [0, 1, 128 + signal].contains(outcome.status),
                "iteration \(iteration): status \(outcome.status): \(outcome.standardError)")
            if outcome.status == 128 + signal {
                interrupted += 1
                #expect(outcome.standardError.contains("interrupted by"))
            }
            #expect(CLI.leftovers(in: reports).isEmpty, "iteration \(iteration): \(CLI.leftovers(in: reports))")
            #expect(
                outcome.survivingHelpers.isEmpty, "iteration \(iteration): helpers left: \(outcome.survivingHelpers)")
            let after = ReportSet.read(reports)
            #expect(after.files["README.md"] == before.files["README.md"], "the user's file was touched")
            // Either the previous set, untouched, or the new run's, whole.
            let kept = after == before
            let replaced = after.isComplete(ids: newIDs)
            #expect(kept || replaced, "iteration \(iteration): a mixed set: \(after.files.keys.sorted())")
            before = after
        }
        #expect(interrupted > 0, "no run was interrupted; the delays are too long")
    }

    @Test("a signal before the run ends leaves the previous run's files and stops the helper")
    func interruptedEarly() throws {
        let work = TemporaryDirectory()
        defer { work.remove() }
        let reports = work.file("reports")
        let previous = try CLI.run(["run", CLI.scenario("handshake.yaml"), "--reports", reports])
        #expect(previous.status == 0)
        let before = ReportSet.read(reports)
        // The signal comes as soon as the first helper is up; that helper stops answering at the
        // handshake's SHUTDOWN (a test-only hook), so the run cannot be over before the signal lands.
        let outcome = try InterruptedRun.run(
            ["run"] + Self.newScenarios.map(CLI.scenario) + ["--reports", reports], after: .zero,
            signal: SIGTERM, waitForHelper: true, environment: ["SCTPCONFORM_TEST_HANG_ON_CHUNK": "7"])
        #expect(outcome.status == 128 + SIGTERM, "\(outcome.standardOutput)\(outcome.standardError)")
        #expect(outcome.standardError.contains("interrupted by SIGTERM"))
        #expect(outcome.standardError.contains("left as they were"))
        #expect(outcome.survivingHelpers.isEmpty)
        #expect(ReportSet.read(reports) == before)
        #expect(CLI.leftovers(in: reports).isEmpty)
    }

    @Test("SIGKILL: the helper ends with the harness, and the next run removes the staging folder left behind")
    func killedOutright() throws {
        let work = TemporaryDirectory()
        defer { work.remove() }
        let reports = work.file("reports")
        let outcome = try InterruptedRun.run(
            ["run"] + Self.newScenarios.map(CLI.scenario) + ["--reports", reports], after: .zero, signal: SIGKILL,
            waitForHelper: true)
        #expect(!outcome.timedOut)
        // The helper sees its channel close and exits; nothing could clean up after SIGKILL itself.
        #expect(outcome.survivingHelpers.isEmpty, "helpers left: \(outcome.survivingHelpers)")
        let next = try CLI.run(["run", CLI.scenario("handshake.yaml"), "--reports", reports])
        #expect(next.status == 0, "\(next.standardError)")
        #expect(CLI.leftovers(in: reports).isEmpty)
        #expect(ReportSet.read(reports).isComplete(ids: ["handshake"]))
    }
}

/// The files of a reports folder, by name.
struct ReportSet: Equatable {
    var files: [String: Data]

    static func read(_ folder: String) -> ReportSet {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var files: [String: Data] = [:]
        for name in names {
            files[name] = FileManager.default.contents(atPath: folder + "/" + name)
        }
        return ReportSet(files: files)
    }

    /// Whether this is exactly the set of a run of these scenarios (and README.md): run.json,
    /// junit.xml, index.html, and a report and pcap per scenario, run.json naming them.
    func isComplete(ids: [String]) -> Bool {
        guard let data = self.files["run.json"],
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let scenarios = object["scenarios"] as? [[String: Any]]
        else { return false }
        let listed = scenarios.compactMap { $0["scenario"] as? String }
        guard listed == ids else { return false }
        var expected: Set<String> = ["run.json", "junit.xml", "index.html"]
        for id in ids {
            expected.insert(id + ".json")
            expected.insert(id + ".pcap")
        }
        return Set(self.files.keys).subtracting(["README.md"]) == expected
    }
}

/// The built binary, started and sent a signal after a delay.
enum InterruptedRun {
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var timedOut: Bool
        /// Processes started by this run (they carry its marker in their environment) still alive.
        var survivingHelpers: [Int32]
    }

    static func run(
        _ arguments: [String], after delay: Duration, signal: Int32, waitForHelper: Bool = false,
        environment extra: [String: String] = [:]
    ) throws -> Outcome {
        let binary = try #require(ProcessTestSupport.ExternalTool.sctpconform)
        let scratch = TemporaryDirectory()
        defer { scratch.remove() }
        let marker = "SCTPCONFORM_INTERRUPT_TEST=\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: scratch.file("out"), contents: nil)
        _ = FileManager.default.createFile(atPath: scratch.file("err"), contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        let parts = marker.split(separator: "=", maxSplits: 1).map(String.init)
        environment[parts[0]] = parts[1]
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.file("out")))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.file("err")))
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        let started = ContinuousClock.now
        if waitForHelper {
            while Self.processes(carrying: marker).count < 2, ContinuousClock.now - started < .seconds(30) {
                usleep(5_000)
            }
        }
        let remaining = (delay - (ContinuousClock.now - started)).components
        let microseconds = remaining.seconds * 1_000_000 + remaining.attoseconds / 1_000_000_000_000
        if microseconds > 0 {
            usleep(UInt32(clamping: microseconds))
        }
        if process.isRunning {
            kill(process.processIdentifier, signal)
        }
        var timedOut = false
        if finished.wait(timeout: .now() + 60) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        // A helper killed with the harness may take a moment to be reaped by init.
        var surviving = Self.processes(carrying: marker)
        let deadline = ContinuousClock.now + .seconds(2)
        while !surviving.isEmpty, ContinuousClock.now < deadline {
            usleep(20_000)
            surviving = Self.processes(carrying: marker)
        }
        return Outcome(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOfFile: scratch.file("out"), encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: scratch.file("err"), encoding: .utf8)) ?? "",
            timedOut: timedOut, survivingHelpers: surviving)
    }

    /// Live (not zombie) processes whose environment holds `marker`: the harness and its helpers.
    static func processes(carrying marker: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let needle = Data(marker.utf8)
        return entries.compactMap(Int32.init).filter { pid in
            guard let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ"),
                environment.range(of: needle) != nil,
                let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            let state = stat[stat.index(after: close)...].split(separator: " ").first
            return state != "Z" && state != "X"
        }
    }
}
