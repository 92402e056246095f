import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The harness's client of the agent control protocol (docs/agent-protocol.md): starts an agent
/// program, sends it commands and waits (bounded) for each reply, and hands every event line to
/// `onEvent` as it arrives, with its wall-clock arrival (CLOCK_MONOTONIC nanoseconds).
///
/// One reader thread reads the agent's stdout (replies and events) and stderr (kept, the last
/// 16 KiB, for error messages). An agent that exits or closes its stdout is `TargetError.crashed`
/// (or `.killed` when a signal from outside ended it) with its stderr; one that does not answer a
/// command within `replyTimeoutMilliseconds` is killed and `.unresponsive`. After a failure every
/// command fails with it. The agent is a child registered with `LiveChildProcesses`, so an
/// interrupted run ends it. Thread-safe.
public final class AgentChannel: @unchecked Sendable {
    /// The agent's name in messages (`usrsctp agent`).
    public let name: String
    public let processIdentifier: pid_t
    public let replyTimeoutMilliseconds: Int64

    private let condition = NSCondition()
    private var replies: [AgentReply] = []
    private var failureValue: TargetError?
    private var errorTail: [UInt8] = []
    private var input: Int32
    private var output: Int32
    private var errorOutput: Int32
    private var stopped = false
    private var reaped = false
    private let onEvent: @Sendable (ApplicationEvent, Int64) -> Void
    private var reader: Thread?
    private let readerDone = DispatchSemaphore(value: 0)

    static let standardErrorTailLimit = 16_384
    static let maximumLineLength = 1 << 20

    /// Starts `executable` with `arguments`; `onEvent` receives each event and its arrival (called on
    /// the reader thread).
    public init(
        name: String, executable: String, arguments: [String] = [], environment: [String: String]? = nil,
        replyTimeoutMilliseconds: Int64 = 10_000,
        onEvent: @escaping @Sendable (ApplicationEvent, Int64) -> Void = { _, _ in }
    ) throws(TargetError) {
        self.name = name
        self.replyTimeoutMilliseconds = replyTimeoutMilliseconds
        self.onEvent = onEvent
        var toChild: (read: Int32, write: Int32) = (-1, -1)
        var fromChild: (read: Int32, write: Int32) = (-1, -1)
        var errors: (read: Int32, write: Int32) = (-1, -1)
        do {
            toChild = try ChildSpawn.pipe()
            fromChild = try ChildSpawn.pipe()
            errors = try ChildSpawn.pipe()
            self.processIdentifier = try ChildSpawn.spawn(
                path: executable, arguments: arguments, standardInput: toChild.read,
                standardOutput: fromChild.write, standardError: errors.write, environment: environment)
        } catch {
            for var fd in [toChild.read, toChild.write, fromChild.read, fromChild.write, errors.read, errors.write] {
                ChildSpawn.closeDescriptor(&fd)
            }
            throw .unavailable(reason: "cannot start \(name) (\(executable)): \(error.message)",
                               hint: "check that \(executable) exists and is executable")
        }
        ChildSpawn.closeDescriptor(&toChild.read)
        ChildSpawn.closeDescriptor(&fromChild.write)
        ChildSpawn.closeDescriptor(&errors.write)
        self.input = toChild.write
        self.output = fromChild.read
        self.errorOutput = errors.read
        let thread = Thread { [unowned self] in self.readLoop() }
        thread.name = "sctpconform \(name)"
        self.reader = thread
        thread.start()
    }

    deinit {
        self.stop()
    }

    /// The failure that ended the agent, if any.
    public var failure: TargetError? {
        self.condition.withLock { self.failureValue }
    }

    /// What the agent wrote to stderr lately.
    public var standardErrorTail: String {
        self.condition.withLock { String(decoding: self.errorTail, as: UTF8.self) }
    }

