#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A helper program that hosts a system under test, run as a child process and spoken to in
/// frames (a 32-bit big-endian length, then that many bytes): commands on a pipe to its fd 0, replies
/// on a pipe from its fd 1. Pipes, not a socketpair: a round trip is a context switch each way, and
/// where switches are dear (a VM) a pipe's round trip costs about half a socket's. A write to the
/// command pipe of a helper that died fails with EPIPE (`ChildSpawn.ignoreBrokenPipes`).
/// Its stderr is drained continuously (so it can never block on it) and its last lines are kept.
///
/// Every wait is bounded in real time (`responseTimeoutMilliseconds`): that is a liveness guard,
/// not protocol timing. Whatever goes wrong — the child exits, is killed by a signal, stops
/// answering, or writes something that is not a frame — becomes a `TargetError` (`.crashed` or
/// `.unresponsive`) that is recorded in `failure` and repeated by every later call. Nothing here
/// traps or waits forever.
///
/// Not thread-safe: owned by one target, used from one task.
final class HelperProcess {
    /// "usrsctp helper": how errors name the child.
    let name: String
    /// The child's process id.
    let processIdentifier: pid_t
    /// How long one send or receive may take in real time before the child counts as hung.
    let responseTimeoutMilliseconds: Int64
    /// The first failure; set once, then every call throws it.
    private(set) var failure: TargetError?

    static let maximumFrameLength = 64 << 20
    /// Bytes asked of one read(2) of the channel.
    static let readSize = 65_536
    static let standardErrorTailLimit = 8_192

    /// The command pipe's write end (the child's fd 0 reads it).
    private var commandOutput: Int32
    /// The reply pipe's read end (the child's fd 1 writes it).
    private var replyInput: Int32
    private var errorOutput: Int32
    private var errorTail: [UInt8] = []
    /// Bytes read from the channel and not yet handed out: `inbox[inboxStart..<inboxEnd]`.
    private var inbox = UnsafeMutableRawBufferPointer.allocate(byteCount: HelperProcess.readSize, alignment: 8)
    private var inboxStart = 0
    private var inboxEnd = 0
    private var reaped = false
    /// Set by `stop`: a deliberate end, not a failure.
    private(set) var isStopped = false

    /// Starts `executable`; `environment`, when given, replaces the inherited one.
    init(
        name: String, executable: String, arguments: [String] = [], environment: [String: String]? = nil,
        responseTimeoutMilliseconds: Int64
    ) throws(TargetError) {
        self.name = name
        self.responseTimeoutMilliseconds = responseTimeoutMilliseconds
        ChildSpawn.ignoreBrokenPipes()
        // Every descriptor made here; all are closed if the child cannot be started.
        var opened: [Int32] = []
        do throws(ChildSpawn.Failure) {
            let commands = try ChildSpawn.kernelPipe()
            opened += [commands.read, commands.write]
            let replies = try ChildSpawn.kernelPipe()
            opened += [replies.read, replies.write]
            let errors = try ChildSpawn.pipe()
            opened += [errors.read, errors.write]
            self.processIdentifier = try ChildSpawn.spawn(
                path: executable, arguments: arguments,
                standardInput: commands.read, standardOutput: replies.write, standardError: errors.write,
                environment: environment)
            // The child's ends are the child's now.
            for var descriptor in [commands.read, replies.write, errors.write] {
                ChildSpawn.closeDescriptor(&descriptor)
            }
            self.commandOutput = commands.write
            self.replyInput = replies.read
            self.errorOutput = errors.read
            ChildSpawn.setNonBlocking(self.commandOutput)
            ChildSpawn.setNonBlocking(self.replyInput)
            ChildSpawn.setNonBlocking(self.errorOutput)
        } catch {
            for var descriptor in opened { ChildSpawn.closeDescriptor(&descriptor) }
            throw .failed("cannot start \(name) (\(executable)): \(error.message)")
        }
    }

    deinit {
        self.stop(farewell: nil)
        self.inbox.deallocate()
    }

    /// The last lines the child wrote on stderr.
    var standardErrorTail: String {
        String(decoding: self.errorTail, as: UTF8.self)
    }

