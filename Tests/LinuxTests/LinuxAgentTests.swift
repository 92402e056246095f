import Foundation
import ProcessTestSupport
import Testing

/// The guest agent's line protocol, on the host: compiled with the host's gcc and run on stdin/stdout
/// (`-`). The host kernel has no SCTP, so socket calls fail there; parsing, replies, option and hex
/// handling and `reset` are checked without a VM.
@Suite struct LinuxAgentTests {
    static let sources = repositoryRoot() + "/Sources/Targets/Linux"

    /// Compiles the agent into `directory`; nil when there is no gcc.
    static func compile(into directory: TemporaryDirectory) throws -> String? {
        guard let gcc = ExternalTool.find("gcc") else { return nil }
        let binary = directory.file("agent")
        let result = try ExternalTool.run(
            gcc, ["-O0", "-Wall", "-Werror", "-o", binary, "\(Self.sources)/sctpconform-linux-agent.c"], timeout: 120)
        #expect(result.status == 0, "gcc failed: \(result.standardError)")
        return binary
    }

    @Test func everyCommandGetsExactlyOneReplyInOrder() throws {
        let scratch = TemporaryDirectory()
        defer { scratch.remove() }
        guard let agent = try Self.compile(into: scratch) else {
            #expect(!ExternalTool.isCI, "gcc is missing")
            return
        }
        let commands = [
            "hello", "bogus",
            "configure local-port=5001 peer-port=5000 local-address=198.18.0.2 peer-address=198.18.0.1",
            "configure local-address=not-an-address", "configure colour=blue", "option rto 100 - 2000",
            "option initmsg 10 - 4", "option cookie-life 60000", "option cookie-life 0", "option heartbeat 0",
            "option delayed-ack 200", "option nodelay 1", "option nodelay 2", "option frob 1", "send 0 0 0 zz",
            "send 0 0 0 68656c6c6f", "send 0 0", "shutdown", "abort -", "abort 0", "close", "clock", "reset", "quit",
            "hello",
        ]
        let result = try ExternalTool.run(agent, ["-"], timeout: 60, stdin: commands.joined(separator: "\n") + "\n")
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        // `quit` ends the agent: the hello after it is never read.
        #expect(lines.count == commands.count - 1, "\(lines)")
        guard lines.count == commands.count - 1 else { return }
        #expect(lines[0].hasPrefix("ok sctpconform-linux-agent 1 linux-"))
        #expect(lines[1] == "error 95 not supported: bogus")
        #expect(lines[2] == "ok")
        #expect(lines[3].hasPrefix("error 22 configure: bad or too many local addresses"))
        #expect(lines[4] == "error 22 configure: unknown key colour")
        for index in 5...7 { #expect(lines[index] == "ok", "\(commands[index]): \(lines[index])") }
        #expect(lines[8] == "error 22 option cookie-life: bad value")
        for index in 9...11 { #expect(lines[index] == "ok", "\(commands[index]): \(lines[index])") }
        #expect(lines[12] == "error 22 option nodelay: bad value")
        #expect(lines[13] == "error 95 not supported: option frob")
        #expect(lines[14] == "error 22 send: bad hex payload")
        #expect(lines[15] == "error 107 send: no association")
        #expect(lines[16].hasPrefix("error 22 send: expected"))
        #expect(lines[17].hasPrefix("error 107 shutdown"))
        #expect(lines[18].hasPrefix("error 107 abort"))
        #expect(lines[19] == "error 22 abort: bad hex reason")
        #expect(lines[20] == "ok")
        #expect(lines[21].hasPrefix("ok ") && UInt64(lines[21].dropFirst(3)) != nil)
        #expect(lines[22] == "ok")
        #expect(lines[23] == "ok")
    }
}
