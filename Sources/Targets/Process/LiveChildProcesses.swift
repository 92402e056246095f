import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The helper processes the harness has started and not yet reaped, so that a harness stopped by
/// a signal (`sctpconform run` on SIGINT or SIGTERM) can end them before it exits: no helper
/// outlives the harness. `ChildSpawn` adds each child it starts and removes it once reaped.
public final class LiveChildProcesses: @unchecked Sendable {
    /// Every child of this process started through `ChildSpawn`.
    public static let shared = LiveChildProcesses()

    private let lock = NSLock()
    private var identifiers = Set<pid_t>()

    func add(_ pid: pid_t) {
        self.lock.withLock { _ = self.identifiers.insert(pid) }
    }

    func remove(_ pid: pid_t) {
        self.lock.withLock { _ = self.identifiers.remove(pid) }
    }

    /// The children alive now.
    public var processIdentifiers: Set<pid_t> {
        self.lock.withLock { self.identifiers }
    }

    /// Kills every live child with SIGKILL and reaps it (each wait bounded); returns how many there were.
    @discardableResult
    public func killAll() -> Int {
        let children = self.lock.withLock { self.identifiers }
        for pid in children {
            _ = kill(pid, SIGKILL)
        }
        for pid in children {
            _ = ChildSpawn.reap(pid, timeoutMilliseconds: 2_000)
        }
        return children.count
    }
}
