import Captures
import NetworkLayers
import VirtualTime

/// A `Transport` decorator that records every SCTP packet sent to and received from the system
/// under test, in its envelope, and writes them as a pcap that Wireshark opens.
///
/// Packets are framed as raw IP (link type 101) with the addresses and carriage of their envelopes:
/// directly in IPv4 or IPv6, or UDP-encapsulated (RFC 6951). Timestamps are virtual time from the
/// start of the run, so the same run gives the same file byte for byte.
public final class CapturingTransport: Transport {
    /// One packet as it crossed the wire.
    public struct Record: Hashable, Sendable {
        /// `.toSUT` for packets the harness sent, `.fromSUT` for packets it received.
        public var direction: PacketDirection
        /// The packet with its addresses, carriage and instant.
        public var packet: AddressedPacket

        public init(direction: PacketDirection, packet: AddressedPacket) {
            self.direction = direction
            self.packet = packet
        }

        public var time: VirtualInstant { self.packet.time }
        /// The SCTP packet (common header onward).
        public var bytes: [UInt8] { self.packet.bytes }
    }

    /// The transport being recorded.
    public let inner: any Transport
    /// Everything that crossed so far, in the order the calls happened.
    public private(set) var records: [Record] = []

    public init(wrapping inner: any Transport) {
        self.inner = inner
    }

    /// Records the packet, then sends it through the inner transport. A packet the inner send fails
    /// on is kept: the harness sent it, and when the SUT died of it, it is the packet to look at.
    public func send(_ packet: AddressedPacket) throws(TransportError) {
        self.records.append(Record(direction: .toSUT, packet: packet))
        try self.inner.send(packet)
    }

    /// Records the packet, then begins its send through the inner transport (see `Transport.beginSend`).
    public func beginSend(_ packet: AddressedPacket) throws(TransportError) {
        self.records.append(Record(direction: .toSUT, packet: packet))
        try self.inner.beginSend(packet)
    }

    public func finishSend() throws(TransportError) {
        try self.inner.finishSend()
    }

    /// Receives through the inner transport and records every packet it returns.
    public func receiveNext(until deadline: VirtualInstant) throws(TransportError) -> ReceiveResult {
        let result = try self.inner.receiveNext(until: deadline)
        for packet in result.packets {
            self.records.append(Record(direction: .fromSUT, packet: packet))
        }
        return result
    }

    /// Forgets what was recorded.
    public func clearRecords() {
        self.records.removeAll()
    }

    /// The records as raw-IP capture records, in time order (ties keep call order).
    public func captureRecords() throws(EncapsulationError) -> [CaptureRecord] {
        try Self.captureRecords(self.records.map(\.packet))
    }

    /// Throws what `captureRecords(_:)` would throw for `packets`, framing nothing (a run checks its
    /// capture can be written, and frames it only when a report asks).
    public static func checkFramable(_ packets: [AddressedPacket]) throws(EncapsulationError) {
        for packet in packets {
            try packet.encapsulation.checkFraming(payloadLength: packet.bytes.count)
        }
    }

    /// `packets` as raw-IP capture records, each framed with its own addresses and carriage, in time
    /// order (ties keep the given order).
    public static func captureRecords(_ packets: [AddressedPacket]) throws(EncapsulationError) -> [CaptureRecord] {
        let ordered = packets.enumerated().sorted { lhs, rhs in
            (lhs.element.time, lhs.offset) < (rhs.element.time, rhs.offset)
        }
        var result: [CaptureRecord] = []
        result.reserveCapacity(ordered.count)
        for (_, packet) in ordered {
            let frame = try packet.encapsulation.ipPacket(wrapping: packet.bytes)
            result.append(
                CaptureRecord(
                    timestamp: CaptureTimestamp(totalNanoseconds: packet.time.nanoseconds), linkType: .raw,
                    bytes: frame))
        }
        return result
    }

    /// Writes the records as a raw-IP pcap at `path`, atomically.
    public func writePcap(to path: String, precision: PcapTimestampPrecision = .microseconds) throws(CaptureError) {
        let records: [CaptureRecord]
        do {
            records = try self.captureRecords()
        } catch {
            throw CaptureError(
                offset: 0, context: "framing packets for \(path)", reason: .invalidValue(error.description))
        }
        try PcapWriter.write(records, to: path, linkType: .raw, precision: precision)
    }
}
