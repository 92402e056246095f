#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a short-lived tool (the C compiler) to completion with a bounded real-time wait, its
/// stdout and stderr captured together.
enum ToolRunner {
    struct Outcome {
        /// How it ended; nil if it had to be killed because it overran the timeout.
        var exit: ChildExit?
        /// stdout and stderr, interleaved as written (at most the last 64 KiB).
        var output: String

        var succeeded: Bool { self.exit == .exited(status: 0) }
    }

    static func run(
        path: String, arguments: [String], timeoutMilliseconds: Int64
    ) throws(ChildSpawn.Failure) -> Outcome {
        let output = try ChildSpawn.pipe()
        var readEnd = output.read
        var writeEnd = output.write
        defer {
            ChildSpawn.closeDescriptor(&readEnd)
            ChildSpawn.closeDescriptor(&writeEnd)
        }
        var nullInput = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { ChildSpawn.closeDescriptor(&nullInput) }
        let pid = try ChildSpawn.spawn(
            path: path, arguments: arguments, standardInput: nullInput >= 0 ? nullInput : writeEnd,
            standardOutput: writeEnd, standardError: writeEnd)
        ChildSpawn.closeDescriptor(&writeEnd)

        let deadline = LivenessClock.milliseconds() + timeoutMilliseconds
        var captured: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 8_192)
        reading: while true {
            let remaining = deadline - LivenessClock.milliseconds()
            if remaining <= 0 {
                _ = ChildSpawn.killAndReap(pid)
                return Outcome(exit: nil, output: String(decoding: captured, as: UTF8.self))
            }
            var fds = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 1, Int32(clamping: remaining))
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break reading }
            captured.append(contentsOf: chunk[0..<count])
            if captured.count > 65_536 { captured.removeFirst(captured.count - 65_536) }
        }
        let remaining = max(0, deadline - LivenessClock.milliseconds())
        let exit = ChildSpawn.reap(pid, timeoutMilliseconds: remaining) ?? ChildSpawn.killAndReap(pid)
        return Outcome(exit: exit, output: String(decoding: captured, as: UTF8.self))
    }

    /// The first executable file called `name` in `$PATH` (or `name` itself if it contains a slash).
    static func findExecutable(_ name: String, environment: [String: String]) -> String? {
        if name.contains("/") {
            return access(name, X_OK) == 0 ? name : nil
        }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
