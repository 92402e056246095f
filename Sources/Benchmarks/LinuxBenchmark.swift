import Foundation
import Runner
import Scenario
import Targets

/// `sctpconform-bench linux [--cold] [--rounds N]`: figures for the Linux kernel in QEMU
/// (`--target linux`): the image build (with `--cold`, into an empty cache, downloads included;
/// always the cached lookup), the VM's boot (namespaces, QEMU, the agent's first answer), one reset,
/// and scenarios per second over a set of short scenarios run `N` times (default 3) on one VM, as
/// `sctpconform run` does for a folder. Wall-clock figures, indicative only (the machine is shared;
/// the guest runs under TCG). The stale-cookie wait with and without QEMU's idle-skipping is
/// `scripts/bench-linux-timers.sh`.
enum LinuxBenchmark {
    static let usage = "usage: sctpconform-bench linux [--cold] [--rounds N]"
    /// Short scenarios (no long waits), each a whole association or an out-of-the-blue exchange.
    static let scenarios = [
        "handshake-client", "vtag-wrong-data", "vtag-wrong-abort", "ootb-data", "ootb-shutdown-ack", "init-os-zero",
        "init-mis-zero", "data-invalid-stream", "shutdown-outstanding", "app-abort",
    ]

    static func run(arguments: [String]) -> Int32 {
        var cold = false
        var rounds = 3
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--cold": cold = true
            case "--rounds":
                guard index + 1 < arguments.count, let value = Int(arguments[index + 1]), value > 0 else {
                    print(Self.usage)
                    return 2
                }
                rounds = value
                index += 1
            default:
                print(Self.usage)
                return 2
            }
            index += 1
        }
        guard let script = LinuxImage.locateScript(environment: ProcessInfo.processInfo.environment) else {
            print("scripts/build-linux-image.sh not found")
            return 2
        }
        if cold {
            let cache = NSTemporaryDirectory() + "sctpconform-bench-cold-\(getpid())"
            defer { try? FileManager.default.removeItem(atPath: cache) }
            guard let seconds = Self.timeScript(script, cache: cache) else { return 1 }
            Bench.report("image build, cold (downloads included)", "\(Bench.fixed(seconds, 1)) s")
        }
        guard let cached = Self.timeScript(script, cache: nil) else { return 1 }
        Bench.report("image lookup, cached (apt-cache versions + key)", "\(Bench.fixed(cached, 1)) s")

        guard let descriptor = TargetRegistry.standard.descriptor(named: "linux") else { return 2 }
        if case .unavailable(let reason, let hint) = descriptor.checkAvailability() {
            print("linux target unavailable: \(reason) (\(hint))")
            return 1
        }
        let loaded: [Scenario]
        do {
            loaded = try Self.scenarios.map { name throws(ScenarioLoadFailure) in
                try ScenarioLoader().load(path: "Scenarios/\(name).yaml")
            }
        } catch {
            print(error.description)
            return 2
        }
        let configuration = TargetConfiguration(seed: 1, localPort: 5001, peerPort: 5000)
        let pool = TargetPool()
        defer { pool.drain() }
        var clock = ContinuousClock.now
        do {
            let target = try pool.target(from: descriptor, configuration: configuration)
            Bench.report("VM boot (namespaces, QEMU/TCG, agent hello)", "\(Bench.fixed(Self.since(clock), 1)) s")
            clock = .now
            try target.reset(configuration, start: .zero)
            let milliseconds = Bench.fixed(Self.since(clock) * 1_000, 0)
            Bench.report("reset (close every socket, no association left)", "\(milliseconds) ms")
            pool.giveBack(target)
        } catch {
            print("the VM did not start: \(error)")
            return 1
        }
        let runner = ScenarioRunner(
            target: descriptor, configuration: RunnerConfiguration(makeCheckers: RulesLiveChecker.factory), pool: pool)
        var verdicts: [Verdict: Int] = [:]
        clock = .now
        for _ in 0..<rounds {
            for scenario in loaded {
                verdicts[runner.run(scenario).verdict, default: 0] += 1
            }
        }
        let elapsed = Self.since(clock)
        let count = rounds * loaded.count
        var counts: [String] = []
        for verdict in Verdict.allCases {
            if let number = verdicts[verdict] { counts.append("\(number) \(verdict.rawValue)") }
        }
        let rate = Bench.fixed(Double(count) / elapsed, 2)
        let detail = "\(count) runs in \(Bench.fixed(elapsed, 1)) s; " + counts.joined(separator: ", ")
        Bench.report(
            "scenarios/s against the kernel (\(loaded.count) short scenarios x \(rounds), one VM)",
            "\(rate) (\(detail))")
        return 0
    }

    static func since(_ start: ContinuousClock.Instant) -> Double {
        Bench.seconds(ContinuousClock.now - start)
    }

    /// Runs the image script (in `cache`, if given) and returns its wall time.
    static func timeScript(_ script: String, cache: String?) -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script]
        var environment = ProcessInfo.processInfo.environment
        if let cache { environment["SCTPCONFORM_CACHE_DIR"] = cache }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        let start = ContinuousClock.now
        do {
            try process.run()
        } catch {
            print("cannot run \(script): \(error)")
            return nil
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            print("\(script) failed with status \(process.terminationStatus)")
            return nil
        }
        return Self.since(start)
    }
}
