import Runner
import Scenario
import Targets
import Testing
import VirtualTime

/// `app: {no_event: ...}` fails on a matching application event no step took (queued before the window
/// or arriving in it), lets others through for later steps, and ignores what comes after the window.
@Suite struct NoEventTests {
    static let commUp = ApplicationEvent.associationChange(state: "COMM_UP", outboundStreams: 4, inboundStreams: 2)

    static func message(_ text: String) -> ApplicationEvent {
        .message(stream: 0, ppid: 0, payload: Array(text.utf8), unordered: false)
    }

    static func run(_ steps: String, events: [(ApplicationEvent, VirtualInstant)]) throws -> ScenarioResult {
        let target = ScriptedTarget()
        for (event, time) in events {
            target.queue(event, at: time)
        }
        return try RunnerTestSupport.run(RunnerTestSupport.scenario(steps), target: target)
    }

    static func ms(_ milliseconds: Int64) -> VirtualInstant {
        .zero + .milliseconds(milliseconds)
    }

    @Test func passesWhenNoMatchingEventComesAndLeavesOthersQueued() throws {
        let result = try Self.run(
            """
              - app: {no_event: comm_up}
                within: 1s
              - app: {receive: "early"}
              - app: {event: comm_up}
                within: 5s
            """, events: [(Self.message("early"), Self.ms(500)), (Self.commUp, Self.ms(1_500))])
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        #expect(result.steps[0].end == Self.ms(1_000))
        #expect(result.steps[1].events == ["message {stream: 0, ppid: 0, data: \"early\", unordered: false}"])
        #expect(result.steps[2].end == Self.ms(1_500))
    }

    @Test func failsOnAMatchingEventInTheWindow() throws {
        let result = try Self.run(
            """
              - app: {no_event: comm_up}
            """, events: [(Self.commUp, Self.ms(200))])
        #expect(result.verdict == .fail)
        #expect(result.failedStep?.number == 1)
        #expect(
            result.failedStep?.failure?.message
                == "step 1 (t.yaml:7:5): expected no application event comm_up within 1s of 0.000000s, observed "
                + "comm_up {outbound_streams: 4, inbound_streams: 2} at 0.200000s")
    }

    @Test func failsOnAMatchingEventNoStepTookBeforeTheWindow() throws {
        let result = try Self.run(
            """
              - wait: 2s
              - app: {no_event: [comm_lost, comm_up]}
                within: 100ms
            """, events: [(Self.commUp, Self.ms(300))])
        #expect(result.verdict == .fail)
        #expect(result.failedStep?.number == 2)
        let message = result.failedStep?.failure?.message ?? ""
        #expect(message.contains("expected no application event comm_lost or comm_up within 100ms of 2.000000s"))
        #expect(message.hasSuffix("at 0.300000s (before the window; no step took it)"))
    }

    @Test func patternsAndAny() throws {
        let fields = try Self.run(
            """
              - app: {no_event: {message: {data: "x"}}}
            """, events: [(Self.message("y"), Self.ms(10))])
        #expect(fields.verdict == .pass, "\(fields.reason ?? "")")
        let matching = try Self.run(
            """
              - app: {no_event: {message: {data: "x"}}}
            """, events: [(Self.message("y"), Self.ms(10)), (Self.message("x"), Self.ms(20))])
        #expect(matching.verdict == .fail)
        let any = try Self.run(
            """
              - app: {no_event: any}
            """, events: [(.notification("SENDER_DRY"), Self.ms(999))])
        #expect(any.verdict == .fail)
        #expect(any.failedStep?.failure?.message.contains("expected no application event within 1s") == true)
        let none = try Self.run("  - app: {no_event: any}", events: [])
        #expect(none.verdict == .pass)
    }
}
