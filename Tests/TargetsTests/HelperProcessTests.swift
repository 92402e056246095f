#if canImport(Glibc)
import Glibc
#endif
@testable import Targets
import Testing

/// The child-process plumbing, against stand-in helpers written in sh.
@Suite struct HelperProcessTests {
    private func shell(_ script: String, timeout: Int64 = 5_000) throws -> HelperProcess {
        try HelperProcess(name: "test helper", executable: "/bin/sh", arguments: ["-c", script],
                          responseTimeoutMilliseconds: timeout)
    }

    @Test func framesRoundTripThroughAnEchoingChild() throws {
        let helper = try self.shell("exec cat")
        let small: [UInt8] = [0x83, 0, 0, 0, 0]
        let large = (0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try helper.send(small)
        #expect(try helper.receive() == small)
        try helper.send(large)
        #expect(try helper.receive() == large)
        try helper.send([])
        #expect(try helper.receive() == [])
        helper.stop(farewell: nil)
        #expect(helper.failure == nil)
    }

    @Test func childThatExitsIsCrashedWithStatusAndStandardError() throws {
        let helper = try self.shell("echo 'usrsctp: assertion failed' >&2; exit 7")
        #expect(throws: TargetError.self) { _ = try helper.receive() }
        guard case .crashed(let description, let stderr) = helper.failure else {
            Issue.record("expected .crashed, got \(String(describing: helper.failure))")
            return
        }
        #expect(description.contains("exited with status 7"))
        #expect(stderr.contains("assertion failed"))
    }

    @Test func silentChildIsUnresponsiveAndKilledWithinTheTimeout() throws {
        let helper = try self.shell("exec sleep 30", timeout: 300)
        let clock = ContinuousClock()
        let started = clock.now
        #expect(throws: TargetError.self) { _ = try helper.receive() }
        #expect(clock.now - started < .seconds(3))
        guard case .unresponsive(let text) = helper.failure else {
            Issue.record("expected .unresponsive, got \(String(describing: helper.failure))")
            return
        }
        #expect(text.contains("0.3 s"))
        #expect(kill(helper.processIdentifier, 0) != 0)
    }

    @Test func garbageOnTheChannelIsACrash() throws {
        let helper = try self.shell("printf '\\377\\377\\377\\377'; exec sleep 30")
        #expect(throws: TargetError.self) { _ = try helper.receive() }
        guard case .crashed(let description, _) = helper.failure else {
            Issue.record("expected .crashed, got \(String(describing: helper.failure))")
            return
        }
        #expect(description.contains("4294967295"))
        #expect(kill(helper.processIdentifier, 0) != 0)
    }

    @Test func chattyStandardErrorNeverBlocksTheChild() throws {
        // 1 MiB on stderr before the answer: more than any pipe buffer.
        let helper = try self.shell("head -c 1048576 /dev/zero | tr '\\0' x >&2; printf '\\0\\0\\0\\1z'")
        #expect(try helper.receive() == [UInt8(ascii: "z")])
        #expect(helper.standardErrorTail.count <= HelperProcess.standardErrorTailLimit)
    }

    @Test func missingExecutableFailsToStart() {
        #expect(throws: TargetError.self) {
            _ = try HelperProcess(name: "x", executable: "/nonexistent/helper", responseTimeoutMilliseconds: 1_000)
        }
    }
}
