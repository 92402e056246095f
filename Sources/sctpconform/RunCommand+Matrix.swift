import ArgumentParser
import Foundation
import Reports
import Runner
import Scenario
import Targets

/// `sctpconform run PATH... --target a,b,...`: the same scenarios on each target in turn, then the
/// scenario × target matrix (console, `run.json`, `index.html`, `junit.xml`; each target's pcaps and
/// per-scenario JSON in a folder of its own, see `ReportWriter.write(matrix:seed:profile:)`). The
/// report set is staged and switched in as for one target. Exit status 1 when any cell failed.
extension RunCommand {
    func runMatrix(
        _ scenarios: [Scenario], descriptors: [(name: String, descriptor: TargetDescriptor)],
        configuration: RunnerConfiguration, folder: ReportFolder, interruption: RunInterruption
    ) throws {
        var runs: [(target: String, results: [ScenarioResult])] = []
        let idWidth = ConsoleReport.idWidth(scenarios.map(\.id))
        let labels = ComparisonMatrix.labels(descriptors.map(\.name))
        for ((name, descriptor), label) in zip(descriptors, labels) {
            let runner = ScenarioRunner(target: descriptor, configuration: configuration)
            if !self.json {
                print("target \(label):")
            }
            var results: [ScenarioResult] = []
            for scenario in scenarios {
                let result = runner.run(scenario)
                results.append(result)
                if !self.json {
                    print("  " + ConsoleReport.line(result, idWidth: idWidth))
                    for line in ConsoleReport.details(result) {
                        print("        " + line)
                    }
                }
            }
            runner.pool.drain()
            runs.append((name, results))
        }
        let matrix = ComparisonMatrix(runs: runs)

        do {
            try interruption.settle { () throws(ReportError) in
                do throws(ReportError) {
                    let written = try ReportWriter(directory: folder.stagingPath).write(
                        matrix: matrix, seed: self.seed, profile: self.profile)
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
            var results: [JSONValue] = []
            for (column, label) in matrix.columns.map(\.label).enumerated() {
                results += matrix.results(column: column).map {
                    ResultJSON.scenario($0, pcapName: ReportWriter.matrixPcapPath(label: label, $0))
                }
            }
            let document = JSONValue.object([
                (
                    "run",
                    ResultJSON.matrix(
                        matrix, seed: self.seed, profile: self.profile, files: ReportWriter.matrixFiles(matrix))
                ),
                ("results", .array(results)),
            ])
            print(document.serialized(), terminator: "")
        } else {
            print("")
            for line in ConsoleReport.matrix(matrix) + ConsoleReport.matrixSummary(matrix) {
                print(line)
            }
            print("(seed \(self.seed)\(self.profileNote), reports in \(self.reports))")
        }
        let summary = matrix.summary
        if !summary.succeeded {
            throw ExitCode(summary.exitStatus)
        }
    }
}
