import Foundation
import Runner
import Scenario
import Targets

/// `sctpconform-bench scenario [FILE] [--iterations N] [--target NAME] [--no-rules] [--cpu C|any]`: runs
/// one scenario (by default `Scenarios/handshake.yaml`) repeatedly against a target and prints
/// scenarios per second and packets per second (both directions), in wall-clock time. Figures only:
/// nothing here is asserted. As the goal is stated, on one core: the process and the helper it
/// starts run on CPU C (default 0), so every round trip to the helper is a context switch on that
/// core; `--cpu any` lets the scheduler place them (on a VM, a wake-up on the other core costs far
/// more than a switch on this one).
///
/// The first figure is what `sctpconform run` does: the live RFC rule checker judges every packet. The
/// second runs without it (`run --no-rules`), so the checker's share shows; `--no-rules` prints only that.
/// For usrsctp a third figure follows, measured in the same run: the in-process ceiling, usrsctp alone
/// doing the handshake scenario's exchange with no harness (`USRSCTPCeiling`), then the ratio and the
/// harness's share of a run's time. One runner serves every iteration, as `run` does for a folder: each
/// run resets the previous run's helper.
enum ScenarioBenchmark {
    static let usage =
        "usage: sctpconform-bench scenario [FILE] [--iterations N] [--target NAME] [--no-rules] [--cpu C|any]"
    /// Issue 10's goal for the handshake scenario with the rule checker, on one core.
    static let goalRunsPerSecond = 5_000.0

    /// Returns the process exit status.
    static func run(arguments: [String]) -> Int32 {
        var path = "Scenarios/handshake.yaml"
        var iterations = 200
        var targetName = "usrsctp"
        var withRules = true
        var cpu: Int? = 0
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--iterations", "-n":
                guard index + 1 < arguments.count, let value = Int(arguments[index + 1]), value > 0 else {
                    print(Self.usage)
                    return 2
                }
                iterations = value
                index += 1
            case "--target":
                guard index + 1 < arguments.count else {
                    print(Self.usage)
                    return 2
                }
                targetName = arguments[index + 1]
                index += 1
            case "--no-rules":
                withRules = false
            case "--cpu":
                guard index + 1 < arguments.count, arguments[index + 1] == "any" || Int(arguments[index + 1]) != nil
                else {
                    print(Self.usage)
                    return 2
                }
                cpu = Int(arguments[index + 1])
                index += 1
            default:
                path = argument
            }
            index += 1
        }

        if let cpu { Bench.pin(to: cpu) }
        print("one core (cpu \(cpu.map(String.init) ?? "any")): the harness and its helper")
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader().load(path: path)
        } catch {
            print(error.description)
            return 2
        }
        guard let descriptor = TargetRegistry.standard.descriptor(named: targetName) else {
            print("unknown target \(targetName)")
            return 2
        }
        if case .unavailable(let reason, let hint) = descriptor.checkAvailability() {
            print("target \(targetName) unavailable: \(reason) (\(hint))")
            return 2
        }

        var modes: [(label: String, configuration: RunnerConfiguration)] = []
        if withRules {
            modes.append(
                ("with the rule checker, as `run`", RunnerConfiguration(makeCheckers: RulesLiveChecker.factory)))
        }
        modes.append(("without the rule checker, as `run --no-rules`", RunnerConfiguration()))
        var rates: [Double] = []
        for mode in modes {
            guard let rate = Self.measure(
                scenario, descriptor: descriptor, configuration: mode.configuration, iterations: iterations,
                label: "\(targetName), \(mode.label)")
            else { return 1 }
            rates.append(rate)
        }
        if withRules, let rate = rates.first {
            print("  goal: >= \(Self.format(Self.goalRunsPerSecond)) runs/s with the rule checker: "
                + (rate >= Self.goalRunsPerSecond ? "met" : "not met"))
        }
        if targetName == "usrsctp" {
            return Self.printCeiling(iterations: max(iterations, 1_000), harnessRates: rates, withRules: withRules)
        }
        return 0
    }

    /// Measures the in-process ceiling and prints it beside the harness's figures.
    private static func printCeiling(iterations: Int, harnessRates: [Double], withRules: Bool) -> Int32 {
        let ceiling: USRSCTPCeiling.Measurement
        do {
            ceiling = try USRSCTPCeiling.measure(iterations: iterations)
        } catch {
            print("in-process ceiling: \(error)")
            return 1
        }
        let ceilingRate = ceiling.runsPerSecond
        print(
            "in-process ceiling (usrsctp alone, the same exchange over AF_CONN, no harness): \(ceiling.runs) runs, "
                + "\(Self.format(ceilingRate)) runs/s, \(Self.format(1_000 / ceilingRate)) ms per run "
                + "(\(ceiling.packets / max(ceiling.runs, 1)) packets)")
        let labels = withRules ? ["with the rule checker", "without the rule checker"] : ["without the rule checker"]
        for (label, rate) in zip(labels, harnessRates) where rate > 0 {
            let share = max(0, 1 - rate / ceilingRate) * 100
            print(
                "  \(label): \(Self.format(rate / ceilingRate * 100))% of the ceiling (ceiling / harness = "
                    + "\(Self.format(ceilingRate / rate))x); the harness's share of a run: \(Self.format(share))%")
        }
        return 0
    }

    /// Runs `scenario` once to warm up, then `iterations` times, prints the rates and returns the
    /// scenarios per second (nil when a run did not pass).
    private static func measure(
        _ scenario: Scenario, descriptor: TargetDescriptor, configuration: RunnerConfiguration, iterations: Int,
        label: String
    ) -> Double? {
        let runner = ScenarioRunner(target: descriptor, configuration: configuration)
        let warmUp = runner.run(scenario)
        guard warmUp.verdict == .pass else {
            print("\(scenario.id) does not pass against \(label) (\(warmUp.verdict.rawValue): \(warmUp.reason ?? ""))")
            return nil
        }
        var packets = 0
        let clock = ContinuousClock()
        let cpuBefore = Self.processCPUSeconds()
        let start = clock.now
        for _ in 0..<iterations {
            let result = runner.run(scenario)
            guard result.verdict == .pass else {
                print("run failed: \(result.verdict.rawValue) \(result.reason ?? "")")
                return nil
            }
            packets += result.packets.count
        }
        let elapsed = clock.now - start
        let cpu = Self.processCPUSeconds() - cpuBefore
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let perScenario = seconds / Double(iterations) * 1_000
        print(
            "scenario \(scenario.id) against \(label): \(iterations) runs in \(Self.format(seconds)) s, "
                + "\(Self.format(Double(iterations) / seconds)) scenarios/s, "
                + "\(Self.format(Double(packets) / seconds)) packets/s, "
                + "\(Self.format(perScenario)) ms per run (\(packets / iterations) packets, "
                + "\(warmUp.duration) virtual time each); the harness process's own CPU time: "
                + "\(Self.format(cpu / Double(iterations) * 1e6)) µs per run (the helper's not included)")
        return Double(iterations) / seconds
    }

    /// User plus system CPU time of this process so far (children such as the helper excluded).
    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
