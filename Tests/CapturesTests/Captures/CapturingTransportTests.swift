import Captures
import NetworkLayers
import Testing
import Transports
import TransportTestSupport
import VirtualTime

/// A peer that answers each packet 1 ms later with its ports swapped, and refuses packets that
/// start with 0xFF.
final class EchoTransport: Transport {
    private var pending: [AddressedPacket] = []

    func send(_ envelope: AddressedPacket) throws(TransportError) {
        let packet = envelope.bytes
        let time = envelope.time
        if packet.first == 0xFF {
            throw TransportError("refused")
        }
        var reply = packet
        if reply.count >= 4 {
            reply.swapAt(0, 2)
            reply.swapAt(1, 3)
        }
        var carriage = envelope.carriage
        if case .udpEncapsulated(let source, let destination) = carriage {
            carriage = .udpEncapsulated(sourcePort: destination, destinationPort: source)
        }
        self.pending.append(
            AddressedPacket(
                source: envelope.destination, destination: envelope.source, carriage: carriage,
                time: time + .milliseconds(1), bytes: reply))
    }

    /// Stops at the earliest pending reply (all replies due then), or at the deadline.
    func receiveNext(until deadline: VirtualInstant) throws(TransportError) -> ReceiveResult {
        let stop = min(deadline, self.pending.map(\.time).min() ?? deadline)
        let due = self.pending.filter { $0.time <= stop }
        self.pending.removeAll { $0.time <= stop }
        return ReceiveResult(time: stop, packets: due)
    }
}

@Suite("Capturing transport")
struct CapturingTransportTests {
    static let packetA: [UInt8] = [0x13, 0x88, 0x00, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 4]
    static let packetB: [UInt8] = [0x13, 0x88, 0x00, 0x07, 0, 0, 0, 9, 0, 0, 0, 0, 0x0B, 0, 0, 4]

    static func run(_ capture: CapturingTransport) throws {
        try capture.send(Self.packetA, at: VirtualInstant(nanoseconds: 5_000))
        try capture.send(Self.packetB, at: VirtualInstant(nanoseconds: 500_000))
        let received = try capture.receive(until: VirtualInstant(nanoseconds: 2_000_000))
        #expect(received.count == 2)
    }

    @Test("records what crossed, in both directions, and passes everything through")
    func records() throws {
        let capture = CapturingTransport(wrapping: EchoTransport())
        try Self.run(capture)
        #expect(capture.records.map(\.direction) == [.toSUT, .toSUT, .fromSUT, .fromSUT])
        #expect(capture.records.map(\.time.nanoseconds) == [5_000, 500_000, 1_005_000, 1_500_000])
        #expect(capture.records[0].bytes == Self.packetA)
        #expect(capture.records[2].bytes.prefix(4) == [0x00, 0x07, 0x13, 0x88])
        capture.clearRecords()
        #expect(capture.records.isEmpty)
    }

