import Runner
import SCTPWire
import Scenario
import Targets
import Testing

/// A target whose client always uses the same ports (`TargetDescriptor.fixedClientPorts`, pion's
/// 5000 → 5000): client scenarios run on those ports, with a note; server scenarios are unchanged.
@Suite struct FixedClientPortsTests {
    private func run(_ yaml: String, target: ScriptedTarget) throws -> ScenarioResult {
        var descriptor = RunnerTestSupport.descriptor(target)
        descriptor.fixedClientPorts = FixedClientPorts(sut: 5000, harness: 5000)
        let scenario = try ScenarioLoader().load(yaml: yaml, file: "t.yaml")
        return ScenarioRunner(target: descriptor).run(scenario)
    }

    @Test func aClientScenarioRunsOnTheFixedPortsAndSaysSo() throws {
        let yaml = """
            id: c
            title: client
            sut: {role: client, port: 5001}
            peer: {port: 4000}
            steps:
              - app: connect
              - expect: {init: {initiate_tag: -> peer_tag}}
            """
        let target = ScriptedTarget(
            capabilities: [.client, .application],
            onAction: { action, _ in
                guard action == .connect else { return (.ok, [], []) }
                let initiation = InitChunk(
                    initiateTag: 7, advertisedReceiverWindow: 65_536, outboundStreams: 1, inboundStreams: 1,
                    initialTSN: 1)
                let packet = ScriptedPeer.packet(
                    tag: 0, [.initiation(initiation)], sourcePort: 5000, destinationPort: 5000)
                return (.ok, [(.zero, packet)], [])
            })
        let result = try self.run(yaml, target: target)
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        #expect(
            result.notes
                == "The client of scripted always uses SCTP ports 5000 → 5000, so the scenario ran on those instead "
                + "of 5001 → 4000.")
    }

    @Test func aServerScenarioKeepsItsPorts() throws {
        let target = ScriptedTarget(onPacket: ScriptedPeer.server())
        let result = try self.run(RunnerTestSupport.scenario(RunnerTestSupport.handshakeSteps), target: target)
        #expect(result.verdict == .pass)
        #expect(result.notes == nil)
        let sent = RunnerTestSupport.sent(target)
        #expect(sent.first?.header.destinationPort == 5001)
        #expect(sent.first?.header.sourcePort == 5000)
    }
}
