/// A configuration or input problem found while a command runs (an unknown target, a scenario that
/// does not load, a reports folder that cannot be written): thrown up to `SCTPConform.main`, which
/// prints `message` to standard error and exits with status 2. Commands never exit by themselves.
struct CommandFailure: Error, CustomStringConvertible {
    /// What went wrong, as the user reads it (may span lines).
    var message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { self.message }
}
