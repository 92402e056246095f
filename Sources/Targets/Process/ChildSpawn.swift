import CProcessSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a child process ended.
public enum ChildExit: Hashable, Sendable, CustomStringConvertible {
    /// `exit(status)`.
    case exited(status: Int32)
    /// Killed by a signal.
    case signaled(signal: Int32)

    public var description: String {
        switch self {
        case .exited(let status): return "exited with status \(status)"
        case .signaled(let signal): return "killed by signal \(signal) (\(ChildExit.signalName(signal)))"
        }
    }

    /// `SIGKILL`, `SIGSEGV`, ...: the usual name of a Linux signal number.
    public static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS",
            8: "SIGFPE", 9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE",
            14: "SIGALRM", 15: "SIGTERM", 24: "SIGXCPU", 25: "SIGXFSZ", 31: "SIGSYS",
        ]
        return names[signal] ?? "signal \(signal)"
    }

    /// Whether the process raised this signal itself on a fault (a crash of what it runs), as
    /// opposed to being sent it from outside (SIGKILL, SIGTERM, SIGINT, ...).
    public var isFault: Bool {
        guard case .signaled(let signal) = self else { return false }
        // SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS
        return [4, 5, 6, 7, 8, 11, 24, 25, 31].contains(signal)
    }

    init?(waitStatus status: Int32) {
        let low = status & 0x7f
        if low == 0 {
            self = .exited(status: (status >> 8) & 0xff)
        } else if low != 0x7f {
            self = .signaled(signal: low)
        } else {
            return nil  // stopped, not ended
        }
    }
}

/// The real monotonic clock, in milliseconds. Used ONLY as a liveness guard on child processes
/// (how long to wait for an answer before declaring a helper hung), never for protocol timing.
enum LivenessClock {
    static func milliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000 + Int64(spec.tv_nsec) / 1_000_000
    }
}

/// Low-level process plumbing shared by the hosted targets: spawn with chosen standard descriptors,
/// reap with a bounded wait, descriptors that never leak into other children.
enum ChildSpawn {
    struct Failure: Error {
        var operation: String
        var errno: Int32

        var message: String { "\(self.operation): \(String(cString: strerror(self.errno)))" }
    }

    /// A one-way channel whose two ends are close-on-exec (so no other child inherits them). It is a
    /// socketpair, because pipe2(2) is not visible from Swift's Glibc module and pipe(2) followed by
    /// fcntl would leave a window in which a concurrent spawn inherits the descriptors.
    static func pipe() throws(Failure) -> (read: Int32, write: Int32) {
        let (read, write) = try self.socketPair()
        _ = shutdown(read, Int32(SHUT_WR))
        _ = shutdown(write, Int32(SHUT_RD))
        return (read, write)
    }

    /// A kernel pipe, both ends close-on-exec from the start. Cheaper per message than `pipe()` (about
    /// half the cost of a socket round trip where a context switch is expensive, as in a VM), but a
    /// write to it after its reader died raises SIGPIPE: whoever writes to one must have called
    /// `ignoreBrokenPipes()`.
    static func kernelPipe() throws(Failure) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard sctpconform_pipe_cloexec(&fds) == 0 else {
            throw Failure(operation: "pipe2", errno: errno)
        }
        return (fds[0], fds[1])
    }

    /// Makes a write to a pipe whose reader died fail with EPIPE instead of ending the harness with
    /// SIGPIPE (process-wide, once, unless the process already handles SIGPIPE; spawned children get
    /// the default back).
    static func ignoreBrokenPipes() {
        _ = Self.brokenPipesIgnored
    }

    private static let brokenPipesIgnored: Void = sctpconform_ignore_sigpipe_unless_handled()

    /// A connected pair of close-on-exec UNIX stream sockets.
    static func socketPair() throws(Failure) -> (Int32, Int32) {
        var fds: [Int32] = [-1, -1]
        #if canImport(Glibc)
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
        let type = SOCK_STREAM | SOCK_CLOEXEC
        #endif
        guard socketpair(AF_UNIX, type, 0, &fds) == 0 else {
            throw Failure(operation: "socketpair", errno: errno)
        }
        return (fds[0], fds[1])
    }

    /// Starts `path` with `arguments`, its descriptors 0, 1 and 2 duplicated from the given ones
    /// (which stay open in the parent: the caller closes them). Inherits the environment unless
    /// `environment` is given.
    static func spawn(
        path: String, arguments: [String], standardInput: Int32, standardOutput: Int32, standardError: Int32,
        environment: [String: String]? = nil
    ) throws(Failure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, standardInput, 0)
        posix_spawn_file_actions_adddup2(&actions, standardOutput, 1)
        posix_spawn_file_actions_adddup2(&actions, standardError, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with default signal handling (SIGPIPE included) whatever the harness set.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { variables in
            variables.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }
        defer { envp?.forEach { free($0) } }
        var pid: pid_t = 0
        let status: Int32
        if var envp {
            status = posix_spawn(&pid, path, &actions, &attributes, argv, &envp)
        } else {
            status = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        }
        guard status == 0 else { throw Failure(operation: "posix_spawn \(path)", errno: status) }
        LiveChildProcesses.shared.add(pid)
        return pid
    }

    /// Waits up to `timeoutMilliseconds` (real time) for `pid` to end; nil if it is still running.
    static func reap(_ pid: pid_t, timeoutMilliseconds: Int64) -> ChildExit? {
        let deadline = LivenessClock.milliseconds() + timeoutMilliseconds
        var pause: Int32 = 1
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid, let exit = ChildExit(waitStatus: status) {
                LiveChildProcesses.shared.remove(pid)
                return exit
            }
            if result < 0 && errno == ECHILD {
                LiveChildProcesses.shared.remove(pid)  // reaped already (by another thread)
                return nil
            }
            if result < 0 && errno != EINTR { return nil }
            if LivenessClock.milliseconds() >= deadline { return nil }
            _ = poll(nil, 0, pause)
            pause = min(pause * 2, 20)
        }
    }

    /// Kills `pid` with SIGKILL and reaps it (bounded).
    static func killAndReap(_ pid: pid_t) -> ChildExit? {
        _ = kill(pid, SIGKILL)
        return self.reap(pid, timeoutMilliseconds: 5_000)
    }

    /// Closes `fd` if it is open and marks it closed.
    static func closeDescriptor(_ fd: inout Int32) {
        if fd >= 0 {
            _ = close(fd)
            fd = -1
        }
    }

    /// Makes reads and writes on `fd` non-blocking.
    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }
}
