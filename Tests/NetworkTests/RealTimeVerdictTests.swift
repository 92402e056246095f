import Foundation
import NetworkLayers
import ProcessTestSupport
import Runner
import Scenario
import Targets
import Testing
import Transports
import VirtualTime

/// How the runner treats a real-time target: its expectation windows widen by the tolerance and a
/// timing failure names it; long waits are SKIPped as needing virtual time.
@Suite struct RealTimeVerdictTests {
    /// A silent real-time peer: time passes, nothing ever comes.
    final class SilentPeer: Target, Transport, @unchecked Sendable {
        let name = "silent"
        let capabilities: Set<TargetCapability> = [.server, .client, .application]
        var transport: any Transport { self }
        var realTimeTolerance: VirtualDuration? { .milliseconds(200) }
        func send(_ packet: AddressedPacket) throws(TransportError) {}
        func receiveNext(until deadline: VirtualInstant) throws(TransportError) -> ReceiveResult {
            ReceiveResult(time: deadline, packets: [])
        }
        func perform(_ action: ApplicationAction, at time: VirtualInstant) throws(TargetError) -> ActionResult { .ok }
        func takeTimedEvents() -> [TimedApplicationEvent] { [] }
        func shutdown() {}
    }

    static func run(_ steps: String) throws -> ScenarioResult {
        let yaml = "id: t\ntitle: test\nsut: {role: server, port: 5001}\npeer: {port: 5000}\nsteps:\n" + steps
        let scenario = try ScenarioLoader().load(yaml: yaml, file: "t.yaml")
        let descriptor = TargetDescriptor(
            name: "silent", summary: "", capabilities: [.server, .client, .application],
            checkAvailability: { .available(detail: "") }, make: { _, _ in SilentPeer() })
        return ScenarioRunner(target: descriptor).run(scenario)
    }

    @Test func aTimeoutNamesTheToleranceAndTheWindowIncludesIt() throws {
        let result = try Self.run("  - app: listen\n  - send: init\n  - expect: init-ack\n    within: 300ms\n")
        #expect(result.verdict == .fail)
        let reason = try #require(result.reason)
        #expect(reason.contains("within 500ms"), "\(reason)")
        #expect(reason.contains("(real time: a tolerance of 200ms was added to the deadline)"), "\(reason)")
    }

    @Test func longWaitsAreSkippedAsNeedingVirtualTimeAndShortOnesRun() throws {
        let long = try Self.run("  - app: listen\n  - wait: 65s\n")
        #expect(long.verdict == .skip)
        #expect(long.reason == "target silent lacks virtual-time: the scenario waits 65s in all, more than the 10s a "
            + "real-time run may sleep")
        let short = try Self.run("  - app: listen\n  - wait: 2s\n")
        #expect(short.verdict == .pass)
    }

    @Test func targetsCheckListsTheRealTimeTargetsAndHowToGetThem() throws {
        guard let binary = ExternalTool.sctpconform else { return }
        let run = try ExternalTool.run(binary, ["targets", "--check"], timeout: 600)
        let output = run.standardOutput
        for name in ["usrsctp-raw ", "usrsctp-udp ", "remote "] {
            #expect(output.contains("\n" + name), "\(output)")
        }
        #expect(output.contains("reason: no peer named"))
        #expect(output.contains("hint: give its address: --target remote --address A [--port P]"))
        if NamespacePair.unavailability() == nil {
            #expect(!output.contains("FAILED"), "\(output)")
            // usrsctp, usrsctp-raw, usrsctp-udp, and linux and linux-udp (a VM each) and pion where they can run.
            let linux = TargetRegistry.linuxAvailability().isAvailable ? 2 : 0
            let pion = TargetRegistry.standard.descriptor(named: "pion")?.checkAvailability().isAvailable == true ? 1 : 0
            #expect(output.components(separatedBy: "start check: ok").count - 1 == 3 + linux + pion, "\(output)")
            #expect(run.status == 0)
        }
    }
}
