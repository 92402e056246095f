import ArgumentParser
import Foundation
import Reports
import Runner
import Scenario
import Targets

/// `sctpconform run PATH...`: runs scenario files against a target and writes pcap, JSON, JUnit and
/// HTML reports. Exit status: 0 all passed (skips and known deviations allowed), 1 a FAIL or ERROR (with
/// `--strict`, also a known deviation), 2 usage or configuration error (bad scenario file, unknown
/// target, missing file, unwritable reports).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run scenario files against a system under test.",
        discussion: """
            PATH may be files or folders (searched recursively for *.yaml, in sorted order). Each run \
            writes <id>.pcap and <id>.json per scenario, run.json, junit.xml and index.html (a page to \
            read in a browser) under --reports. The same seed gives byte-identical reports.

            A failure at a step the scenario's known_deviations: waives for this target is reported as \
            DEVIATION and does not fail the run; --strict counts it as a FAIL. A waiver whose deviation \
            no longer occurs is a FAIL.

            Exit status: 0 all passed (skips and known deviations allowed), 1 a scenario FAILed or ended \
            in ERROR, 2 usage or configuration error.
            """)

    @Argument(help: "Scenario files or folders.")
    var paths: [String]

    @Option(help: "The system under test (see the target registry).")
    var target = "usrsctp"

    @Option(help: "Seed for the target's and the harness's randomness.")
    var seed: UInt64 = RunnerConfiguration.defaultSeed

    @Option(help: "Directory for the pcap, JSON, JUnit and HTML reports.")
    var reports = "Reports"

    @Flag(help: "Print the results as JSON instead of one line per scenario.")
    var json = false

    @Flag(help: "Do not judge the exchange with the live RFC rule checker (only the scenario's expectations).")
    var noRules = false

    @Flag(help: "Count known deviations (known_deviations: in scenario files) as failures.")
    var strict = false

    func run() throws {
        let registry = TargetRegistry.standard
        guard let descriptor = registry.descriptor(named: self.target) else {
            throw CommandFailure("unknown target '\(self.target)' (known: \(registry.names.joined(separator: ", ")))")
        }
        let scenarios = try self.loadScenarios()
        if case .unavailable(let reason, let hint) = descriptor.checkAvailability() {
            throw CommandFailure("target \(self.target) cannot run here: \(reason)\n  \(hint)")
        }

        var configuration = RunnerConfiguration(seed: self.seed, strict: self.strict)
        if !self.noRules {
            configuration.makeCheckers = RulesLiveChecker.factory
        }
        let runner = ScenarioRunner(target: descriptor, configuration: configuration)
        var results: [ScenarioResult] = []
        let idWidth = ConsoleReport.idWidth(scenarios.map(\.id))
        for scenario in scenarios {
            let result = runner.run(scenario)
            results.append(result)
            if !self.json {
                print(ConsoleReport.line(result, idWidth: idWidth))
                for line in ConsoleReport.details(result) {
                    print("      " + line)
                }
            }
        }

        do {
            try ReportWriter(directory: self.reports).write(results, target: self.target, seed: self.seed)
        } catch {
            throw CommandFailure(error.description)
        }
        if self.json {
            let document = JSONValue.object([
                (
                    "run",
                    ResultJSON.run(
                        results, target: self.target, seed: self.seed,
                        files: Dictionary(
                            results.map { ($0.scenarioID, "\($0.scenarioID).json") },
                            uniquingKeysWith: { first, _ in first })
                    )
                ),
                ("results", .array(results.map { ResultJSON.scenario($0, pcapName: "\($0.scenarioID).pcap") })),
            ])
            print(document.serialized(), terminator: "")
        } else {
            print(
                ConsoleReport.summary(results)
                    + " (target \(self.target), seed \(self.seed), reports in \(self.reports))")
        }
        let summary = RunSummary(results)
        if !summary.succeeded {
            throw ExitCode(summary.exitStatus)
        }
    }

    /// Finds and loads every scenario; any problem in any file is a configuration error (exit 2)
    /// after all problems have been printed.
    private func loadScenarios() throws(CommandFailure) -> [Scenario] {
        let (files, missing) = ScenarioLoader.scenarioFiles(in: self.paths)
        var problems = missing.map { "\($0): error: no such file or folder" }
        if files.isEmpty && missing.isEmpty {
            problems.append("no scenario files (*.yaml) in \(self.paths.joined(separator: ", "))")
        }
        let loader = ScenarioLoader()
        var scenarios: [Scenario] = []
        var seen: [String: String] = [:]
        for file in files {
            do {
                let scenario = try loader.load(path: file)
                if let other = seen[scenario.id] {
                    problems.append("\(file):1:1: error: scenario id '\(scenario.id)' is already used by \(other)")
                }
                seen[scenario.id] = file
                scenarios.append(scenario)
            } catch {
                problems += error.errors.map(\.description)
            }
        }
        if !problems.isEmpty {
            throw CommandFailure(problems.joined(separator: "\n"))
        }
        return scenarios
    }
}
