import Runner
import SCTPWire
import Scenario
import Targets
import Testing
import VirtualTime

/// `within`, `after`, `wait`, `expect nothing`, ignored and left-over packets, all on virtual time.
@Suite struct RunnerTimingTests {
    private func delayedServer(_ delay: VirtualDuration) -> ScriptedTarget {
        ScriptedTarget(onPacket: ScriptedPeer.server(delay: delay))
    }

    @Test func withinWindow() throws {
        let late = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: init\n  - expect: init-ack\n    within: 200ms"),
            target: self.delayedServer(.milliseconds(500)))
        #expect(late.verdict == .fail)
        let inTime = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: init\n  - expect: init-ack\n    within: 1s"),
            target: self.delayedServer(.milliseconds(500)))
        #expect(inTime.verdict == .pass)
        #expect(inTime.steps[1].end == VirtualInstant(nanoseconds: 500_000_000))
    }

    @Test func afterRejectsEarlyPackets() throws {
        let early = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: init\n  - expect: init-ack\n    after: 1s"),
            target: self.delayedServer(.milliseconds(500)))
        #expect(early.verdict == .fail)
        #expect(early.failedStep?.failure?.message.contains("arrived at 0.500000s, before 1.000000s") == true)
    }

    @Test func windowsCountFromTheMatchedPacketNotFromPolling() throws {
        // Retransmissions at 1.2 s and 2.4 s: each `after: 1.2s` counts from the previous arrival.
        let target = ScriptedTarget()
        let initAck = ScriptedPeer.initAck(answering: nil, tag: 0)
        for milliseconds: UInt64 in [0, 1200, 2400] {
            target.schedule(initAck, at: VirtualInstant(nanoseconds: milliseconds * 1_000_000))
        }
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(
                """
                  - expect: init-ack
                  - expect: init-ack
                    after: 1.2s
                    within: 1.2001s
                  - expect: init-ack
                    after: 1.2s
                    within: 1.2001s
                """, header: "ignore: []\n"), target: target)
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        #expect(result.steps.map(\.end) == [0, 1200, 2400].map { VirtualInstant(nanoseconds: $0 * 1_000_000) })
    }

    @Test func eventsKeepTheInstantTheStackReportedNotThePollingInstant() throws {
        // The notification comes 0.3 ms past 1.2 s: between two polls of the runner, whose steps grow
        // to several milliseconds in a long window.
        let target = ScriptedTarget()
        target.queue(.shutdownReceived, at: VirtualInstant(nanoseconds: 1_200_300_000))
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(
                """
                  - app: {event: shutdown_event}
                    after: 1.2s
                    within: 1.2004s
                  - expect: nothing
                    within: 1ms
                """, header: "ignore: []\n"), target: target)
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        #expect(result.steps.first?.end == VirtualInstant(nanoseconds: 1_200_300_000))
        #expect(result.steps.last?.end == VirtualInstant(nanoseconds: 1_201_300_000))
    }

    @Test func waitMovesVirtualTimeAndQueuesPackets() throws {
        let target = ScriptedTarget()
        target.schedule(ScriptedPeer.initAck(answering: nil, tag: 0), at: VirtualInstant(nanoseconds: 5_000_000_000))
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - wait: 65s\n  - expect: init-ack\n    within: 1ms"), target: target)
        #expect(result.verdict == .pass)
        #expect(result.steps.last?.end == VirtualInstant(nanoseconds: 65_000_000_000))
        // The last step, then the standard quiet period of 1 s.
        #expect(result.duration == .seconds(66))
        // The wait is a few jumps (to the packet at 5 s, to the wait's end, ...), not 65,000 looks.
        #expect(target.receiveCalls < 10)
    }

    @Test func expectNothing() throws {
        let quiet = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: abort\n  - expect: nothing\n    within: 2s"), target: ScriptedTarget()
        )
        #expect(quiet.verdict == .pass)
        #expect(quiet.steps.last?.end == VirtualInstant(nanoseconds: 2_000_000_000))
        #expect(quiet.duration == .seconds(3))
        let chatty = ScriptedTarget()
        chatty.schedule(
            ScriptedPeer.simple(.abort(AbortChunk()), tag: 0), at: VirtualInstant(nanoseconds: 1_500_000_000))
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - expect: nothing\n    within: 2s"), target: chatty)
        #expect(result.verdict == .fail)
        #expect(result.failedStep?.failure?.message.contains("observed packet #1 [ABORT] at 1.500000s") == true)
    }

    @Test func ignoredKindsAreSkippedUnlessStrict() throws {
        let heartbeat = ScriptedPeer.simple(
            .heartbeat(HeartbeatChunk(parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: [1, 2]))])), tag: 0)
        let lenient = ScriptedTarget(onPacket: ScriptedPeer.server(delay: .milliseconds(10)))
        lenient.schedule(heartbeat, at: .zero)
        let passed = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: init\n  - expect: init-ack\n    verification_tag: any"),
            target: lenient)
        #expect(passed.verdict == .pass)
        #expect(passed.packets.first?.disposition == .ignored)

        let strict = ScriptedTarget(onPacket: ScriptedPeer.server(delay: .milliseconds(10)))
        strict.schedule(heartbeat, at: .zero)
        let failed = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(
                "  - send: init\n  - expect: init-ack\n    verification_tag: any", header: "ignore: []\n"),
            target: strict)
        #expect(failed.verdict == .fail)
    }

    @Test func ignoredKindStillMatchesWhenExpected() throws {
        let target = ScriptedTarget()
        target.schedule(
            ScriptedPeer.simple(
                .heartbeat(HeartbeatChunk(parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: [7]))])), tag: 0),
            at: VirtualInstant(nanoseconds: 30_000_000_000))
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(
                "  - expect: {heartbeat: {parameters: [{heartbeat-info: {info: 0x07}}]}}\n    within: 31s"),
            target: target)
        #expect(result.verdict == .pass)
        #expect(result.packets.first?.disposition == .matched(step: 1))
    }

    @Test func leftOverPacketFailsTheRun() throws {
        let target = ScriptedTarget { packet, _, _ in
            .init(packets: [
                (.zero, ScriptedPeer.initAck(answering: packet)),
                (.zero, ScriptedPeer.simple(.abort(AbortChunk()), tag: ScriptedPeer.initiateTag(of: packet))),
            ])
        }
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: init\n  - expect: init-ack"), target: target)
        #expect(result.verdict == .fail)
        #expect(result.reason == "unexpected packet after the last step: #3 [ABORT] at 0.000000s")
        #expect(result.packets.last?.disposition == .leftOver)
    }

    @Test func anyOrderAcrossPacketsAndContains() throws {
        let target = ScriptedTarget { packet, _, _ in
            let tag = ScriptedPeer.initiateTag(of: packet)
            return .init(packets: [
                (.zero, ScriptedPeer.simple(.cookieAck(CookieAckChunk()), tag: tag)),
                (
                    .milliseconds(5),
                    ScriptedPeer.packet(tag: tag, [.shutdownAck(ShutdownAckChunk()), .cookieAck(CookieAckChunk())])
                ),
            ])
        }
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(
                """
                  - send: init
                  - expect: {any_order: [shutdown-ack, cookie-ack, cookie-ack], across_packets: true}
                """), target: target)
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        #expect(result.steps[1].packets == [2, 3])

        let containsTarget = ScriptedTarget { packet, _, _ in
            .init(packets: [
                (
                    .zero,
                    ScriptedPeer.packet(
                        tag: ScriptedPeer.initiateTag(of: packet),
                        [.shutdownAck(ShutdownAckChunk()), .cookieAck(CookieAckChunk())])
                )
            ])
        }
        let contains = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: init\n  - expect: {contains: [cookie-ack]}"), target: containsTarget)
        #expect(contains.verdict == .pass)
        let exactTarget = ScriptedTarget { packet, _, _ in
            .init(packets: [
                (
                    .zero,
                    ScriptedPeer.packet(
                        tag: ScriptedPeer.initiateTag(of: packet),
                        [.shutdownAck(ShutdownAckChunk()), .cookieAck(CookieAckChunk())])
                )
            ])
        }
        let exact = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: init\n  - expect: [cookie-ack, shutdown-ack]"), target: exactTarget)
        #expect(exact.verdict == .fail)
    }

    @Test func applicationEventsWithinTheirWindow() throws {
        let target = ScriptedTarget(onAction: { action, _ in
            if action == .listen {
                return (
                    .ok, [],
                    [
                        .notification("ADAPTATION_INDICATION"),
                        .associationChange(state: "COMM_UP", outboundStreams: 4, inboundStreams: 2),
                    ]
                )
            }
            return (.ok, [], [])
        })
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(
                """
                  - app: listen
                  - app: {event: {comm_up: {outbound_streams: "<= 4", inbound_streams: -> mis}}}
                  - app: {receive: "never"}
                    within: 50ms
                """), target: target)
        #expect(result.verdict == .fail)
        #expect(result.steps[1].status == .passed)
        #expect(result.steps[1].events == ["comm_up {outbound_streams: 4, inbound_streams: 2}"])
        #expect(result.failedStep?.number == 3)
        #expect(result.failedStep?.failure?.message.contains("within 50ms") == true)
    }

    /// The SUT's verification tag is judged by the live rules, not by the expectation (which matches
    /// the tag only when the step names `verification_tag:`): the step passes, the MUST finding of the
    /// rule fails the run and names the SUT as the violator.
    @Test func verificationTagIsJudgedByTheRules() throws {
        let target = ScriptedTarget { packet, _, _ in
            .init(packets: [(.zero, ScriptedPeer.initAck(answering: packet, tag: 0x0BAD_0BAD))])
        }
        let text = RunnerTestSupport.scenario("  - send: init\n  - expect: init-ack")
        let result = try RunnerTestSupport.run(text, target: target, checkers: RulesLiveChecker.factory)
        #expect(result.verdict == .fail)
        #expect(result.steps.allSatisfy { $0.status == .passed })
        let finding = try #require(result.findings.first { $0.severity == .must })
        #expect(finding.rule.hasPrefix("vtag."))
        #expect(finding.violator == .systemUnderTest)
        #expect(finding.packetNumber == 2)
        #expect(result.reason?.contains("RFC 9260 §8.5") == true)
        // Without rules the runner does not judge the tag itself.
        let unchecked = try RunnerTestSupport.run(text, target: ScriptedTarget { packet, _, _ in
            .init(packets: [(.zero, ScriptedPeer.initAck(answering: packet, tag: 0x0BAD_0BAD))])
        })
        #expect(unchecked.verdict == .pass)
    }

    @Test func pollingBacksOffWhileIdleAndStaysExactAboutArrivals() throws {
        let target = ScriptedTarget()
        target.schedule(ScriptedPeer.initAck(answering: nil, tag: 0), at: VirtualInstant(nanoseconds: 5_000_300_000))
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - expect: init-ack\n    within: 10s\n  - send: abort"), target: target)
        #expect(result.verdict == .pass)
        #expect(result.steps[0].end == VirtualInstant(nanoseconds: 5_000_300_000))
        // Doubling from 1 ms to 16 ms: about 5 s / 16 ms looks, not 5,000.
        #expect(target.receiveCalls < 400)
        // The harness answered at most one maximum poll interval after the arrival.
        let answer = try #require(target.received.last)
        #expect(answer.time - VirtualInstant(nanoseconds: 5_000_300_000) <= .milliseconds(16))
    }
}
