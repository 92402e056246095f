import Foundation
import Targets

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `sctpconform fuzz` does on SIGINT, SIGTERM or SIGHUP: the first asks the campaign to stop
/// after the batch (or shrink) under way, so the corpus and findings are written whole and the
/// summary printed; a second ends the helper processes and exits at once (files are written by rename,
/// so none is left half-written even then).
final class FuzzInterruption: @unchecked Sendable {
    private let lock = NSLock()
    private var signal: Int32?

    private init() {}

    /// Blocks the signals (before any other thread starts) and starts the thread that waits for them.
    static func install() -> FuzzInterruption {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in RunInterruption.signals {
            sigaddset(&set, signal)
        }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let interruption = FuzzInterruption()
        let signals = set
        let thread = Thread { interruption.waitForSignals(signals) }
        thread.name = "sctpconform signals"
        thread.start()
        return interruption
    }

    /// The signal that asked the campaign to stop, if one did.
    var received: Int32? {
        self.lock.withLock { self.signal }
    }

    private func waitForSignals(_ set: sigset_t) {
        var set = set
        while true {
            var number: Int32 = 0
            guard sigwait(&set, &number) == 0 else { continue }
            let first = self.lock.withLock { () -> Bool in
                defer { if self.signal == nil { self.signal = number } }
                return self.signal == nil
            }
            if first {
                FileHandle.standardError.write(
                    Data("\nsctpconform: \(ChildExit.signalName(number)): stopping after the current batch\n".utf8))
                continue
            }
            _ = LiveChildProcesses.shared.killAll()
            FileHandle.standardError.write(Data("sctpconform: interrupted again; stopped\n".utf8))
            _exit(128 + number)
        }
    }
}
