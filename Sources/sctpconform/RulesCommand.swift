import ArgumentParser
import Rules

/// `sctpconform rules`: the rule catalogue: id, severity, RFC sections, requirement.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the RFC rules the checker enforces.",
        discussion: "With --markdown, prints docs/rules.md.")

    @Flag(help: "Print the Markdown table of docs/rules.md.")
    var markdown = false

    func run() throws {
        print(self.markdown ? RuleTable.markdown() : RuleTable.text(), terminator: "")
    }
}