    @Test("a packet the peer fails on is recorded all the same (the harness sent it), and the error passes through")
    func refusedSendIsRecorded() throws {
        let capture = CapturingTransport(wrapping: EchoTransport())
        var refused = Self.packetB
        refused[0] = 0xFF
        try capture.send(Self.packetA, at: VirtualInstant(nanoseconds: 5_000))
        #expect(throws: TransportError("refused")) {
            try capture.send(refused, at: VirtualInstant(nanoseconds: 6_000))
        }
        #expect(capture.records.map(\.bytes) == [Self.packetA, refused])
        #expect(capture.records.map(\.direction) == [.toSUT, .toSUT])
        #expect(capture.records.map(\.time.nanoseconds) == [5_000, 6_000])
        #expect(try capture.captureRecords().count == 2)
        // Only the packet that went through is answered.
        #expect(try capture.receive(until: VirtualInstant(nanoseconds: 2_000_000)).count == 1)
    }

    @Test("a send in two halves (beginSend, finishSend) is recorded once and reaches the peer as a send does")
    func sendInTwoHalves() throws {
        let capture = CapturingTransport(wrapping: EchoTransport())
        try capture.beginSend(
            AddressedPacket(
                source: AddressedPacket.testHarness, destination: AddressedPacket.testSUT,
                time: VirtualInstant(nanoseconds: 5_000), bytes: Self.packetA))
        try capture.finishSend()
        #expect(capture.records.map(\.direction) == [.toSUT])
        #expect(capture.records.map(\.bytes) == [Self.packetA])
        let replies = try capture.receive(until: VirtualInstant(nanoseconds: 2_000_000))
        #expect(replies.map(\.time.nanoseconds) == [1_005_000])
    }

    @Test("the pcap is raw IP between 198.18.0.1 and 198.18.0.2, in time order, with virtual timestamps")
    func pcap() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let capture = CapturingTransport(wrapping: EchoTransport())
        try Self.run(capture)
        // A late send stamped before the replies still lands in time order.
        try capture.send(Self.packetB, at: VirtualInstant(nanoseconds: 1_200_000))
        let path = directory.file("capture.pcap")
        try capture.writePcap(to: path)
        let records = try CaptureReader(path: path).readAll()
        #expect(records.map(\.linkType) == Array(repeating: LinkType.raw, count: 5))
        #expect(records.map(\.timestamp.totalNanoseconds) == [5_000, 500_000, 1_005_000, 1_200_000, 1_500_000])
        let packets = try records.map { record throws -> CarriedSCTPPacket in
            guard case .sctp(let packet) = try SCTPExtractor.extract(frame: record.bytes, linkType: record.linkType)
            else {
                throw TransportError("not SCTP")
            }
            return packet
        }
        let harness = IPAddress("198.18.0.1")!, sut = IPAddress("198.18.0.2")!
        #expect(packets.map(\.source) == [harness, harness, sut, harness, sut])
        #expect(packets.map(\.destination) == [sut, sut, harness, sut, harness])
        #expect(packets[0].bytes == Self.packetA)
        #expect(packets.allSatisfy { $0.carriage == .ip && $0.ipv4HeaderChecksumCorrect == true })
        #expect(directory.entries() == ["capture.pcap"])

        // The same run gives the same file byte for byte.
        let again = CapturingTransport(wrapping: EchoTransport())
        try Self.run(again)
        try again.send(Self.packetB, at: VirtualInstant(nanoseconds: 1_200_000))
        let secondPath = directory.file("again.pcap")
        try again.writePcap(to: secondPath, precision: .microseconds)
        #expect(readFileBytes(secondPath) == readFileBytes(path))
    }

    @Test("each packet is framed with its own envelope: IPv6 addresses and UDP encapsulation, ports swapped for replies")
    func ipv6UDP() throws {
        let capture = CapturingTransport(wrapping: EchoTransport())
        let harness = IPAddress("2001:db8::1")!, sut = IPAddress("2001:db8::2")!
        let carriage = SCTPCarriage.udpEncapsulated(sourcePort: 40_000, destinationPort: 9899)
        for (bytes, time) in [(Self.packetA, UInt64(5_000)), (Self.packetB, 500_000)] {
            try capture.send(
                AddressedPacket(
                    source: harness, destination: sut, carriage: carriage, time: VirtualInstant(nanoseconds: time),
                    bytes: bytes))
        }
        #expect(try capture.receive(until: VirtualInstant(nanoseconds: 2_000_000)).count == 2)
        let records = try capture.captureRecords()
        let carried = records.compactMap { record -> CarriedSCTPPacket? in
            if case .sctp(let packet) = try? SCTPExtractor.extract(frame: record.bytes, linkType: .raw) {
                return packet
            }
            return nil
        }
        #expect(carried.count == 4)
        #expect(carried[0].carriage == .udpEncapsulated(sourcePort: 40_000, destinationPort: 9899))
        #expect(carried[2].carriage == .udpEncapsulated(sourcePort: 9899, destinationPort: 40_000))
        #expect(carried[2].source == IPAddress("2001:db8::2")!)
        #expect(carried.allSatisfy { $0.udpChecksum == .correct })
    }

    @Test("a second harness address is framed as such")
    func multihomed() throws {
        let capture = CapturingTransport(wrapping: EchoTransport())
        let first = IPAddress("198.18.0.1")!, second = IPAddress("198.18.0.3")!, sut = IPAddress("198.18.0.2")!
        try capture.send(AddressedPacket(source: first, destination: sut, time: .zero, bytes: Self.packetA))
        try capture.send(
            AddressedPacket(
                source: second, destination: sut, time: VirtualInstant(nanoseconds: 10), bytes: Self.packetB))
        _ = try capture.receive(until: VirtualInstant(nanoseconds: 2_000_000))
        let carried = try capture.captureRecords().map { record throws -> CarriedSCTPPacket in
            guard case .sctp(let packet) = try SCTPExtractor.extract(frame: record.bytes, linkType: .raw) else {
                throw TransportError("not SCTP")
            }
            return packet
        }
        #expect(carried.map(\.source) == [first, second, sut, sut])
        #expect(carried.map(\.destination) == [sut, sut, first, second])
    }

    @Test("mismatched address families cannot be framed")
    func mismatch() throws {
        let capture = CapturingTransport(wrapping: EchoTransport())
        try capture.send(
            AddressedPacket(
                source: IPAddress("198.18.0.1")!, destination: IPAddress("::1")!, time: .zero, bytes: Self.packetA))
        #expect(throws: EncapsulationError.self) { try capture.captureRecords() }
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        #expect(throws: CaptureError.self) { try capture.writePcap(to: directory.file("x.pcap")) }
        #expect(directory.entries().isEmpty)
    }
}
