import Foundation
import Runner
import SCTPWire
import Scenario
import Targets
import Testing

/// The `Rules` engine behind the runner's live-checker hook.
@Suite struct RulesLiveCheckerTests {
    @Test func sutBreakingATagRuleFailsTheScenarioWithTheRulesSection() throws {
        // The SUT answers COOKIE ECHO under a wrong tag; the scenario does not look at tags, the rules do.
        let server = ScriptedPeer.server()
        let target = ScriptedTarget { packet, bytes, time in
            if case .cookieEcho? = packet?.chunks.first {
                return .init(packets: [(.zero, ScriptedPeer.simple(.cookieAck(CookieAckChunk()), tag: 0x0BAD_0BAD))])
            }
            return server(packet, bytes, time)
        }
        let steps = RunnerTestSupport.handshakeSteps.replacingOccurrences(
            of: "  - expect: cookie-ack", with: "  - expect: cookie-ack\n    verification_tag: any")
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(steps), target: target, checkers: RulesLiveChecker.factory)
        #expect(result.verdict == .fail)
        let finding = try #require(result.findings.first { $0.severity == .must })
        #expect(finding.section.hasPrefix("RFC 9260 §8.5"))
        #expect(finding.packetNumber == 4)
        #expect(result.reason?.hasPrefix(finding.section) == true)
    }

    @Test func deliberateHarnessViolationsAreNotes() throws {
        let target = ScriptedTarget()
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: {init: {initiate_tag: 0}}\n  - expect: nothing"), target: target,
            checkers: RulesLiveChecker.factory)
        #expect(result.verdict == .pass)
        let note = try #require(result.findings.first)
        #expect(note.severity == .note)
        #expect(note.message.hasPrefix("harness (deliberate): "))
        #expect(note.packetNumber == 1)
    }
}