    /// Sends one frame (the length prefix is added here).
    func send(_ frame: [UInt8]) throws(TargetError) {
        try self.checkUsable()
        let length = UInt32(truncatingIfNeeded: frame.count)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4 + frame.count)
        bytes.append(UInt8(length >> 24))
        bytes.append(UInt8((length >> 16) & 0xff))
        bytes.append(UInt8((length >> 8) & 0xff))
        bytes.append(UInt8(length & 0xff))
        bytes.append(contentsOf: frame)
        let deadline = LivenessClock.milliseconds() + self.responseTimeoutMilliseconds
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                write(self.commandOutput, raw.baseAddress! + written, raw.count - written)
            }
            if result > 0 {
                written += result
                continue
            }
            let code = errno
            if result < 0 && code == EINTR { continue }
            if result < 0 && (code == EAGAIN || code == EWOULDBLOCK) {
                try self.waitForChannel(
                    self.commandOutput, events: Int16(POLLOUT), deadline: deadline, doing: "accept a command")
                continue
            }
            throw self.childDied(while: "receiving a command")
        }
    }

    /// Receives the next frame (without its length prefix), waiting at most the response timeout.
    func receive() throws(TargetError) -> [UInt8] {
        try self.checkUsable()
        let deadline = LivenessClock.milliseconds() + self.responseTimeoutMilliseconds
        while true {
            let available = self.inboxEnd - self.inboxStart
            if available >= 4 {
                let s = self.inboxStart
                let length = Int(self.inbox[s]) << 24 | Int(self.inbox[s + 1]) << 16
                    | Int(self.inbox[s + 2]) << 8 | Int(self.inbox[s + 3])
                if length > Self.maximumFrameLength {
                    throw self.abandon(because: "wrote a frame of \(length) bytes (more than the protocol allows)")
                }
                if available >= 4 + length {
                    let frame = [UInt8](UnsafeRawBufferPointer(rebasing: self.inbox[(s + 4)..<(s + 4 + length)]))
                    self.inboxStart += 4 + length
                    if self.inboxStart == self.inboxEnd {
                        self.inboxStart = 0
                        self.inboxEnd = 0
                    }
                    return frame
                }
                self.makeRoom(for: 4 + length)
            }
            try self.waitForChannel(self.replyInput, events: Int16(POLLIN), deadline: deadline, doing: "answer")
            try self.readChannel()
        }
    }

    /// Kills the child and records why: for answers that make no sense (a protocol violation).
    @discardableResult
    func abandon(because reason: String) -> TargetError {
        if let failure = self.failure { return failure }
        let exit = self.reaped ? nil : ChildSpawn.killAndReap(self.processIdentifier)
        self.reaped = true
        self.drainStandardError(timeoutMilliseconds: 200)
        let error = TargetError.crashed(
            description: "\(self.name) \(reason); killed" + (exit.map { " (\($0))" } ?? ""),
            stderr: self.standardErrorTail)
        self.failure = error
        self.closeDescriptors()
        return error
    }

    /// Ends the child: sends `farewell` if given (best effort), closes the channel so the child sees
    /// end-of-file, waits briefly for it to exit, then kills it. Idempotent.
    func stop(farewell: [UInt8]?) {
        if let farewell, self.failure == nil, !self.isStopped {
            try? self.send(farewell)
        }
        self.isStopped = true
        self.closeDescriptors()
        if !self.reaped {
            if ChildSpawn.reap(self.processIdentifier, timeoutMilliseconds: 2_000) == nil {
                _ = ChildSpawn.killAndReap(self.processIdentifier)
            }
            self.reaped = true
        }
    }

    // MARK: - Internals

    private func checkUsable() throws(TargetError) {
        if let failure = self.failure { throw failure }
        if self.isStopped { throw .failed("\(self.name) was shut down") }
    }

    private func closeDescriptors() {
        ChildSpawn.closeDescriptor(&self.commandOutput)
        ChildSpawn.closeDescriptor(&self.replyInput)
        ChildSpawn.closeDescriptor(&self.errorOutput)
    }

    /// Makes the inbox able to hold `count` bytes from `inboxStart`: moves what is left to the
    /// front, and grows the buffer when that is not enough.
    private func makeRoom(for count: Int) {
        let held = self.inboxEnd - self.inboxStart
        if self.inboxStart > 0 {
            if held > 0 {
                (self.inbox.baseAddress! + 0).copyMemory(from: self.inbox.baseAddress! + self.inboxStart, byteCount: held)
            }
            self.inboxStart = 0
            self.inboxEnd = held
        }
        if count > self.inbox.count {
            var capacity = self.inbox.count
            while capacity < count { capacity *= 2 }
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 8)
            if held > 0 { grown.baseAddress!.copyMemory(from: self.inbox.baseAddress!, byteCount: held) }
            self.inbox.deallocate()
            self.inbox = grown
        }
    }

    /// Reads what the channel holds straight into the inbox's free room (no buffer per call).
    private func readChannel() throws(TargetError) {
        while true {
            if self.inboxEnd == self.inbox.count { self.makeRoom(for: self.inboxEnd - self.inboxStart + Self.readSize) }
            let room = self.inbox.count - self.inboxEnd
            let count = read(self.replyInput, self.inbox.baseAddress! + self.inboxEnd, room)
            if count > 0 {
                self.inboxEnd += count
                if count < room { return }
                continue
            }
            let code = errno
            if count < 0 && code == EINTR { continue }
            if count < 0 && (code == EAGAIN || code == EWOULDBLOCK) { return }
            throw self.childDied(while: "answering")
        }
    }

    /// Polls one end of the channel (and drains stderr meanwhile) until `events` or the deadline.
    private func waitForChannel(
        _ descriptor: Int32, events: Int16, deadline: Int64, doing activity: String
    ) throws(TargetError) {
        while true {
            let remaining = deadline - LivenessClock.milliseconds()
            if remaining <= 0 {
                let seconds = Double(self.responseTimeoutMilliseconds) / 1_000
                let exit = self.reaped ? nil : ChildSpawn.killAndReap(self.processIdentifier)
                self.reaped = true
                self.drainStandardError(timeoutMilliseconds: 200)
                let error = TargetError.unresponsive(
                    "\(self.name) (pid \(self.processIdentifier)) did not \(activity) within \(seconds) s of real "
                        + "time; killed" + (exit.map { " (\($0))" } ?? "")
                        + (self.errorTail.isEmpty ? "" : "\n\(self.standardErrorTail)"))
                self.failure = error
                self.closeDescriptors()
                throw error
            }
            // Two pollfds on the stack, not an array per wait.
            var fds = (
                pollfd(fd: descriptor, events: events, revents: 0),
                pollfd(fd: self.errorOutput, events: Int16(POLLIN), revents: 0)
            )
            let count: nfds_t = self.errorOutput >= 0 ? 2 : 1
            let timeout = Int32(clamping: min(remaining, 1_000))
            let ready = withUnsafeMutablePointer(to: &fds) { pair in
                pair.withMemoryRebound(to: pollfd.self, capacity: 2) { poll($0, count, timeout) }
            }
            if ready < 0 {
                if errno == EINTR { continue }
                throw self.abandon(because: "could not be polled (\(String(cString: strerror(errno))))")
            }
            if fds.1.revents != 0 { self.readStandardError() }
            if fds.0.revents != 0 { return }
        }
    }

    private func readStandardError() {
        guard self.errorOutput >= 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(self.errorOutput, $0.baseAddress, $0.count) }
            if count > 0 {
                self.errorTail.append(contentsOf: chunk[0..<count])
                if self.errorTail.count > Self.standardErrorTailLimit {
                    self.errorTail.removeFirst(self.errorTail.count - Self.standardErrorTailLimit)
                }
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count == 0 { ChildSpawn.closeDescriptor(&self.errorOutput) }
            return
        }
    }

    /// Reads what is left on stderr until end-of-file or the (real-time) timeout.
    private func drainStandardError(timeoutMilliseconds: Int64) {
        let deadline = LivenessClock.milliseconds() + timeoutMilliseconds
        while self.errorOutput >= 0 {
            let remaining = deadline - LivenessClock.milliseconds()
            if remaining <= 0 { return }
            var fds = [pollfd(fd: self.errorOutput, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 1, Int32(clamping: remaining))
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { return }
            self.readStandardError()
        }
    }

    /// The channel closed under us: find out how the child ended and record it as a crash, or, when
    /// a signal it did not raise itself ended it, as killed from outside (naming the sender when the
    /// child could report it on stderr; nobody can for SIGKILL).
    private func childDied(while activity: String) -> TargetError {
        if let failure = self.failure { return failure }
        let exit = ChildSpawn.reap(self.processIdentifier, timeoutMilliseconds: 2_000)
        let description: String
        if let exit {
            description = "\(self.name) (pid \(self.processIdentifier)) \(exit) while \(activity)"
        } else {
            _ = ChildSpawn.killAndReap(self.processIdentifier)
            description = "\(self.name) (pid \(self.processIdentifier)) closed its channel while \(activity); killed"
        }
        self.reaped = true
        self.drainStandardError(timeoutMilliseconds: 500)
        if let exit, case .signaled = exit, !exit.isFault {
            let sender = self.standardErrorTail.split(separator: "\n").last { $0.contains("killed by signal") }
                .flatMap { line in line.range(of: "from pid ").map { "sent by pid " + line[$0.upperBound...] } }
            let error = TargetError.killed(
                description: "\(self.name) (pid \(self.processIdentifier)) was \(exit) from outside the harness ("
                    + (sender ?? "the sender cannot be known") + ") while \(activity), not by a fault of the stack",
                stderr: self.standardErrorTail)
            self.failure = error
            self.closeDescriptors()
            return error
        }
        let error = TargetError.crashed(description: description, stderr: self.standardErrorTail)
        self.failure = error
        self.closeDescriptors()
        return error
    }
}

