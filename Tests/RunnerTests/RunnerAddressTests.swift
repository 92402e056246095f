import Foundation
import NetworkLayers
import Runner
import Testing

/// A scenario's addresses on the wire: `send` leaves from its `from:` to its `to:`, and an `expect`
/// whose packet carries other addresses than its `from:`/`to:` fails naming the field.
@Suite struct RunnerAddressTests {
    /// The standard test scenario with a second harness address.
    static func scenario(_ steps: String) -> String {
        RunnerTestSupport.scenario(steps).replacingOccurrences(
            of: "peer: {port: 5000}", with: "peer: {port: 5000, addresses: [198.18.0.1, 198.18.0.3]}")
    }

    @Test func sendUsesTheNamedHarnessAddressAndExpectChecksTheReply() throws {
        let target = ScriptedTarget(onPacket: ScriptedPeer.server())
        let result = try RunnerTestSupport.run(
            Self.scenario(
                "  - send: init\n    from: 198.18.0.3\n  - expect: init-ack\n    from: 198.18.0.2\n    to: 198.18.0.3"),
            target: target)
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        #expect(target.received.first?.source == IPAddress("198.18.0.3"))
        #expect(target.received.first?.destination == IPAddress("198.18.0.2"))
        #expect(result.packets.map(\.packet.destination) == [IPAddress("198.18.0.2")!, IPAddress("198.18.0.3")!])
    }

    @Test func aReplyToAnotherAddressFailsNamingTheField() throws {
        let target = ScriptedTarget(onPacket: ScriptedPeer.server())
        let result = try RunnerTestSupport.run(
            Self.scenario("  - send: init\n    from: 198.18.0.3\n  - expect: init-ack\n    to: 198.18.0.1"),
            target: target)
        #expect(result.verdict == .fail)
        let mismatch = try #require(result.failedStep?.failure?.mismatches.first)
        #expect(mismatch.path == "to")
        #expect(mismatch.expected == "a packet to 198.18.0.1")
        #expect(mismatch.observed == "to 198.18.0.3")
    }
}
