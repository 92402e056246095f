import CaptureCheck
import Foundation
import Rules
import Testing

/// Real stacks talking to each other (Tests/Fixtures/interop, see its README) come out clean, except
/// for pion/sctp 1.8.6's SHUTDOWN, whose Cumulative TSN Ack is taken from its own TSN space
/// (RFC 9260 §3.3.8 defines it as the last TSN received from the peer).
@Suite struct InteropFixtureTests {
    @Test(arguments: ["usrsctp-usrsctp-udp.pcap", "usrsctp-usrsctp-rawip.pcap", "aiortc-usrsctp-udp.pcap"])
    func cleanExchangesHaveNoFindings(_ name: String) throws {
        let result = CaptureChecker.check(path: FixturePaths.fixture("interop/\(name)"))
        #expect(result.readError == nil)
        #expect(result.frames > 15)
        #expect(result.sctpPackets == result.frames)
        expectClean(result.findings)
        let association = try #require(result.associations.first)
        #expect(result.associations.count == 1)
        #expect(association.origin == .handshake)
        #expect(association.packetCount == result.sctpPackets)
        #expect(association.states == [.closed, .closed])
        #expect(association.tags.allSatisfy { $0 != nil })
    }

    @Test func pionShutdownBehindTheAcknowledgedTSN() throws {
        let result = CaptureChecker.check(path: FixturePaths.fixture("interop/pion-usrsctp-udp.pcap"))
        #expect(result.readError == nil)
        expectSingle(result.findings, "shutdown.cum-tsn-ack", packet: 18)
        let finding = try #require(result.findings.first)
        #expect(finding.violator.udpPort == 9901)
        #expect(finding.message.contains("1947981356"))
        #expect(finding.message.contains("behind"))
        #expect(result.associations.first?.states == [.closed, .closed])
    }

    @Test func pionShutdownAheadOfTheSentTSNs() throws {
        let result = CaptureChecker.check(path: FixturePaths.fixture("interop/pion-usrsctp-udp-shutdown-abort.pcap"))
        expectSingle(result.findings, "shutdown.cum-tsn-ack", packet: 18)
        let finding = try #require(result.findings.first)
        #expect(finding.violator.udpPort == 9901)
        #expect(finding.message.contains("never sent"))
        // usrsctp's ABORT (T bit clear, pion's tag) ends the association on both sides.
        #expect(result.associations.first?.states == [.closed, .closed])
    }

    @Test func everyInteropCaptureIsChecked() {
        #expect(FixturePaths.interopCaptures.count == 5)
    }
}
