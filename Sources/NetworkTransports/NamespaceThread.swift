import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs work on a thread that first entered a network namespace (`setns(2)` with CLONE_NEWNET on the
/// file `ip netns add` makes, `/var/run/netns/NAME`), so that sockets created by that work belong to
/// the namespace: a raw socket there sees only that namespace's packets. Only the helper thread
/// changes namespace; the caller's thread and the rest of the process stay where they are.
public enum NamespaceThread {
    /// Why the namespace could not be entered.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Runs `body` on a new thread inside the namespace at `path` (nil: on a new thread in the
    /// current namespace) and returns its result; waits at most `timeoutSeconds`.
    public static func run<Value: Sendable>(
        in path: String?, timeoutSeconds: Double = 30, _ body: @escaping @Sendable () throws -> Value
    ) throws -> Value {
        let box = ResultBox<Value>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            defer { done.signal() }
            if let path {
                if let failure = Self.enter(path) {
                    box.set(.failure(failure))
                    return
                }
            }
            box.set(Result { try body() })
        }
        thread.name = "sctpconform netns"
        thread.start()
        guard done.wait(timeout: .now() + timeoutSeconds) == .success else {
            throw Failure(description: "opening a socket in \(path ?? "this namespace") took over \(timeoutSeconds) s")
        }
        return try box.get()
    }

    /// CLONE_NEWNET from <sched.h> (not exported to Swift).
    private static let cloneNewNet: Int32 = 0x4000_0000

    private typealias SetNamespace = @convention(c) (Int32, Int32) -> Int32

    /// `setns` looked up at run time (glibc declares it only under _GNU_SOURCE, which Swift's Glibc
    /// module does not see).
    private static let setNamespace: SetNamespace? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setns") else { return nil }
        return unsafeBitCast(symbol, to: SetNamespace.self)
    }()

    private static func enter(_ path: String) -> Failure? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return Failure(
                description: "cannot open the network namespace \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        guard let setNamespace = Self.setNamespace else {
            return Failure(description: "this C library has no setns(2)")
        }
        if setNamespace(fd, Self.cloneNewNet) != 0 {
            return Failure(
                description: "cannot enter the network namespace \(path): \(String(cString: strerror(errno)))")
        }
        return nil
    }
}

private final class ResultBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Value, any Error>?

    func set(_ result: Result<Value, any Error>) {
        self.lock.withLock { self.result = result }
    }

    func get() throws -> Value {
        guard let result = self.lock.withLock({ self.result }) else {
            throw NamespaceThread.Failure(description: "the namespace thread ended without a result")
        }
        return try result.get()
    }
}
