import ArgumentParser
import Foundation
import Reports
import Runner
import Scenario
import Targets

/// `sctpconform run PATH...`: runs scenario files against a target and writes pcap, JSON, JUnit and
/// HTML reports. Exit status: 0 all passed (skips and known deviations allowed), 1 a FAIL or ERROR (with
/// `--strict`, also a known deviation), 2 usage or configuration error (bad scenario file, unknown
/// target, missing file, unusable reports folder). SIGINT, SIGTERM or SIGHUP stop the run (see
/// `RunInterruption`): the helpers are ended and the reports folder keeps the previous run's set.
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

            The reports folder is checked before any scenario runs. The run writes its reports into a \
            hidden staging folder inside it and switches them in at the end, removing the files of the \
            previous run that it did not replace (other files are left alone); an interrupted run \
            (SIGINT, SIGTERM, SIGHUP) stops the helper processes, removes the staging folder and leaves \
            the previous run's reports as they were.

            Exit status: 0 all passed (skips and known deviations allowed), 1 a scenario FAILed or ended \
            in ERROR, 2 usage or configuration error, 128 + the signal number when interrupted.
            """)

    @Argument(help: "Scenario files or folders.")
    var paths: [String]

    @Option(help: "The system under test (see the target registry).")
    var target = "usrsctp"

    @Option(
        parsing: .unconditional, help: "Seed for the target's and the harness's randomness (0 to 2^64-1).",
        transform: RunCommand.seed)
    var seed: UInt64 = RunnerConfiguration.defaultSeed

    @Option(help: "Directory for the pcap, JSON, JUnit and HTML reports.")
    var reports = "Reports"

    @Flag(help: "Print the results as JSON instead of one line per scenario.")
    var json = false

    @Flag(help: "Do not judge the exchange with the live RFC rule checker (only the scenario's expectations).")
    var noRules = false

    @Flag(help: "Count known deviations (known_deviations: in scenario files) as failures.")
    var strict = false

    @OptionGroup(title: "Real-time targets")
    var realTime: RealTimeOptions

    func run() throws {
        // First, before any other thread starts: a signal from now on stops the run cleanly.
        let interruption = RunInterruption.install()
        let realTimeOptions = try self.realTime.targetOptions(target: self.target)
        let registry = TargetRegistry.standard(realTimeOptions)
        guard let descriptor = registry.descriptor(named: self.target) else {
            throw CommandFailure("unknown target '\(self.target)' (known: \(registry.names.joined(separator: ", ")))")
        }
        var scenarios = try self.loadScenarios()
        if let port = self.realTime.sutPort {
            for index in scenarios.indices { scenarios[index].sutPort = port }
        }
        if case .unavailable(let reason, let hint) = descriptor.checkAvailability() {
            throw CommandFailure("target \(self.target) cannot run here: \(reason)\n  \(hint)")
        }
        // The reports folder is checked before any scenario runs; the run writes into a staging
        // folder inside it and switches its reports in at the end.
        let folder: ReportFolder
        do {
            folder = try interruption.stage { () throws(ReportError) in try ReportFolder(path: self.reports) }
        } catch {
            throw CommandFailure("cannot use '\(self.reports)' as the reports folder: \(error.reason)")
        }

        var configuration = RunnerConfiguration(seed: self.seed, strict: self.strict)
        if !self.noRules {
            configuration.makeCheckers = RulesLiveChecker.factory
        }
        // Before anything is sent: what goes where, and the timing a real-time target works with.
        let timing = descriptor.capabilities.contains(.virtualTime)
            ? nil : "real time, tolerance \(realTimeOptions.tolerance)"
        var plan: [String] = []
        if let peer = realTimeOptions.remote {
            let ports = Set(scenarios.map(\.sutPort)).sorted().map(String.init).joined(separator: ", ")
            plan.append(peer.plan(port: 0).replacingOccurrences(of: "port 0", with: "port \(ports)"))
        }
        if let timing { plan.append("target \(self.target): \(timing)") }
        for line in plan {
            if self.json {
                FileHandle.standardError.write(Data((line + "\n").utf8))
            } else {
                print(line)
            }
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
            try interruption.settle { () throws(ReportError) in
                do throws(ReportError) {
                    let written = try ReportWriter(directory: folder.stagingPath).write(
                        results, target: self.target, seed: self.seed)
                    try folder.commit(written: written)
                } catch {
                    folder.discard()
                    throw error
                }
            }
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
                    + " (target \(self.target), seed \(self.seed)\(timing.map { ", \($0)" } ?? ""), reports in "
                    + "\(self.reports))")
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

    /// `--seed N`: taken whatever it looks like (so `-1` is judged as a seed, not read as an option)
    /// and refused unless it is a whole number that fits in 64 bits.
    static func seed(_ text: String) throws -> UInt64 {
        guard let value = UInt64(text) else {
            throw ValidationError(
                "'\(text)' is not a seed: a seed is a whole number from 0 to \(UInt64.max)"
                    + (text.hasPrefix("-") ? " (negative numbers are not seeds)" : ""))
        }
        return value
    }
}
