import Foundation
import Reports
import Runner
import SCTPWire
import Scenario
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `known_deviations:` against the scripted target (named `scripted`): a failure at exactly the
/// waived step on the waived target is a DEVIATION that does not fail the run; anything else keeps
/// its verdict; a waiver whose deviation no longer occurs is a FAIL; `--strict` counts deviations
/// as failures.
@Suite struct KnownDeviationTests {
    /// The shape of `Scenarios/init-tag-zero.yaml`: an INIT with initiate tag 0 must be silently
    /// discarded (RFC 9260 §3.3.2), then a proper INIT accepted.
    static let steps = """
          - app: listen
          - send: {init: {initiate_tag: 0}}
          - expect: nothing
          - send: init
          - expect: init-ack
        """

    static let waiverReason = "answers with ABORT as RFC 4960 required"

    /// The scenario with one waiver for `target` at `step`.
    static func scenario(target: String = "scripted", step: Int = 3) -> String {
        RunnerTestSupport.scenario(
            Self.steps,
            header: "known_deviations: [{target: \(target), step: \(step), reason: \"\(Self.waiverReason)\", "
                + "reference: \"RFC 9260 §3.3.2\"}]\n")
    }

    /// A SUT that answers an INIT with initiate tag 0 with ABORT (RFC 4960 §3.3.2) and otherwise
    /// behaves as a server.
    static func rfc4960Target() -> ScriptedTarget {
        let server = ScriptedPeer.server()
        return ScriptedTarget { packet, bytes, time in
            if case .initiation(let initiation)? = packet?.chunks.first, initiation.initiateTag == 0 {
                return .init(packets: [(.zero, ScriptedPeer.simple(.abort(AbortChunk(flags: .tBit)), tag: 0))])
            }
            return server(packet, bytes, time)
        }
    }

    /// A SUT that silently discards an INIT with initiate tag 0 (RFC 9260 §3.3.2).
    static func conformingTarget() -> ScriptedTarget {
        let server = ScriptedPeer.server()
        return ScriptedTarget { packet, bytes, time in
            if case .initiation(let initiation)? = packet?.chunks.first, initiation.initiateTag == 0 {
                return .init()
            }
            return server(packet, bytes, time)
        }
    }

