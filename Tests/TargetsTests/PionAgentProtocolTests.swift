import Foundation
import Targets
import Testing

/// The pion agent on its own (docs/agent-protocol.md): built by `PionAgentBuilder`, two agents talk
/// to each other over SCTP-over-UDP on loopback (one listens, one connects) while the test drives
/// both over their stdin/stdout. Every wait is bounded; the agents are ended even when a check fails.
@Suite(
    "pion agent protocol",
    .enabled(
        if: PionToolchain.buildsHere || PionToolchain.toolsRequired,
        "golang-go and golang-github-pion-sctp-dev are not installed (scripts/install-system-packages.sh)"))
struct PionAgentProtocolTests {
    @Test("commands get one reply each; what pion lacks is error 95; nothing before connect is 107")
    func repliesAndRefusals() throws {
        let agent = try AgentProcess(try PionAgentBuilder.agentExecutable())
        defer { agent.end() }
        #expect(try agent.command("hello") == ["ok sctpconform-pion-agent 1 pion/sctp-1.8.6"])
        #expect(try agent.command("option rto 100 - -").last?.hasPrefix("error 95 not supported: option rto") == true)
        #expect(try agent.command("option delayed-ack 0").last?.hasPrefix("error 95 ") == true)
        #expect(try agent.command("send 0 0 0 6869") == ["error 107 not connected"])
        #expect(try agent.command("shutdown") == ["error 107 not connected"])
        let rawIP = try agent.command("configure udp-port=0")
        #expect(rawIP == ["error 95 not supported: raw IP (pion/sctp runs over UDP only)"])
        #expect(try agent.command("configure nonsense=1") == ["error 22 unknown key: nonsense"])
        #expect(try agent.command("frobnicate") == ["error 22 unknown command: frobnicate"])
        #expect(try agent.command("reset") == ["ok"])
        #expect(try agent.command("quit") == ["ok"])
        #expect(agent.waitForExit() == 0)
    }

    @Test("an association between two agents: COMM_UP, messages both ways, graceful shutdown")
    func associationBetweenTwoAgents() throws {
        let path = try PionAgentBuilder.agentExecutable()
        let server = try AgentProcess(path)
        defer { server.end() }
        let client = try AgentProcess(path)
        defer { client.end() }
        let base = 20_000 + Int(getpid() % 20_000)
        let serverPorts = "udp-port=\(base) peer-udp-port=\(base + 1)"
        let clientPorts = "udp-port=\(base + 1) peer-udp-port=\(base)"
        #expect(try server.command("configure \(serverPorts) peer-address=127.0.0.1") == ["ok"])
        #expect(try client.command("configure \(clientPorts) local-address=127.0.0.1") == ["ok"])
        #expect(try server.command("listen") == ["ok"])
        #expect(try client.command("connect") == ["ok"])
        #expect(try server.waitFor("event assoc-change COMM_UP") == "event assoc-change COMM_UP 65535 65535")
        #expect(try client.waitFor("event assoc-change COMM_UP") != nil)

        #expect(try client.command("send 3 18 0 68656c6c6f").last == "ok")
        #expect(try server.waitFor("event message") == "event message 3 18 0 68656c6c6f")
        #expect(try server.command("send 1 60 1 7265706c79").last == "ok")
        #expect(try client.waitFor("event message") == "event message 1 60 0 7265706c79")

        #expect(try client.command("shutdown").last == "ok")
        #expect(try server.waitFor("event shutdown-received") != nil)
        #expect(try server.waitFor("event assoc-change SHUTDOWN_COMP") != nil)
        #expect(try client.waitFor("event assoc-change SHUTDOWN_COMP") != nil)
        #expect(try server.command("reset").last == "ok")
        #expect(try server.command("send 0 0 0 00") == ["error 107 not connected"])
    }
}

/// Whether the pion agent can be built here, and whether it must be (`SCTPCONFORM_REQUIRE_TOOLS`, `CI`).
enum PionToolchain {
    static let buildsHere = (try? PionAgentBuilder.locateToolchain().get()) != nil
    static let toolsRequired =
        ProcessInfo.processInfo.environment["SCTPCONFORM_REQUIRE_TOOLS"].map { !$0.isEmpty && $0 != "0" }
        ?? (ProcessInfo.processInfo.environment["CI"] != nil)
}