    /// Sends one command line and returns the agent's reply, waiting at most the reply timeout (or
    /// `timeoutMilliseconds`, for a first command that waits for a VM to boot).
    public func command(_ line: String, timeoutMilliseconds: Int64? = nil) throws(TargetError) -> AgentReply {
        self.condition.lock()
        if let failure = self.failureValue {
            self.condition.unlock()
            throw failure
        }
        if self.stopped {
            self.condition.unlock()
            throw .failed("\(self.name) was shut down")
        }
        self.replies.removeAll()
        self.condition.unlock()
        let bytes = Array((line + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes {
                send(self.input, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw self.waitForDeath(while: "taking the command '\(line)'")
            }
            written += count
        }
        let timeout = timeoutMilliseconds ?? self.replyTimeoutMilliseconds
        let deadline = Date(timeIntervalSinceNow: Double(timeout) / 1_000)
        self.condition.lock()
        while self.replies.isEmpty && self.failureValue == nil {
            if !self.condition.wait(until: deadline) && self.replies.isEmpty && self.failureValue == nil {
                self.condition.unlock()
                return try self.giveUp(on: line, timeoutMilliseconds: timeout)
            }
        }
        if let failure = self.failureValue {
            self.condition.unlock()
            throw failure
        }
        let reply = self.replies.removeFirst()
        self.condition.unlock()
        return reply
    }

    /// Ends the agent: `quit` (best effort), stdin closed, a bounded wait, then SIGKILL. Idempotent.
    public func stop() {
        self.condition.lock()
        let alreadyStopped = self.stopped
        self.stopped = true
        let healthy = self.failureValue == nil
        self.condition.unlock()
        guard !alreadyStopped else { return }
        if healthy {
            _ = Array("quit\n".utf8).withUnsafeBytes { send(self.input, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
        ChildSpawn.closeDescriptor(&self.input)
        self.reapOnce(timeoutMilliseconds: 2_000)
        if self.reader != nil {
            _ = self.readerDone.wait(timeout: .now() + 5)
            self.reader = nil
        }
        ChildSpawn.closeDescriptor(&self.output)
        ChildSpawn.closeDescriptor(&self.errorOutput)
    }

    // MARK: - Internals

    private func giveUp(on line: String, timeoutMilliseconds: Int64) throws(TargetError) -> AgentReply {
        let seconds = Double(timeoutMilliseconds) / 1_000
        self.reapOnce(timeoutMilliseconds: 0)
        let error = TargetError.unresponsive(
            "\(self.name) (pid \(self.processIdentifier)) did not answer '\(line)' within \(seconds) s; killed"
                + (self.standardErrorTail.isEmpty ? "" : "\n\(self.standardErrorTail)"))
        self.record(error)
        throw error
    }

    @discardableResult
    private func reapOnce(timeoutMilliseconds: Int64) -> ChildExit? {
        let alreadyReaped = self.condition.withLock { () -> Bool in
            defer { self.reaped = true }
            return self.reaped
        }
        guard !alreadyReaped else { return nil }
        if timeoutMilliseconds > 0,
            let exit = ChildSpawn.reap(self.processIdentifier, timeoutMilliseconds: timeoutMilliseconds)
        {
            return exit
        }
        return ChildSpawn.killAndReap(self.processIdentifier)
    }

    private func record(_ error: TargetError) {
        self.condition.withLock {
            if self.failureValue == nil { self.failureValue = error }
            self.condition.broadcast()
        }
    }

    /// The agent's stdout ended or a write failed: wait for the reader to collect the rest, reap the
    /// agent and record how it ended.
    private func waitForDeath(while activity: String) -> TargetError {
        _ = self.readerDone.wait(timeout: .now() + 2)
        self.readerDone.signal()
        if let failure = self.failure { return failure }
        return self.childDied(while: activity)
    }

    private func childDied(while activity: String) -> TargetError {
        let stopping = self.condition.withLock { self.stopped }
        let exit = self.reapOnce(timeoutMilliseconds: 2_000)
        let stderr = self.standardErrorTail
        let how = exit.map { "\($0)" } ?? "closed its output"
        let error: TargetError
        if stopping {
            error = .failed("\(self.name) was shut down")
        } else if let exit, case .signaled = exit, !exit.isFault {
            error = .killed(
                description: "\(self.name) (pid \(self.processIdentifier)) was \(exit) from outside the harness "
                    + "while \(activity), not by a fault of the stack", stderr: stderr)
        } else {
            error = .crashed(description: "\(self.name) (pid \(self.processIdentifier)) \(how) while \(activity)",
                             stderr: stderr)
        }
        self.record(error)
        return error
    }

    private func readLoop() {
        defer { self.readerDone.signal() }
        var line: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var outputOpen = true
        while outputOpen {
            var fds = [
                pollfd(fd: self.output, events: Int16(POLLIN), revents: 0),
                pollfd(fd: self.errorOutput, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds[1].fd >= 0 ? 2 : 1), 200)
            if ready < 0 && errno != EINTR { break }
            if ready <= 0 { continue }
            if fds[1].revents != 0 && !self.readErrors(&chunk) { fds[1].fd = -1 }
            guard fds[0].revents != 0 else { continue }
            let count = chunk.withUnsafeMutableBytes { read(self.output, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                outputOpen = false
                break
            }
            for byte in chunk[0..<count] {
                if byte == UInt8(ascii: "\n") {
                    self.handle(line)
                    line.removeAll(keepingCapacity: true)
                } else if line.count < Self.maximumLineLength {
                    line.append(byte)
                }
            }
        }
        // Collect what is left on stderr (bounded), then record the death unless we stopped it.
        let deadline = LivenessClock.milliseconds() + 500
        while LivenessClock.milliseconds() < deadline && self.readErrors(&chunk, waitMilliseconds: 100) {}
        if !self.condition.withLock({ self.stopped }) {
            _ = self.childDied(while: "running")
        } else {
            self.record(.failed("\(self.name) was shut down"))
        }
    }

    /// Reads what stderr holds into the tail; false at end of file.
    private func readErrors(_ chunk: inout [UInt8], waitMilliseconds: Int32 = 0) -> Bool {
        guard self.errorOutput >= 0 else { return false }
        if waitMilliseconds > 0 {
            var fds = [pollfd(fd: self.errorOutput, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 1, waitMilliseconds) <= 0 { return true }
        }
        let count = chunk.withUnsafeMutableBytes { read(self.errorOutput, $0.baseAddress, $0.count) }
        if count <= 0 { return count < 0 && errno == EINTR }
        self.appendError(chunk[0..<count])
        return true
    }

    private func appendError(_ bytes: ArraySlice<UInt8>) {
        self.condition.withLock {
            self.errorTail.append(contentsOf: bytes)
            if self.errorTail.count > Self.standardErrorTailLimit {
                self.errorTail.removeFirst(self.errorTail.count - Self.standardErrorTailLimit)
            }
        }
    }

    private func handle(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let line = Substring(text)
        if line.hasPrefix("event ") {
            if let event = AgentProtocol.event(line) {
                self.onEvent(event, Self.wallNanoseconds())
            } else {
                self.appendError(ArraySlice(Array("# unparsable event line: \(text)\n".utf8)))
            }
        } else if line.hasPrefix("#") {
            self.appendError(ArraySlice(bytes + [UInt8(ascii: "\n")]))
        } else if let reply = AgentReply(line: line) {
            self.condition.withLock {
                self.replies.append(reply)
                self.condition.broadcast()
            }
        } else {
            self.appendError(ArraySlice(Array("# unparsable line: \(text)\n".utf8)))
        }
    }

    static func wallNanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}
