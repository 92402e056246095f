import Captures
import NetworkLayers
import VirtualTime

/// A `Transport` decorator that records every SCTP packet sent to and received from the system
/// under test, with its virtual instant, and writes them as a pcap that Wireshark opens.
///
/// Packets are framed as raw IP (link type 101) between `harnessAddress` and `sutAddress`
/// (198.18.0.1 and 198.18.0.2 by default, from the RFC 2544 benchmarking range), directly in IP
/// or UDP-encapsulated (RFC 6951) as `carriage` says. Timestamps are virtual time from the start
/// of the run, so the same run gives the same file byte for byte.
public final class CapturingTransport: Transport {
    /// One packet as it crossed the wire.
    public struct Record: Hashable, Sendable {
        /// `.toPeer` for packets the harness sent, `.fromPeer` for packets it received.
        public var direction: PacketDirection
        public var time: VirtualInstant
        /// The SCTP packet (common header onward).
        public var bytes: [UInt8]

        public init(direction: PacketDirection, time: VirtualInstant, bytes: [UInt8]) {
            self.direction = direction
            self.time = time
            self.bytes = bytes
        }
    }

    /// The harness's default address.
    public static let defaultHarnessAddress = IPAddress.v4(IPv4Address(198, 18, 0, 1))
    /// The system under test's default address.
    public static let defaultSUTAddress = IPAddress.v4(IPv4Address(198, 18, 0, 2))

    /// The transport being recorded.
    public let inner: any Transport
    public let harnessAddress: IPAddress
    public let sutAddress: IPAddress
    /// How packets are framed from the harness to the SUT (UDP ports swap for the reverse).
    public let carriage: SCTPCarriage
    /// Everything that crossed so far, in the order the calls happened.
    public private(set) var records: [Record] = []

    public init(
        wrapping inner: any Transport, harnessAddress: IPAddress = CapturingTransport.defaultHarnessAddress,
        sutAddress: IPAddress = CapturingTransport.defaultSUTAddress, carriage: SCTPCarriage = .ip
    ) {
        self.inner = inner
        self.harnessAddress = harnessAddress
        self.sutAddress = sutAddress
        self.carriage = carriage
    }

    /// Records the packet, then sends it through the inner transport. A packet the inner send fails
    /// on is kept: the harness sent it, and when the SUT died of it, it is the packet to look at.
    public func send(_ packet: [UInt8], at time: VirtualInstant) throws(TransportError) {
        self.records.append(Record(direction: .toPeer, time: time, bytes: packet))
        try self.inner.send(packet, at: time)
    }

    /// Receives through the inner transport and records every packet it returns.
    public func receiveNext(until deadline: VirtualInstant) throws(TransportError) -> ReceiveResult {
        let result = try self.inner.receiveNext(until: deadline)
        for packet in result.packets {
            self.records.append(Record(direction: .fromPeer, time: packet.time, bytes: packet.bytes))
        }
        return result
    }

    /// Forgets what was recorded.
    public func clearRecords() {
        self.records.removeAll()
    }

    /// The records as raw-IP capture records, in time order (ties keep call order).
    public func captureRecords() throws(EncapsulationError) -> [CaptureRecord] {
        let outbound = SCTPEncapsulation(
            source: self.harnessAddress, destination: self.sutAddress, carriage: self.carriage)
        let inbound = outbound.reversed
        let ordered = self.records.enumerated().sorted { lhs, rhs in
            (lhs.element.time, lhs.offset) < (rhs.element.time, rhs.offset)
        }
        var result: [CaptureRecord] = []
        result.reserveCapacity(ordered.count)
        for (_, record) in ordered {
            let encapsulation = record.direction == .toPeer ? outbound : inbound
            let frame = try encapsulation.ipPacket(wrapping: record.bytes)
            result.append(
                CaptureRecord(
                    timestamp: CaptureTimestamp(totalNanoseconds: record.time.nanoseconds), linkType: .raw,
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
