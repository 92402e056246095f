import Foundation
import NetworkLayers
import Reports
import Runner
import Scenario
import Testing

/// A live finding keeps its rule, section, severity, violator, association and related packets from
/// the rule engine through `ScenarioResult` into the scenario's JSON and HTML.
@Suite struct FindingsWholeTests {
    /// The SUT answers INIT with an INIT ACK under a wrong verification tag: a `vtag.*` MUST finding.
    private func wrongTagRun() throws -> ScenarioResult {
        let target = ScriptedTarget { packet, _, _ in
            .init(packets: [(.zero, ScriptedPeer.initAck(answering: packet, tag: 0x0BAD_0BAD))])
        }
        return try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: init\n  - expect: init-ack"), target: target,
            checkers: RulesLiveChecker.factory)
    }

    @Test func liveFindingKeepsViolatorAndAssociation() throws {
        let result = try self.wrongTagRun()
        let finding = try #require(result.findings.first { $0.severity == .must })
        #expect(finding.rule.hasPrefix("vtag."))
        #expect(finding.section.hasPrefix("RFC 9260 §8.5"))
        #expect(finding.violator == .systemUnderTest)
        #expect(finding.violatorEndpoint == "198.18.0.2:\(result.packets[1].packet.sourcePort)")
        #expect(finding.associationID == 1)
        #expect(finding.packetNumber == 2)
    }

    @Test func jsonAndHTMLCarryEveryFieldOfAFinding() throws {
        var result = try self.wrongTagRun()
        result.findings = [
            ScenarioFinding(
                rule: "shutdown.cum-tsn-ack", section: "RFC 9260 §3.3.8", severity: .must, message: "too far",
                packetNumber: 2, time: .zero, violator: .systemUnderTest, violatorEndpoint: "198.18.0.2:5001",
                associationID: 3, relatedPackets: [1, 2]),
            ScenarioFinding(
                rule: "init.mis-zero", section: "RFC 9260 §3.3.2", severity: .note, message: "harness (deliberate)",
                packetNumber: 1, violator: .harness, violatorEndpoint: "198.18.0.1:5000"),
        ]
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(ResultJSON.scenario(result, pcapName: nil).serialized().utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings[0]["rule"] as? String == "shutdown.cum-tsn-ack")
        #expect(findings[0]["section"] as? String == "RFC 9260 §3.3.8")
        #expect(findings[0]["severity"] as? String == "MUST")
        #expect(findings[0]["violator"] as? String == "sut")
        #expect(findings[0]["violator_endpoint"] as? String == "198.18.0.2:5001")
        #expect(findings[0]["association"] as? Int == 3)
        #expect(findings[0]["related_packets"] as? [Int] == [1, 2])
        #expect(findings[1]["violator"] as? String == "harness")
        #expect(findings[1]["association"] is NSNull)
        let packets = try #require(json["packets"] as? [[String: Any]])
        #expect(packets[0]["from"] as? String == "198.18.0.1")
        #expect(packets[0]["to"] as? String == "198.18.0.2")
        #expect(packets[1]["from"] as? String == "198.18.0.2")
        #expect(packets[0]["carriage"] as? String == "ip")

        let page = HTMLReport.document([result], target: "scripted", seed: 1)
        #expect(
            page.contains(
                "<td><code>shutdown.cum-tsn-ack</code></td><td>MUST</td><td>RFC 9260 §3.3.8</td>"
                    + "<td>SUT 198.18.0.2:5001</td><td class=\"num\">3</td>"
                    + "<td><a href=\"#scenario-t-packet-2\">#2</a> (see <a href=\"#scenario-t-packet-1\">#1</a>, "
                    + "<a href=\"#scenario-t-packet-2\">#2</a>)</td>"))
        #expect(page.contains("<td>harness 198.18.0.1:5000</td><td class=\"num\"></td>"))
        // The console names the rule and the violator too (notes are left out).
        let console = ConsoleReport.details(result)
        #expect(
            console.contains(
                "finding [MUST] RFC 9260 §3.3.8 shutdown.cum-tsn-ack: too far (packet #2, by SUT 198.18.0.2:5001)"))
        #expect(!console.contains { $0.contains("init.mis-zero") })
    }
}
