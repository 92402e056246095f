import ArgumentParser
import Foundation
import Fuzz

/// `sctpconform corpus minimize|merge`: corpus folders of `fuzz` (format in `Corpus/README.md`).
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Minimize or merge fuzz corpus folders.",
        subcommands: [Minimize.self, Merge.self])

    struct Minimize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Keep a smallest set of inputs showing every response the corpus shows; remove the rest.",
            discussion: "Run with the --target, --scenario and --seed the corpus was made with.")

        @Argument(help: "The corpus folder.")
        var folder: String

        @Option(help: "The system under test.")
        var target = "usrsctp"

        @Option(help: "The prefix the corpus was made from (scenario or preamble file).")
        var scenario: String?

        @Option(parsing: .unconditional, help: "The campaign's seed.", transform: RunCommand.seed)
        var seed: UInt64 = 1

        func run() throws {
            guard FileManager.default.fileExists(atPath: self.folder) else {
                throw CommandFailure("\(self.folder): error: no such folder")
            }
            let descriptor = try FuzzPrefixLoading.descriptor(self.target)
            let prefix = try FuzzPrefixLoading.prefix(self.scenario)
            let result: CorpusMaintenance.Minimized
            do {
                result = try CorpusMaintenance.minimize(
                    folder: self.folder, executor: FuzzExecutorFactory.make(for: descriptor), prefix: prefix,
                    seed: self.seed)
            } catch {
                throw CommandFailure("corpus minimize: \(error.reason)")
            }
            for problem in result.problems {
                FileHandle.standardError.write(Data("warning: \(problem) (left alone)\n".utf8))
            }
            print(
                "corpus \(self.folder): kept \(result.kept.count), removed \(result.removed.count) "
                    + "(\(result.features) response features)")
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the inputs of other corpus folders (shards) into one, each under its content name.")

        @Argument(help: "The folder to merge into (made if missing).")
        var destination: String

        @Argument(help: "The folders to merge from.")
        var sources: [String]

        func run() throws {
            let result: (added: Int, problems: [String])
            do {
                result = try CorpusMaintenance.merge(into: self.destination, from: self.sources)
            } catch {
                throw CommandFailure("corpus merge: \(error.description)")
            }
            for problem in result.problems {
                FileHandle.standardError.write(Data("warning: \(problem) (skipped)\n".utf8))
            }
            print("corpus \(self.destination): \(result.added) inputs added from \(self.sources.count) folders")
            if result.problems.contains(where: { $0.hasSuffix("no such folder") }) { throw ExitCode(2) }
        }
    }
}
