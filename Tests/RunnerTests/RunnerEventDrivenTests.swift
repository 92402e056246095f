import NetworkLayers
import Captures
import Runner
import SCTPWire
import Scenario
import Targets
import Testing
import Transports
import TransportTestSupport
import VirtualTime

/// The runner is event-driven: it jumps to the earlier of its own next deadline and the SUT's next
/// output, sees every packet at the instant it was sent and answers at that instant; after the last
/// step it goes on for the quiet period.
@Suite struct RunnerEventDrivenTests {
    private func instant(microseconds: UInt64) -> VirtualInstant {
        VirtualInstant(nanoseconds: microseconds * 1_000)
    }

    private var heartbeat: [UInt8] {
        ScriptedPeer.simple(
            .heartbeat(HeartbeatChunk(parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: [1, 2, 3, 4]))])),
            tag: 0)
    }

    @Test func aPacketIsSeenAndAnsweredAtTheInstantItWasSent() throws {
        // 37.5 ms is no multiple of any polling step: only an event-driven runner lands on it.
        let target = ScriptedTarget()
        let sentAt = self.instant(microseconds: 37_500)
        target.schedule(self.heartbeat, at: sentAt)
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(
                """
                  - expect: heartbeat
                    within: 10s
                  - send: heartbeat-ack
                """, header: "ignore: []\n"), target: target)
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        #expect(result.steps[0].end == sentAt)
        #expect(result.packets.map(\.time) == [sentAt, sentAt])
        #expect(target.received.map(\.time) == [sentAt])
        // In the pcap the HEARTBEAT ACK carries exactly the HEARTBEAT's timestamp.
        let stamp = CaptureTimestamp(totalNanoseconds: 37_500_000)
        #expect(result.capture.map(\.timestamp) == [stamp, stamp])
        // One jump to the packet, not one look per millisecond.
        #expect(target.receiveCalls < 8)
    }

    @Test func aPacketAtTheLastInstantOfAWindowIsInsideIt() throws {
        let cases: [(arrival: UInt64, verdict: Verdict)] = [(50_000, .pass), (50_001, .fail)]
        for (arrival, verdict) in cases {
            let target = ScriptedTarget()
            target.schedule(self.heartbeat, at: self.instant(microseconds: arrival))
            let result = try RunnerTestSupport.run(
                RunnerTestSupport.scenario("  - expect: heartbeat\n    within: 50ms", header: "ignore: []\n"),
                target: target)
            #expect(result.verdict == verdict, "arrival \(arrival) us: \(result.reason ?? "")")
        }
    }

    @Test func expectNothingCountsAPacketAtItsLastInstant() throws {
        let target = ScriptedTarget()
        target.schedule(self.heartbeat, at: self.instant(microseconds: 50_000))
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - expect: nothing\n    within: 50ms", header: "ignore: []\n"), target: target)
        #expect(result.verdict == .fail)
        #expect(result.failedStep?.number == 1)
        #expect(result.failedStep?.failure?.message.contains("at 0.050000s") == true)
    }

    @Test func waitEndsExactlyAndPacketsMeanwhileQueue() throws {
        // Packets at 10 ms and exactly at the wait's end (30 ms) both wait for the expects.
        let target = ScriptedTarget()
        target.schedule(self.heartbeat, at: self.instant(microseconds: 10_000))
        target.schedule(self.heartbeat, at: self.instant(microseconds: 30_000))
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(
                """
                  - wait: 30ms
                  - expect: heartbeat
                    within: 0ms
                  - expect: heartbeat
                    within: 0ms
                  - send: abort
                """, header: "ignore: []\n"), target: target)
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        let waitEnd: VirtualInstant? = self.instant(microseconds: 30_000)
        #expect(Array(result.steps.prefix(3).map(\.end)) == [waitEnd, waitEnd, waitEnd])
        #expect(target.received.map(\.time) == [self.instant(microseconds: 30_000)])
    }

    /// A server that answers INIT and, `strayAfter` later, sends an ABORT nobody expects.
    private func strayAbortServer(after strayAfter: VirtualDuration) -> ScriptedTarget {
        ScriptedTarget { packet, _, _ in
            .init(packets: [
                (.zero, ScriptedPeer.initAck(answering: packet)),
                (strayAfter, ScriptedPeer.simple(.abort(AbortChunk()), tag: ScriptedPeer.initiateTag(of: packet))),
            ])
        }
    }

    @Test func aStrayPacketInTheQuietPeriodAfterTheLastStepFailsTheRun() throws {
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: init\n  - expect: init-ack"),
            target: self.strayAbortServer(after: .milliseconds(300)))
        #expect(result.verdict == .fail)
        #expect(result.reason == "unexpected packet after the last step: #3 [ABORT] at 0.300000s")
        #expect(result.packets.last?.disposition == .leftOver)
        // The run stops at the stray packet.
        #expect(result.duration == .milliseconds(300))
    }

    @Test func theQuietPeriodIsSetPerScenarioAndItsLastInstantCounts() throws {
        let shorter = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: init\n  - expect: init-ack", header: "defaults: {quiet: 299ms}\n"),
            target: self.strayAbortServer(after: .milliseconds(300)))
        #expect(shorter.verdict == .pass, "\(shorter.reason ?? "")")
        #expect(shorter.packets.count == 2)
        #expect(shorter.duration == .milliseconds(299))

        let exact = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: init\n  - expect: init-ack", header: "defaults: {quiet: 300ms}\n"),
            target: self.strayAbortServer(after: .milliseconds(300)))
        #expect(exact.verdict == .fail)
        #expect(exact.packets.last?.disposition == .leftOver)
    }

    @Test func ignoredPacketsInTheQuietPeriodDoNotFail() throws {
        let target = ScriptedTarget()
        target.schedule(self.heartbeat, at: self.instant(microseconds: 400_000))
        let result = try RunnerTestSupport.run(RunnerTestSupport.scenario("  - send: abort"), target: target)
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        #expect(result.packets.last?.disposition == .ignored)
        #expect(result.duration == .seconds(1))
    }
}

/// A target whose clock never moves: the runner must give up with an ERROR, not loop.
private final class FrozenTarget: Target, Transport, @unchecked Sendable {
    let name = "frozen"
    let capabilities: Set<TargetCapability> = [.server, .client]
    var transport: any Transport { self }

    func send(_ packet: AddressedPacket) throws(TransportError) {}
    func receiveNext(until deadline: VirtualInstant) throws(TransportError) -> ReceiveResult {
        ReceiveResult(time: .zero, packets: [])
    }
    func perform(_ action: ApplicationAction, at time: VirtualInstant) throws(TargetError) -> ActionResult { .ok }
    func takeTimedEvents() -> [TimedApplicationEvent] { [] }
    func shutdown() {}
}

@Suite struct RunnerStallTests {
    @Test func aTargetThatMakesNoProgressEndsInAnError() throws {
        let target = FrozenTarget()
        let descriptor = TargetDescriptor(
            name: target.name, summary: "frozen test double", capabilities: target.capabilities,
            checkAvailability: { .available(detail: "in memory") }, make: { _, _ in target })
        let scenario = try ScenarioLoader().load(
            yaml: RunnerTestSupport.scenario("  - expect: init-ack\n    within: 1s"), file: "t.yaml")
        let result = ScenarioRunner(target: descriptor).run(scenario)
        #expect(result.verdict == .error)
        #expect(result.reason?.contains("made no progress at 0.000000s") == true, "\(result.reason ?? "")")
    }
}