    @Test func failureAtTheWaivedStepIsAKnownDeviation() throws {
        let result = try RunnerTestSupport.run(Self.scenario(), target: Self.rfc4960Target())
        #expect(result.verdict == .deviation)
        #expect(result.steps.map(\.status) == [.passed, .passed, .failed, .notRun, .notRun])
        let failure = try #require(result.failedStep?.failure)
        #expect(failure.message.hasPrefix("step 3 (t.yaml:10:5): expected nothing"))
        #expect(failure.message.contains("[ABORT]"))
        #expect(result.reason == failure.message, "the failure is kept in full")
        let outcome = try #require(result.knownDeviation)
        #expect(outcome.status == .waived)
        #expect(outcome.deviation.step == 3)
        #expect(outcome.deviation.target == "scripted")
        #expect(outcome.deviation.reason == Self.waiverReason)

        let summary = RunSummary([result])
        #expect(summary.knownDeviations == 1)
        #expect((summary.passed, summary.failed, summary.errors, summary.skipped) == (0, 0, 0, 0))
        #expect(summary.succeeded)
        #expect(summary.exitStatus == 0)

        #expect(ConsoleReport.line(result).hasPrefix("DEVIATION t "))
        let details = ConsoleReport.details(result)
        #expect(details.first == failure.message)
        #expect(
            details.contains(
                "known deviation of scripted at step 3: \(Self.waiverReason) "
                    + "(RFC 9260 §3.3.2; waiver at t.yaml:6:20)"))
        #expect(details.last == "  reproduce: sctpconform run t.yaml --target scripted --seed 1")
        #expect(ConsoleReport.summary([result]) == "0 passed, 0 failed, 0 errors, 0 skipped, 1 known deviation")
    }

    @Test func knownDeviationIsKeptInJSONAndIsASkippedJUnitCase() throws {
        let deviation = try RunnerTestSupport.run(Self.scenario(), target: Self.rfc4960Target())
        let passing = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(RunnerTestSupport.handshakeSteps),
            target: ScriptedTarget(onPacket: ScriptedPeer.server()))

        let json = Data(ResultJSON.scenario(deviation, pcapName: "t.pcap").serialized().utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["verdict"] as? String == "DEVIATION")
        #expect(object["reason"] as? String == deviation.reason)
        let waiver = try #require(object["known_deviation"] as? [String: Any])
        #expect(waiver["status"] as? String == "waived")
        #expect(waiver["target"] as? String == "scripted")
        #expect(waiver["step"] as? Int == 3)
        #expect(waiver["reason"] as? String == Self.waiverReason)
        #expect(waiver["reference"] as? String == "RFC 9260 §3.3.2")
        #expect(waiver["location"] as? String == "t.yaml:6:20")
        let steps = try #require(object["steps"] as? [[String: Any]])
        let failure = try #require(steps[2]["failure"] as? [String: Any])
        #expect(failure["message"] as? String == deviation.reason)
        #expect(failure["packet"] as? Int == 2)

        let run = ResultJSON.run([passing, deviation], target: "scripted", seed: 1, files: [:]).serialized()
        let runObject = try #require(try JSONSerialization.jsonObject(with: Data(run.utf8)) as? [String: Any])
        let counts = try #require(runObject["counts"] as? [String: Int])
        #expect(counts == ["pass": 1, "fail": 0, "error": 0, "skip": 0, "deviation": 1])

        let junit = JUnitReport.document([passing, deviation], target: "scripted", seed: 1)
        #expect(junit.contains("tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"1\""))
        #expect(
            junit.contains(
                "<skipped message=\"known deviation of scripted at step 3: \(Self.waiverReason); observed: step 3"))
        #expect(!junit.contains("<failure"))
        _ = try XMLDocument(xmlString: junit)
    }

    @Test func strictCountsAKnownDeviationAsAFailure() throws {
        let result = try RunnerTestSupport.run(Self.scenario(), target: Self.rfc4960Target(), strict: true)
        #expect(result.verdict == .fail)
        #expect(result.failedStep?.number == 3)
        #expect(result.knownDeviation?.status == .countedAsFailure)
        #expect(result.reason == result.failedStep?.failure?.message)
        let summary = RunSummary([result])
        #expect((summary.failed, summary.knownDeviations) == (1, 0))
        #expect(!summary.succeeded)
        #expect(summary.exitStatus == 1)
        #expect(ConsoleReport.line(result).hasPrefix("FAIL  t "))
        #expect(ConsoleReport.details(result).contains { $0.contains("counted as a failure by --strict") })
        #expect(ConsoleReport.summary([result]) == "0 passed, 1 failed, 0 errors, 0 skipped, 0 known deviations")
    }

    @Test func failureAtAnotherStepStaysAFailure() throws {
        // The waiver is for step 5; the SUT fails step 3.
        let elsewhere = try RunnerTestSupport.run(Self.scenario(step: 5), target: Self.rfc4960Target())
        #expect(elsewhere.verdict == .fail)
        #expect(elsewhere.failedStep?.number == 3)
        #expect(elsewhere.knownDeviation == nil)
        #expect(RunSummary([elsewhere]).exitStatus == 1)

        // The waiver is for step 3; the SUT discards the INIT there but never answers the proper one.
        let silent = ScriptedTarget()
        let later = try RunnerTestSupport.run(Self.scenario(), target: silent)
        #expect(later.verdict == .fail)
        #expect(later.failedStep?.number == 5)
        #expect(later.knownDeviation == nil)
    }

    @Test func waiverForAnotherTargetHasNoEffect() throws {
        let failing = try RunnerTestSupport.run(Self.scenario(target: "usrsctp"), target: Self.rfc4960Target())
        #expect(failing.verdict == .fail)
        #expect(failing.failedStep?.number == 3)
        #expect(failing.knownDeviation == nil)

        let passing = try RunnerTestSupport.run(Self.scenario(target: "usrsctp"), target: Self.conformingTarget())
        #expect(passing.verdict == .pass, "\(passing.reason ?? "")")
        #expect(passing.knownDeviation == nil)
    }

    @Test func waiverThatNoLongerMatchesAFailureFailsTheRun() throws {
        for strict in [false, true] {
            let result = try RunnerTestSupport.run(Self.scenario(), target: Self.conformingTarget(), strict: strict)
            #expect(result.verdict == .fail)
            #expect(result.reason == "known deviation no longer occurs: remove the waiver")
            #expect(result.steps.allSatisfy { $0.status == .passed })
            #expect(result.knownDeviation?.status == .noLongerOccurs)
            #expect(result.knownDeviation?.deviation.step == 3)
            #expect(RunSummary([result]).exitStatus == 1)
            let details = ConsoleReport.details(result)
            #expect(details.first == "known deviation no longer occurs: remove the waiver")
            #expect(details.contains { $0.hasPrefix("known deviation of scripted at step 3, which this run passed") })
        }
    }

    @Test func errorAtTheWaivedStepStaysAnError() throws {
        let target = ScriptedTarget { _, _, _ in .init(crash: "signal 11") }
        let result = try RunnerTestSupport.run(Self.scenario(step: 2), target: target)
        #expect(result.verdict == .error)
        #expect(result.failedStep?.number == 2)
        #expect(result.knownDeviation == nil)
        #expect(RunSummary([result]).exitStatus == 1)
    }

    @Test func failureAfterTheLastStepIsNotWaived() throws {
        // Every step passes, then a second INIT ACK is left over: a FAIL at no step.
        let target = ScriptedTarget { packet, _, _ in
            guard case .initiation? = packet?.chunks.first else { return .init() }
            let ack = ScriptedPeer.initAck(answering: packet)
            return .init(packets: [(.zero, ack), (.zero, ack)])
        }
        let yaml = RunnerTestSupport.scenario(
            "  - send: init\n  - expect: init-ack",
            header: "known_deviations: [{target: scripted, step: 2, reason: r}]\n")
        let result = try RunnerTestSupport.run(yaml, target: target)
        #expect(result.verdict == .fail)
        #expect(result.reason?.hasPrefix("unexpected packet after the last step") == true)
        #expect(result.knownDeviation == nil)
    }

    @Test func sameSeedGivesIdenticalReportsForAKnownDeviation() throws {
        func reports() throws -> [[UInt8]] {
            let result = try RunnerTestSupport.run(Self.scenario(), target: Self.rfc4960Target(), seed: 7)
            return [
                ReportWriter.pcap(result), Array(ResultJSON.scenario(result, pcapName: "t.pcap").serialized().utf8),
                Array(JUnitReport.document([result], target: "scripted", seed: 7).utf8),
            ]
        }
        #expect(try reports() == reports())
    }

    @Test func summaryCountsEveryVerdict() throws {
        let deviation = try RunnerTestSupport.run(Self.scenario(), target: Self.rfc4960Target())
        var skipped = deviation
        skipped.verdict = .skip
        var errored = deviation
        errored.verdict = .error
        var passed = deviation
        passed.verdict = .pass
        let summary = RunSummary([deviation, deviation, skipped, passed])
        #expect((summary.passed, summary.failed, summary.errors, summary.skipped) == (1, 0, 0, 1))
        #expect(summary.knownDeviations == 2)
        #expect(summary.exitStatus == 0)
        #expect(RunSummary([deviation, errored]).exitStatus == 1)
        #expect(
            ConsoleReport.summary([deviation, deviation, skipped, passed])
                == "1 passed, 0 failed, 0 errors, 1 skipped, 2 known deviations")
    }
}
