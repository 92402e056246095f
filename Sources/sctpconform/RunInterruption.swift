import Foundation
import Reports
import Targets

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `sctpconform run` does on SIGINT, SIGTERM or SIGHUP: ends the helper processes, removes the
/// run's staging folder (so the reports folder keeps the previous run's set, whole), says so on
/// stderr, and exits with 128 + the signal number.
///
/// The signals are blocked in every thread and taken by one thread waiting in `sigwait`, so the
/// clean-up runs as ordinary code, not in a signal handler. Switching the new reports in
/// (`settle`) holds the same lock as the clean-up: a signal during the switch waits for it to end,
/// and a run stopped then leaves the new set, whole.
final class RunInterruption: @unchecked Sendable {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private let lock = NSLock()
    private var folder: ReportFolder?
    private var isSettled = false

    private init() {}

    /// Blocks the signals (before any other thread starts, so that all inherit the mask; children
    /// are spawned with an empty mask) and starts the thread that waits for them.
    static func install() -> RunInterruption {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in Self.signals {
            sigaddset(&set, signal)
        }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let interruption = RunInterruption()
        let signals = set
        let thread = Thread { interruption.waitForSignal(signals) }
        thread.name = "sctpconform signals"
        thread.start()
        return interruption
    }

    /// Makes the reports folder's staging folder (`make`) and records it, to be removed if the run
    /// is interrupted before `settle`; a signal meanwhile waits, so no staging folder is left behind.
    func stage(_ make: () throws(ReportError) -> ReportFolder) throws(ReportError) -> ReportFolder {
        self.lock.lock()
        defer { self.lock.unlock() }
        let folder = try make()
        self.folder = folder
        return folder
    }

    /// Runs `body` (writing the reports into the staging folder and committing them, or discarding
    /// them) without a signal in the middle: the clean-up never races the writing.
    func settle<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        self.lock.lock()
        defer {
            self.isSettled = true
            self.lock.unlock()
        }
        return try body()
    }

    private func waitForSignal(_ set: sigset_t) {
        var set = set
        var signal: Int32 = 0
        while sigwait(&set, &signal) != 0 {}
        self.lock.lock()
        let helpers = LiveChildProcesses.shared.killAll()
        // The namespaces (and veth pairs) of real-time targets go too.
        LiveNamespaces.shared.removeAll()
        var outcome = ""
        if let folder = self.folder {
            if self.isSettled {
                outcome = "; the reports in \(folder.path) are complete"
            } else {
                folder.discard()
                outcome = "; the reports in \(folder.path) were left as they were"
            }
        }
        let stopped = helpers > 0 ? "; stopped \(helpers) helper process\(helpers == 1 ? "" : "es")" : ""
        fflush(nil)
        let name = ChildExit.signalName(signal)
        FileHandle.standardError.write(Data("sctpconform: interrupted by \(name)\(stopped)\(outcome)\n".utf8))
        _exit(128 + signal)
    }
}