/// One agent process driven over pipes; lines are read by a thread and waited for with a deadline.
private final class AgentProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var lines: [String] = []
    private var partial = Data()
    static let wait: TimeInterval = 10

    init(_ path: String) throws {
        self.process.executableURL = URL(fileURLWithPath: path)
        self.process.standardInput = self.input
        self.process.standardOutput = self.output
        self.process.standardError = FileHandle.nullDevice
        self.output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            self?.take(handle.availableData)
        }
        try self.process.run()
    }

    private func take(_ data: Data) {
        self.lock.lock()
        defer { self.lock.unlock() }
        self.partial.append(data)
        while let newline = self.partial.firstIndex(of: 0x0A) {
            let line = String(decoding: self.partial[self.partial.startIndex..<newline], as: UTF8.self)
            self.partial = Data(self.partial[(newline + 1)...])
            if !line.hasPrefix("#") { self.lines.append(line) }
        }
    }

    /// Sends a command and returns the lines up to and including its reply (events before it too).
    func command(_ line: String) throws -> [String] {
        self.input.fileHandleForWriting.write(Data((line + "\n").utf8))
        var taken: [String] = []
        while true {
            let next = try #require(self.next(matching: { _ in true }), "no reply to '\(line)'")
            if next.hasPrefix("event ") { continue }
            taken.append(next)
            return taken
        }
    }

    /// The first line (from now on, in order) starting with `prefix`, waiting at most `wait` seconds.
    func waitFor(_ prefix: String) throws -> String? {
        self.next(matching: { $0.hasPrefix(prefix) })
    }

    private func next(matching: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(Self.wait)
        while Date() < deadline {
            self.lock.lock()
            if let index = self.lines.firstIndex(where: matching) {
                let line = self.lines[index]
                self.lines.removeSubrange(0...index)
                self.lock.unlock()
                return line
            }
            self.lock.unlock()
            usleep(5_000)
        }
        return nil
    }

    func waitForExit() -> Int32? {
        let deadline = Date().addingTimeInterval(Self.wait)
        while self.process.isRunning && Date() < deadline { usleep(5_000) }
        return self.process.isRunning ? nil : self.process.terminationStatus
    }

    func end() {
        self.output.fileHandleForReading.readabilityHandler = nil
        if self.process.isRunning {
            self.process.terminate()
            _ = self.waitForExit()
        }
    }
}

/// `PionAgentBuilder`: what it says when something is missing, and that a build is cached.
@Suite struct PionAgentBuilderTests {
    @Test func missingGoOrPionIsUnavailableWithTheInstallHint() {
        var environment = ProcessInfo.processInfo.environment
        environment["SCTPCONFORM_GO"] = "/nonexistent/go"
        guard case .failure(.unavailable(let reason, let hint)) = PionAgentBuilder.locateToolchain(
            environment: environment)
        else {
            Issue.record("a missing go was not reported")
            return
        }
        #expect(reason == "no Go toolchain found (tried /nonexistent/go)")
        #expect(hint.contains("golang-go golang-github-pion-sctp-dev"))

        environment["SCTPCONFORM_GO"] = "/bin/sh"
        environment["SCTPCONFORM_GOCODE"] = "/nonexistent/gocode"
        guard case .failure(.unavailable(let missing, _)) = PionAgentBuilder.locateToolchain(environment: environment)
        else {
            Issue.record("missing pion sources were not reported")
            return
        }
        #expect(missing == "pion/sctp's sources not found in /nonexistent/gocode/src/github.com/pion/sctp")
    }

    @Test(.enabled(if: PionToolchain.buildsHere || PionToolchain.toolsRequired, "no Go toolchain or pion here"))
    func aBuiltAgentIsReusedFromTheCache() throws {
        let first = try PionAgentBuilder.agentExecutable()
        let second = try PionAgentBuilder.agentExecutable()
        #expect(first == second)
        #expect(first.hasSuffix("/sctpconform-pion-agent"))
        #expect(FileManager.default.isExecutableFile(atPath: first))
    }
}
