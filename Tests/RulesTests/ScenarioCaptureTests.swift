import CaptureCheck
import Foundation
import NetworkLayers
import Rules
import Testing

/// The shipped scenarios run against usrsctp (Tests/Fixtures/rules/usrsctp-scenarios): the SUT
/// conforms except for its known RFC 4960 behaviour; the harness breaks exactly the rules each
/// scenario means it to.
@Suite struct ScenarioCaptureTests {
    /// The harness's addresses across the scenarios (the default, multihomed-peer's second one,
    /// handshake-ipv6's) and the SUT's.
    static let harness: Set<IPAddress> = [
        IPAddress("198.18.0.1")!, IPAddress("198.18.0.3")!, IPAddress("2001:db8::1")!,
    ]
    static let sut: Set<IPAddress> = [IPAddress("198.18.0.2")!, IPAddress("2001:db8::2")!]

    /// Rules each scenario's harness breaks on purpose (scenarios not listed break none).
    static let deliberate: [String: Set<String>] = [
        // After the association ends, the harness sends under its old tag on purpose (out of the blue).
        "abort-received": ["handshake.no-tcb-chunks"],
        "app-abort": ["handshake.no-tcb-chunks"],
        "checksum-bad-init": ["packet.checksum"],
        "cookie-tampered": ["cookie.echo-matches-offer"],
        "cookie-wrong-tag": ["vtag.peer-tag", "cookie.echo-matches-offer"],
        "data-invalid-stream": ["streams.within-negotiated"],
        "init-mis-zero": ["init.streams-nonzero"],
        "init-os-zero": ["init.streams-nonzero"],
        "init-tag-zero": ["init.initiate-tag-nonzero"],
        "ootb-abort": ["vtag.peer-tag"],
        "ootb-data": ["vtag.peer-tag", "handshake.no-tcb-chunks"],
        "ootb-shutdown-ack": ["vtag.peer-tag", "handshake.no-tcb-chunks"],
        "ootb-shutdown-complete": ["vtag.peer-tag"],
        // Its DATA after the SHUTDOWN COMPLETE is out of the blue: the ended association's SHUTDOWN no
        // longer counts (fresh tracking after an association ends).
        "shutdown-complete-closes": ["handshake.no-tcb-chunks"],
        // DATA on one stream past what the harness offered, to see the ERROR Invalid Stream Identifier.
        "stream-negotiation": ["streams.within-negotiated"],
        "stream-negotiation-client": ["streams.within-negotiated"],
        "vtag-wrong-abort": ["vtag.peer-tag"],
        "vtag-wrong-data": ["vtag.peer-tag"],
    ]

    /// Scenarios whose capture begins with the harness's out-of-the-blue packets: offline (`check`)
    /// a capture may begin mid-association, so those are taken as an association joined midway and
    /// break nothing.
    static let outOfTheBlueFromTheStart: Set<String> = [
        "ootb-abort", "ootb-data", "ootb-shutdown-ack", "ootb-shutdown-complete",
    ]

    static func isOn(_ host: EndpointHost, _ addresses: Set<IPAddress>) -> Bool {
        if case .ip(let address) = host { return addresses.contains(address) }
        return false
    }

    static var captures: [String] {
        let folder = FixturePaths.repositoryRoot.appendingPathComponent("Tests/Fixtures/rules/usrsctp-scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".pcap") }.sorted()
    }

    @Test func everyShippedScenarioHasACapture() {
        let scenarios =
            (try? FileManager.default.contentsOfDirectory(
                atPath: FixturePaths.repositoryRoot.appendingPathComponent("Scenarios").path)) ?? []
        let ids = Set(scenarios.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) })
        #expect(Set(Self.captures.map { String($0.dropLast(5)) }) == ids)
    }

    /// Both ways a capture is judged: as the runner judges the exchange live, and as
    /// `sctpconform check` judges a capture (its default options).
    static let checks: [(name: String, options: CaptureCheckOptions)] = [
        ("live", CaptureCheckOptions(configuration: .live)), ("check", CaptureCheckOptions()),
    ]

    @Test(arguments: Self.captures, [0, 1])
    func sutConformsAndHarnessBreaksOnlyWhatItMeans(_ name: String, _ check: Int) {
        let id = String(name.dropLast(5))
        let (mode, options) = Self.checks[check]
        let result = CaptureChecker.check(
            path: FixturePaths.fixture("rules/usrsctp-scenarios/\(name)"), options: options)
        #expect(result.readError == nil)
        #expect(result.sctpPackets > 0)
        let bySUT = result.findings.filter { Self.isOn($0.violator.host, Self.sut) }
        let byHarness = result.findings.filter { Self.isOn($0.violator.host, Self.harness) }
        #expect(bySUT.count + byHarness.count == result.findings.count)
        if id == "init-tag-zero" {
            #expect(bySUT.map(\.ruleID) == ["init.zero-tag-discarded"], "\(mode)")
        } else {
            expectClean(bySUT)
        }
        let offlineSilent = mode == "check" && Self.outOfTheBlueFromTheStart.contains(id)
        let deliberate = offlineSilent ? [] : Self.deliberate[id, default: []]
        #expect(Set(byHarness.map(\.ruleID)) == deliberate, "\(id) (\(mode))")
    }
}
