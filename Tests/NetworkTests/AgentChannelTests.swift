import Foundation
import Targets
import Testing

/// The agent client against small shell agents: replies, events with their arrival, an agent that
/// dies (crashed, with its stderr) and one that stops answering (killed after the bounded wait).
@Suite struct AgentChannelTests {
    static func shell(_ script: String, timeout: Int64 = 5_000, events: EventLog = EventLog()) throws -> AgentChannel {
        try AgentChannel(
            name: "test agent", executable: "/bin/sh", arguments: ["-c", script], replyTimeoutMilliseconds: timeout
        ) { event, wall in events.append(event, wall) }
    }

    final class EventLog: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [(ApplicationEvent, Int64)] = []

        func append(_ event: ApplicationEvent, _ wall: Int64) {
            self.lock.withLock { self.items.append((event, wall)) }
        }

        var events: [ApplicationEvent] { self.lock.withLock { self.items.map(\.0) } }
    }

    @Test func repliesComeInOrderAndEventsBeforeTheirReply() throws {
        let log = EventLog()
        let channel = try Self.shell(
            """
            read a; echo "ok fake 1 stack-0"
            read b; echo "event assoc-change COMM_UP 10 5"; echo "# a diagnostic"; echo "ok"
            read c; echo "error 95 not supported: option frobnicate"
            read d; echo ok; exit 0
            """, events: log)
        defer { channel.stop() }
        #expect(try channel.command("hello") == .ok(["fake", "1", "stack-0"]))
        #expect(try channel.command("listen") == .ok([]))
        #expect(log.events == [.associationChange(state: "COMM_UP", outboundStreams: 10, inboundStreams: 5)])
        #expect(
            try channel.command("option frobnicate 1") == .error(errno: 95, message: "not supported: option frobnicate"))
        #expect(channel.standardErrorTail.contains("# a diagnostic"))
    }

    @Test func anAgentThatDiesIsACrashWithItsStandardError() throws {
        let channel = try Self.shell("read a; echo 'usrsctp: assertion failed' >&2; exit 3")
        defer { channel.stop() }
        do {
            _ = try channel.command("hello")
            Issue.record("a dead agent answered")
        } catch {
            guard case .crashed(let description, let stderr) = error else {
                Issue.record("expected crashed, got \(error)")
                return
            }
            #expect(description.contains("exited with status 3"))
            #expect(stderr.contains("assertion failed"))
        }
        #expect(channel.failure != nil)
        // Every later command fails the same way, at once.
        #expect(throws: TargetError.self) { _ = try channel.command("listen") }
    }

    @Test func anAgentThatDoesNotAnswerIsKilledAfterTheBoundedWait() throws {
        let channel = try Self.shell("read a; sleep 30", timeout: 300)
        defer { channel.stop() }
        let start = Date()
        do {
            _ = try channel.command("hello")
            Issue.record("a silent agent answered")
        } catch {
            guard case .unresponsive(let text) = error else {
                Issue.record("expected unresponsive, got \(error)")
                return
            }
            #expect(text.contains("did not answer 'hello'"))
        }
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(kill(channel.processIdentifier, 0) != 0)
    }

    @Test func aMissingAgentIsUnavailable() {
        #expect(throws: TargetError.self) {
            _ = try AgentChannel(name: "ghost", executable: "/nonexistent/agent")
        }
    }
}
