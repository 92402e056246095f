import NetworkLayers
import Runner
import SCTPWire
import Scenario
import Targets
import Testing
import VirtualTime

@Suite struct RunnerVerdictTests {
    @Test func handshakePasses() throws {
        let target = ScriptedTarget(onPacket: ScriptedPeer.server())
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(RunnerTestSupport.handshakeSteps), target: target)
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        #expect(result.steps.map(\.status) == Array(repeating: .passed, count: 5))
        #expect(result.packets.map(\.direction) == [.toSUT, .fromSUT, .toSUT, .fromSUT])
        #expect(
            result.packets.map(\.disposition) == [.sent(step: 2), .matched(step: 3), .sent(step: 4), .matched(step: 5)])
        #expect(result.capture.count == 4)
        #expect(target.actions == [.listen])
        #expect(target.isShutDown)
        // The COOKIE ECHO carried the SUT's tag and cookie.
        let echo = try #require(RunnerTestSupport.sent(target).last)
        #expect(echo.header.verificationTag == ScriptedPeer.sutTag)
        #expect(echo.chunks == [.cookieEcho(CookieEchoChunk(cookie: ScriptedPeer.cookie))])
    }

    @Test func wrongFieldFailsWithAnActionableMessage() throws {
        let target = ScriptedTarget(onPacket: ScriptedPeer.server())
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(
                """
                  - app: listen
                  - send: init
                  - expect: {init-ack: {outbound_streams: "<= 5"}}
                    rfc: "RFC 9260 §5.1.1"
                """), target: target)
        #expect(result.verdict == .fail)
        let step = try #require(result.failedStep)
        #expect(step.number == 3)
        let failure = try #require(step.failure)
        #expect(
            failure.message.hasPrefix(
                "step 3 (t.yaml:9:5): expected [init-ack {outbound_streams: <= 5}], observed packet #2 [INIT ACK]"))
        #expect(
            failure.mismatches.map(\.description) == ["chunks[0].init-ack.outbound_streams: expected <= 5, observed 10"]
        )
        #expect(failure.mismatches.first?.location?.description == "t.yaml:9:43")
        // The step's own `rfc:` is what it checks; the scenario's list is not repeated.
        #expect(failure.rfc == ["RFC 9260 §5.1.1"])
        #expect(failure.packetNumber == 2)
        #expect(result.packets[1].disposition == .unexpected(step: 3))
    }

    @Test func failedEventStepCitesTheEventsDefinitionThenTheScenario() throws {
        let target = ScriptedTarget()
        target.queue(.associationChange(state: "COMM_UP", outboundStreams: 4, inboundStreams: 2))
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - app: {event: {comm_up: {outbound_streams: 9}}}\n    within: 10ms"),
            target: target)
        #expect(result.verdict == .fail)
        #expect(result.failedStep?.failure?.rfc == ["RFC 6458 §6.1.1", "RFC 9260 §5.1"])
        // A failure that names no chunk or event field cites the scenario's sections.
        let silent = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: init\n  - expect: init-ack\n    within: 10ms"),
            target: ScriptedTarget())
        #expect(silent.failedStep?.failure?.rfc == ["RFC 9260 §5.1"])
    }

    @Test func wrongChunkKindIsReported() throws {
        let target = ScriptedTarget { _, _, _ in
            .init(packets: [(.zero, ScriptedPeer.simple(.abort(AbortChunk()), tag: 0))])
        }
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: init\n  - expect: init-ack\n    verification_tag: any"),
            target: target)
        #expect(result.verdict == .fail)
        #expect(
            result.failedStep?.failure?.mismatches.map(\.description) == [
                "chunks: expected [init-ack], observed [ABORT]"
            ])
    }

    @Test func timeoutFailsAfterTheWindowInVirtualTime() throws {
        let target = ScriptedTarget()
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: init\n  - expect: init-ack\n    within: 300ms"), target: target)
        #expect(result.verdict == .fail)
        #expect(
            result.failedStep?.failure?.message.contains("within 300ms of 0.000000s, nothing matching arrived") == true)
        #expect(result.duration == .milliseconds(300))
    }

    @Test func crashOfTheSUTIsAnErrorWithAFinding() throws {
        let result = try RunnerTestSupport.runHandshakeCrashingOnCookieEcho()
        #expect(result.verdict == .error)
        #expect(result.reason == "target crashed: signal 11")
        #expect(result.steps.map(\.status) == [.passed, .passed, .passed, .error, .notRun])
        let finding = try #require(result.findings.first { $0.rule == "sut-crashed" })
        #expect(finding.severity == .must)
        #expect(finding.message.contains("segfault in sctp_input"))
    }

    @Test func missingCapabilityIsASkip() throws {
        let target = ScriptedTarget(capabilities: [.server])
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(
                "  - app: listen", header: "options: {rto_initial: 1s}\nrequires: [virtual-time]\n"),
            target: target)
        #expect(result.verdict == .skip)
        #expect(result.reason == "target scripted lacks virtual-time, socket-options")
        #expect(target.actions.isEmpty)
        #expect(result.steps.allSatisfy { $0.status == .notRun })
    }

    @Test func unavailableTargetIsAnError() throws {
        let descriptor = TargetDescriptor(
            name: "absent", summary: "", capabilities: [.server], checkAvailability: { .available(detail: "") },
            make: { _, _ throws(TargetError) in throw .unavailable(reason: "no library", hint: "install it") })
        let scenario = try ScenarioLoader().load(yaml: RunnerTestSupport.scenario("  - app: listen"), file: "t.yaml")
        let result = ScenarioRunner(target: descriptor).run(scenario)
        #expect(result.verdict == .error)
        #expect(result.reason == "target unavailable: no library (install it)")
    }

    @Test func failedApplicationCallAndExpectedFailure() throws {
        let target = ScriptedTarget(onAction: { action, _ in
            if case .send = action { return (.failed(errno: 22, message: "Invalid argument"), [], []) }
            return (.ok, [], [])
        })
        let failing = try RunnerTestSupport.run(RunnerTestSupport.scenario("  - app: {send: \"x\"}"), target: target)
        #expect(failing.verdict == .fail)
        #expect(failing.reason == "step 1 (t.yaml:7:5): app send failed: Invalid argument (errno 22)")
        let expected = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - app: {send: \"x\"}\n    result: error"), target: target)
        #expect(expected.verdict == .pass)
        let unexpected = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - app: listen\n    result: error"), target: target)
        #expect(unexpected.verdict == .fail)
    }

    @Test func optionsAreCombinedAndSetFirst() throws {
        let target = ScriptedTarget()
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(
                "  - app: listen",
                header:
                    "options: {rto_initial: 1s, heartbeat_interval: 0, rto_max: 60s, outbound_streams: 3, "
                    + "max_init_attempts: 2}\n"
            ),
            target: target)
        #expect(result.verdict == .pass)
        #expect(
            target.actions == [
                .setOption(.rtoInfo(initial: 1000, min: nil, max: 60000)),
                .setOption(.heartbeatInterval(milliseconds: 0)),
                .setOption(.initMessage(outboundStreams: 3, maxInboundStreams: nil, maxAttempts: 2)),
                .listen,
            ])
    }

    @Test func refusedOptionIsAnError() throws {
        let target = ScriptedTarget(onAction: { _, _ in (.failed(errno: 22, message: "Invalid argument"), [], []) })
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - app: listen", header: "options: {nodelay: true}\n"), target: target)
        #expect(result.verdict == .error)
        #expect(result.reason?.contains("refused option") == true)
    }

    @Test func liveCheckerFindingsDecideTheVerdictByLevel() throws {
        let shouldTarget = ScriptedTarget(onPacket: ScriptedPeer.server())
        let shouldResult = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(RunnerTestSupport.handshakeSteps), target: shouldTarget,
            checkers: { [FlagEverySUTPacket(severity: .should)] })
        #expect(shouldResult.verdict == .pass)
        #expect(shouldResult.findings.map(\.packetNumber) == [2, 4])

        let mustTarget = ScriptedTarget(onPacket: ScriptedPeer.server())
        let mustResult = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(RunnerTestSupport.handshakeSteps), target: mustTarget,
            checkers: { [FlagEverySUTPacket(severity: .must)] })
        #expect(mustResult.verdict == .fail)
        #expect(mustResult.reason == "RFC 9260 §8.5: flagged")
    }

    @Test func unsetHarnessVariableInAnExpectationIsAnError() throws {
        let target = ScriptedTarget()
        target.schedule(ScriptedPeer.initAck(answering: nil, tag: 0), at: .zero)
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(
                "  - expect: {init-ack: {parameters: [{state-cookie: {cookie: $heartbeat_info}}]}}"),
            target: target)
        #expect(result.verdict == .error)
        #expect(
            result.reason
                == "step 1 (t.yaml:7:5): $heartbeat_info has no value yet, so the expectation cannot be judged "
                + "(no capture or packet has set it)")
    }
}
