import Captures
import Foundation
import NetworkLayers
import NetworkTransports
import Targets
import Testing
import Transports
import VirtualTime

/// Two `NetworkTransport`s talking to each other over a veth pair between two namespaces made for
/// the test (raw IPv4, raw IPv6, UDP encapsulation), with capture and fault injection wrapped around
/// one of them unchanged. Needs root and iproute2 (skipped otherwise, unless tools are required).
@Suite(.serialized) struct NetworkTransportTests {
    static let harnessV4 = IPAddress("198.18.0.1")!
    static let sutV4 = IPAddress("198.18.0.2")!
    static let harnessV6 = IPAddress("2001:2::1")!
    static let sutV6 = IPAddress("2001:2::2")!

    static var usable: Bool { NamespacePair.unavailability() == nil }

    /// An SCTP-shaped packet: common header with the ports, a zero tag and checksum, then `body`.
    static func packet(from source: UInt16, to destination: UInt16, body: [UInt8]) -> [UInt8] {
        [UInt8(source >> 8), UInt8(source & 0xff), UInt8(destination >> 8), UInt8(destination & 0xff)]
            + [0, 0, 0, 0, 0, 0, 0, 0] + body
    }

    /// The harness's transport in one namespace and a peer's in the other, with the roles swapped.
    static func pair(
        _ link: NamespacePair, carriage: NetworkCarriage, peerCarriage: NetworkCarriage, harness: IPAddress,
        sut: IPAddress
    ) throws -> (harness: NetworkTransport, peer: NetworkTransport) {
        let clock = RealTimeClock(tolerance: .milliseconds(200))
        let ours = try NetworkTransport(
            carriage: carriage,
            endpoints: NetworkEndpoints(
                localAddresses: [harness], remoteAddresses: [sut], localPort: 5000, remotePort: 5001),
            clock: clock, namespacePath: link.harnessPath)
        let theirs = try NetworkTransport(
            carriage: peerCarriage,
            endpoints: NetworkEndpoints(
                localAddresses: [sut], remoteAddresses: [harness], localPort: 5001, remotePort: 5000),
            clock: RealTimeClock(tolerance: .milliseconds(200)), namespacePath: link.sutPath)
        return (ours, theirs)
    }

    /// Sends one packet each way through `harness` (decorated) and checks both arrive whole, with
    /// their addresses, and that a packet with foreign ports is filtered out.
    static func exchange(
        harness: any Transport, plain: NetworkTransport, peer: NetworkTransport, from: IPAddress, to: IPAddress
    ) throws {
        let request = Self.packet(from: 5000, to: 5001, body: Array("ping".utf8))
        try harness.send(AddressedPacket(source: from, destination: to, time: plain.clock.now, bytes: request))
        let received = try peer.receiveNext(until: peer.clock.now + .seconds(5))
        #expect(received.packets.map(\.bytes) == [request])
        #expect(received.packets.first?.source == from)
        // Foreign ports first (filtered), then the reply.
        try peer.send(AddressedPacket(source: to, destination: from, time: peer.currentInstant,
                                      bytes: Self.packet(from: 7, to: 5000, body: [1])))
        let reply = Self.packet(from: 5001, to: 5000, body: Array("pong".utf8))
        try peer.send(AddressedPacket(source: to, destination: from, time: peer.currentInstant, bytes: reply))
        let back = try harness.receive(until: plain.clock.now + .seconds(2))
        #expect(back.map(\.bytes) == [reply])
        #expect(back.first?.source == to)
    }

    @Test(arguments: ["raw-ipv4", "raw-ipv6", "udp"])
    func packetsCrossTheLinkThroughCaptureAndFaultInjection(_ kind: String) throws {
        guard Self.usable else { return }
        let v6 = kind == "raw-ipv6"
        let harness = v6 ? Self.harnessV6 : Self.harnessV4
        let sut = v6 ? Self.sutV6 : Self.sutV4
        let link = try NamespacePair(harnessAddresses: [harness], sutAddresses: [sut])
        defer { link.remove() }
        let carriage: NetworkCarriage = kind == "udp" ? .udp(localPort: 9899, remotePort: 9899) : .rawIP
        let (ours, theirs) = try Self.pair(link, carriage: carriage, peerCarriage: carriage, harness: harness, sut: sut)
        defer {
            ours.close()
            theirs.close()
        }
        let capture = CapturingTransport(wrapping: FaultInjectingTransport(wrapping: ours, seed: 7))
        try Self.exchange(harness: capture, plain: ours, peer: theirs, from: harness, to: sut)
        #expect(capture.records.map(\.direction) == [.toSUT, .fromSUT])
        let frames = try capture.captureRecords()
        #expect(frames.count == 2)
        #expect(frames.allSatisfy { $0.linkType == .raw })
    }

    @Test func aDroppingInjectorKeepsThePacketOffTheWire() throws {
        guard Self.usable else { return }
        let link = try NamespacePair(harnessAddresses: [Self.harnessV4], sutAddresses: [Self.sutV4])
        defer { link.remove() }
        let (ours, theirs) = try Self.pair(
            link, carriage: .rawIP, peerCarriage: .rawIP, harness: Self.harnessV4, sut: Self.sutV4)
        defer {
            ours.close()
            theirs.close()
        }
        let injector = FaultInjectingTransport(wrapping: ours, seed: 1, toPeer: FaultProfile(drop: 1))
        try injector.send(AddressedPacket(
            source: Self.harnessV4, destination: Self.sutV4, time: ours.currentInstant,
            bytes: Self.packet(from: 5000, to: 5001, body: [9])))
        #expect(injector.takeLog().map(\.kind) == [.dropped])
        let seen = try theirs.receive(until: theirs.clock.now + .milliseconds(400))
        #expect(seen.isEmpty)
    }

    @Test func aWaitWithNothingArrivingSleepsUntilTheDeadline() throws {
        guard Self.usable else { return }
        let link = try NamespacePair(harnessAddresses: [Self.harnessV4], sutAddresses: [Self.sutV4])
        defer { link.remove() }
        let clock = RealTimeClock(tolerance: .milliseconds(50))
        let transport = try NetworkTransport(
            carriage: .rawIP,
            endpoints: NetworkEndpoints(
                localAddresses: [Self.harnessV4], remoteAddresses: [Self.sutV4], localPort: 5000, remotePort: 5001),
            clock: clock, namespacePath: link.harnessPath)
        defer { transport.close() }
        let before = RealTimeClock.wallNanoseconds()
        let result = try transport.receiveNext(until: transport.currentInstant + .milliseconds(300))
        let slept = RealTimeClock.wallNanoseconds() - before
        #expect(result.packets.isEmpty)
        #expect(result.time == .zero + .milliseconds(300))
        #expect(slept >= 250_000_000 && slept < 3_000_000_000)
    }
}
