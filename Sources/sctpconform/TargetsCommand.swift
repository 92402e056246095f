import ArgumentParser
import Targets

/// `sctpconform targets`: the systems under test, whether each can run here, and how to fix it if not.
struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "List the systems under test, their capabilities, and whether they can run here.",
        discussion: "Exit code 1 when --check is given and a target failed to start.")

    @Flag(
        help: ArgumentHelp(
            "Also start and stop each available target once (builds the usrsctp helper and agent if needed, "
                + "makes and removes a network namespace pair for usrsctp-raw and usrsctp-udp)."))
    var check = false

    func run() throws {
        let listing = TargetListing(registry: .standard, startEach: self.check)
        print(listing.render(), terminator: "")
        if !listing.allChecksPassed {
            throw ExitCode(1)
        }
    }
}
