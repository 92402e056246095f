import Foundation
import Runner
import Scenario
import Targets

/// `sctpconform-bench scenario [FILE] [--iterations N] [--target NAME] [--no-rules]`: runs one scenario
/// (by default `Scenarios/handshake.yaml`) repeatedly against a target and prints scenarios per second
/// and packets per second (both directions), in wall-clock time. Figures only: nothing here is asserted.
///
/// The first figure is what `sctpconform run` does: the live RFC rule checker judges every packet. The
/// second runs without it (`run --no-rules`), so the checker's share shows; `--no-rules` prints only that.
enum ScenarioBenchmark {
    static let usage = "usage: sctpconform-bench scenario [FILE] [--iterations N] [--target NAME] [--no-rules]"

    /// Returns the process exit status.
    static func run(arguments: [String]) -> Int32 {
        var path = "Scenarios/handshake.yaml"
        var iterations = 200
        var targetName = "usrsctp"
        var withRules = true
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
            default:
                path = argument
            }
            index += 1
        }

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
        for mode in modes {
            let status = Self.measure(
                scenario, descriptor: descriptor, configuration: mode.configuration, iterations: iterations,
                label: "\(targetName), \(mode.label)")
            if status != 0 { return status }
        }
        return 0
    }

    /// Runs `scenario` once to warm up, then `iterations` times, and prints the rates.
    private static func measure(
        _ scenario: Scenario, descriptor: TargetDescriptor, configuration: RunnerConfiguration, iterations: Int,
        label: String
    ) -> Int32 {
        let runner = ScenarioRunner(target: descriptor, configuration: configuration)
        let warmUp = runner.run(scenario)
        guard warmUp.verdict == .pass else {
            print("\(scenario.id) does not pass against \(label) (\(warmUp.verdict.rawValue): \(warmUp.reason ?? ""))")
            return 1
        }
        var packets = 0
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<iterations {
            let result = runner.run(scenario)
            guard result.verdict == .pass else {
                print("run failed: \(result.verdict.rawValue) \(result.reason ?? "")")
                return 1
            }
            packets += result.packets.count
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let perScenario = seconds / Double(iterations) * 1_000
        print(
            "scenario \(scenario.id) against \(label): \(iterations) runs in \(Self.format(seconds)) s, "
                + "\(Self.format(Double(iterations) / seconds)) scenarios/s, "
                + "\(Self.format(Double(packets) / seconds)) packets/s, "
                + "\(Self.format(perScenario)) ms per run (\(packets / iterations) packets, "
                + "\(warmUp.duration) virtual time each)")
        return 0
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
