import NetworkLayers
import Scenario
import Testing

/// `sut: {addresses: [...]}`, `peer: {addresses: [...]}` and a step's `from:` / `to:`.
@Suite struct LoaderAddressTests {
    static func header(sut: String, peer: String) -> String {
        """
        id: t
        title: test
        sut: {role: server, port: 5001\(sut)}
        peer: {port: 5000\(peer)}
        steps:

        """
    }

    @Test func defaultsAreTheBenchmarkingAddresses() throws {
        let scenario = try LoaderTestSupport.load(LoaderTestSupport.scenario(steps: "  - send: init"))
        #expect(scenario.sutAddresses == [IPAddress("198.18.0.2")!])
        #expect(scenario.peerAddresses == [IPAddress("198.18.0.1")!])
        #expect(scenario.steps[0].from == nil && scenario.steps[0].to == nil)
    }

    @Test func declaredAddressesAndStepAddresses() throws {
        let text =
            Self.header(sut: ", addresses: [198.18.0.2]", peer: ", addresses: [198.18.0.1, 198.18.0.3]")
            + """
              - send: init
                from: 198.18.0.3
                to: 198.18.0.2
              - expect: init-ack
                from: 198.18.0.2
                to: 198.18.0.3
            """
        let scenario = try LoaderTestSupport.load(text)
        #expect(scenario.peerAddresses == [IPAddress("198.18.0.1")!, IPAddress("198.18.0.3")!])
        #expect(scenario.steps[0].from == IPAddress("198.18.0.3"))
        #expect(scenario.steps[0].to == IPAddress("198.18.0.2"))
        #expect(scenario.steps[1].from == IPAddress("198.18.0.2"))
        #expect(scenario.steps[1].to == IPAddress("198.18.0.3"))
    }

    @Test func ipv6Literals() throws {
        let text =
            Self.header(sut: ", addresses: [\"2001:db8::2\"]", peer: ", addresses: [\"2001:db8::1\"]")
            + "  - send: init\n    from: \"2001:db8::1\"\n"
        let scenario = try LoaderTestSupport.load(text)
        #expect(scenario.sutAddresses == [IPAddress("2001:db8::2")!])
        #expect(scenario.steps[0].from == IPAddress("2001:db8::1"))
    }

    @Test func mixedFamiliesAreRejectedAtTheAddress() {
        let text =
            Self.header(sut: ", addresses: [198.18.0.2]", peer: ", addresses: [198.18.0.1, \"2001:db8::1\"]")
            + "  - send: init\n"
        let errors = LoaderTestSupport.errors(text)
        #expect(errors.count == 1)
        #expect(errors.first?.kind == .invalidValue)
        #expect(errors.first?.location.line == 4)
        #expect(errors.first?.location.column == 44)
        #expect(errors.first?.description.hasPrefix("test.yaml:4:44: error: 2001:db8::1 is IPv6") == true)
    }

    @Test func ipv6SUTWithTheDefaultIPv4HarnessIsRejected() {
        let text = Self.header(sut: ", addresses: [\"::1\"]", peer: "") + "  - send: init\n"
        let errors = LoaderTestSupport.errors(text)
        #expect(errors.map(\.message) == ["sut.addresses are IPv6 but peer has the default IPv4 address"])
    }

    @Test func badAddressesAndUnknownStepAddresses() {
        let text =
            Self.header(sut: ", addresses: [198.18.0.2, 198.18.0.2]", peer: ", addresses: [198.18.0.1, 300.1.1.1]")
            + """
              - send: init
                from: 198.18.0.2
              - expect: init-ack
                to: 198.18.0.11
              - wait: 1s
                from: 198.18.0.1
            """
        let errors = LoaderTestSupport.errors(text)
        let messages = errors.map(\.message)
        #expect(messages.contains("sut.addresses lists 198.18.0.2 twice"))
        #expect(messages.contains("'300.1.1.1' is not an IP address"))
        #expect(messages.contains("from: 198.18.0.2 is not one of the harness's (peer.addresses) addresses"))
        let to = errors.first { $0.message.hasPrefix("to: 198.18.0.11") }
        #expect(to?.suggestion == "198.18.0.1")
        #expect(to?.location.line == 9)
        #expect(errors.contains { $0.kind == .unknownKey && $0.message.contains("'from'") })
    }
}
