import ArgumentParser
import Foundation

/// `sctpconform`: the command-line entry point. Each subcommand lives in its own file.
@main
struct SCTPConform: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sctpconform",
        abstract: "Deterministic SCTP conformance and fuzz test harness.",
        discussion: """
            Exit codes: 0 success (all passed / no MUST-level findings), 1 a test failed or a MUST-level \
            finding, 2 usage, configuration or input error.
            """,
        subcommands: [
            DecodeCommand.self, TargetsCommand.self, RunCommand.self, CheckCommand.self, RulesCommand.self, FuzzCommand.self,
            CorpusCommand.self,
        ]
    )

    /// Runs the command, mapping argument-parser's usage errors (exit 64) and a command's
    /// `CommandFailure` to our exit code 2 so that every usage, configuration or input error exits the
    /// same way. The only place the tool exits.
    static func main() {
        do {
            var command = try Self.parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data((failure.message + "\n").utf8))
            Self.exit(withError: ExitCode(2))
        } catch {
            let code = Self.exitCode(for: error)
            if code == .validationFailure {
                let message = Self.fullMessage(for: error)
                if !message.isEmpty {
                    FileHandle.standardError.write(Data((message + "\n").utf8))
                }
                Self.exit(withError: ExitCode(2))
            }
            Self.exit(withError: error)
        }
    }
}
