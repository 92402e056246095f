import SCTPWire
import Scenario
import Testing

/// `--profile s1ap|ngap`: what `InteropProfile.apply` changes in a scenario, and what it leaves.
@Suite struct InteropProfileTests {
    private func load(role: String, steps: String) throws -> Scenario {
        try ScenarioLoader().load(
            yaml: """
                id: p
                title: profile
                sut: {role: \(role), port: 5001}
                peer: {port: 5000}
                steps:
                \(steps)
                """, file: "p.yaml")
    }

    @Test func knownProfilesHaveTheirRegisteredPortsAndPPIDs() {
        #expect(InteropProfile.named("s1ap") == .s1ap)
        #expect(InteropProfile.s1ap.port == 36412 && InteropProfile.s1ap.ppid == 18)
        #expect(InteropProfile.named("ngap")?.port == 38412)
        #expect(InteropProfile.ngap.ppid == 60)
        #expect(InteropProfile.named("x2ap") == nil)
        #expect(InteropProfile.all.map(\.name) == ["s1ap", "ngap"])
    }

    @Test func aServerSUTListensOnTheProfilePortAndDataCarriesItsPPID() throws {
        let scenario = try self.load(
            role: "server",
            steps: """
                  - app: listen
                  - send: {data: {user_data: "a"}}
                  - send: {data: {ppid: 46, user_data: "b"}}
                  - send: sack
                  - app: {send: {data: "c"}}
                  - app: {send: {ppid: 7, data: "d"}}
                """)
        let changed = InteropProfile.s1ap.apply(to: scenario)
        #expect(changed.sutPort == 36412)
        #expect(changed.peerPort == 5000)
        #expect(self.ppids(changed.steps[1]) == [.expression(.literal(18))])
        #expect(self.ppids(changed.steps[2]) == [.expression(.literal(46))], "an explicit PPID stays")
        #expect(changed.steps[3] == scenario.steps[3], "other chunks are left alone")
        #expect(self.appPPID(changed.steps[4]) == 18)
        #expect(self.appPPID(changed.steps[5]) == 7)
        #expect(changed.steps[0] == scenario.steps[0])
    }

    @Test func aClientSUTConnectsToTheHarnessOnTheProfilePort() throws {
        let scenario = try self.load(role: "client", steps: "  - app: connect\n  - expect: init")
        let changed = InteropProfile.ngap.apply(to: scenario)
        #expect(changed.sutPort == 5001)
        #expect(changed.peerPort == 38412)
        #expect(changed.steps == scenario.steps)
    }

    private func ppids(_ step: Step) -> [TemplateValue] {
        guard case .send(let template) = step.action, case .typed(_, let fields) = template.chunks[0].body else {
            return []
        }
        return fields.filter { $0.name == "ppid" }.map(\.value)
    }

    private func appPPID(_ step: Step) -> UInt32? {
        guard case .application(.perform(.send(_, let ppid, _, _), _)) = step.action else { return nil }
        return ppid
    }
}
