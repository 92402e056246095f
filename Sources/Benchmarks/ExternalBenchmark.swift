import Foundation
import Runner
import Scenario
import Targets
import VirtualTime

/// `sctpconform-bench external [FILE...] [--iterations N] [--tolerance D] [--target NAME]`: runs
/// scenarios (by default `Scenarios/handshake.yaml`) repeatedly against each external real-time
/// target (`usrsctp-raw`, `usrsctp-udp`) and prints scenarios per second with the real-time
/// tolerance used. On these targets a run lasts as long as its exchange takes on the wall clock
/// (the handshake waits for the SUT's heartbeat), so the figure says how long a suite takes, not how
/// fast the harness is. Figures only: nothing is asserted.
enum ExternalBenchmark {
    static let usage =
        "usage: sctpconform-bench external [FILE...] [--iterations N] [--tolerance D] [--target NAME]"

    static func run(arguments: [String]) -> Int32 {
        var paths: [String] = []
        var iterations = 3
        var tolerance = RealTimeTargetOptions().tolerance
        var targets = ["usrsctp-raw", "usrsctp-udp"]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch argument {
            case "--iterations", "-n":
                guard let value, let count = Int(value), count > 0 else {
                    print(Self.usage)
                    return 2
                }
                iterations = count
                index += 1
            case "--tolerance":
                guard let value, let duration = ScenarioDuration(parsing: value) else {
                    print(Self.usage)
                    return 2
                }
                tolerance = .nanoseconds(duration.nanoseconds)
                index += 1
            case "--target":
                guard let value else {
                    print(Self.usage)
                    return 2
                }
                targets = [value]
                index += 1
            default:
                paths.append(argument)
            }
            index += 1
        }
        if paths.isEmpty { paths = ["Scenarios/handshake.yaml"] }
        var scenarios: [Scenario] = []
        for path in paths {
            do {
                scenarios.append(try ScenarioLoader().load(path: path))
            } catch {
                print(error.description)
                return 2
            }
        }
        let registry = TargetRegistry.standard(RealTimeTargetOptions(tolerance: tolerance))
        var status: Int32 = 0
        for name in targets {
            guard let descriptor = registry.descriptor(named: name) else {
                print("unknown target \(name)")
                return 2
            }
            if case .unavailable(let reason, let hint) = descriptor.checkAvailability() {
                print("\(name): unavailable: \(reason) (\(hint))")
                status = 1
                continue
            }
            let runner = ScenarioRunner(
                target: descriptor, configuration: RunnerConfiguration(makeCheckers: RulesLiveChecker.factory))
            var verdicts: [Verdict: Int] = [:]
            let start = Date()
            for _ in 0..<iterations {
                for scenario in scenarios {
                    verdicts[runner.run(scenario).verdict, default: 0] += 1
                }
            }
            let seconds = Date().timeIntervalSince(start)
            runner.pool.drain()
            let runs = iterations * scenarios.count
            let counts = Verdict.allCases.compactMap { verdict in
                verdicts[verdict].map { "\(verdict.rawValue) \($0)" }
            }
            print(
                "\(name): \(runs) runs in \(String(format: "%.2f", seconds)) s = "
                    + "\(String(format: "%.3f", Double(runs) / seconds)) scenarios/s "
                    + "(real time, tolerance \(tolerance); \(counts.joined(separator: ", ")))")
        }
        return status
    }
}
