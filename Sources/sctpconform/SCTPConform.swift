import ArgumentParser

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
        subcommands: [DecodeCommand.self, TargetsCommand.self, RunCommand.self, CheckCommand.self, RulesCommand.self]
    )
}
