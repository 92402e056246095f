import NetworkLayers
import Scenario
import Testing

/// `sut: {udp: {port: N}}` and `peer: {udp: {port: N}}`: a run UDP-encapsulated (RFC 6951).
@Suite struct LoaderUDPTests {
    static func text(sut: String, peer: String) -> String {
        """
        id: t
        title: test
        sut: {role: server, port: 5001\(sut)}
        peer: {port: 5000\(peer)}
        steps:
          - send: init

        """
    }

    @Test func withoutUDPThePacketsTravelInIP() throws {
        let scenario = try LoaderTestSupport.load(Self.text(sut: "", peer: ""))
        #expect(scenario.udp == nil)
        #expect(scenario.harnessCarriage == .ip)
    }

    @Test func bothPortsDeclared() throws {
        let scenario = try LoaderTestSupport.load(Self.text(sut: ", udp: {port: 9900}", peer: ", udp: {port: 9901}"))
        #expect(scenario.udp == UDPEncapsulation(sutPort: 9900, peerPort: 9901))
        #expect(scenario.harnessCarriage == .udpEncapsulated(sourcePort: 9901, destinationPort: 9900))
        #expect(scenario.sutPort == 5001 && scenario.peerPort == 5000)
    }

    @Test func aSideWithoutAPortHasTheRegisteredOne() throws {
        let one = try LoaderTestSupport.load(Self.text(sut: ", udp: {port: 10000}", peer: ""))
        #expect(one.udp == UDPEncapsulation(sutPort: 10000, peerPort: 9899))
        let empty = try LoaderTestSupport.load(Self.text(sut: "", peer: ", udp: {}"))
        #expect(empty.udp == UDPEncapsulation(sutPort: 9899, peerPort: 9899))
    }

    @Test func badUDPEntriesAreErrorsAtTheirPlace() {
        let zero = LoaderTestSupport.errors(Self.text(sut: ", udp: {port: 0}", peer: ""))
        #expect(zero.count == 1)
        #expect(zero.first?.description.hasPrefix("test.yaml:3:45: error: sut.udp.port must not be 0") == true)
        let unknown = LoaderTestSupport.errors(Self.text(sut: "", peer: ", udp: {prot: 9899}"))
        #expect(unknown.count == 1)
        #expect(unknown.first?.location.line == 4)
        #expect(unknown.first?.description.contains("prot") == true)
        let notMapping = LoaderTestSupport.errors(Self.text(sut: ", udp: 9899", peer: ""))
        #expect(notMapping.count == 1)
        #expect(notMapping.first?.location.line == 3)
        let tooLarge = LoaderTestSupport.errors(Self.text(sut: "", peer: ", udp: {port: 70000}"))
        #expect(tooLarge.count == 1)
        #expect(tooLarge.first?.location.line == 4)
    }

    @Test func theWriterWritesTheUDPPortsBack() throws {
        let scenario = try LoaderTestSupport.load(Self.text(sut: ", udp: {port: 9899}", peer: ", udp: {port: 4000}"))
        let text = ScenarioWriter().write(scenario)
        #expect(text.contains("sut: {role: server, port: 5001, udp: {port: 9899}}"), "\(text)")
        #expect(text.contains("peer: {port: 5000, udp: {port: 4000}}"), "\(text)")
        let reloaded = try LoaderTestSupport.load(text)
        #expect(reloaded.udp == scenario.udp)
        #expect(reloaded.locationsErased == scenario.locationsErased)
    }

    @Test func withoutUDPTheWriterWritesNoUDPKey() throws {
        let scenario = try LoaderTestSupport.load(Self.text(sut: "", peer: ""))
        #expect(!ScenarioWriter().write(scenario).contains("udp"))
    }
}
