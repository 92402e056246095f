import VirtualTime

/// One SCTP packet as it crossed the wire between the harness and the system under test: who sent
/// it to whom, how it was carried, when, and the SCTP bytes (common header onward).
///
/// The one envelope every layer shares: transports send and receive it, the capture writes it to a
/// pcap with its real addresses and carriage, the runner and the live rules read it. The SCTP ports
/// are not stored: they are the first four bytes of the packet (RFC 9260 §3.1). IPv4 or IPv6 follows
/// from the addresses, which are of one family.
public struct AddressedPacket: Hashable, Sendable {
    /// The IP address the packet came from.
    public var source: IPAddress
    /// The IP address the packet went to.
    public var destination: IPAddress
    /// Directly in IP, or UDP-encapsulated (RFC 6951) with its UDP ports.
    public var carriage: SCTPCarriage
    /// When it was sent, on the run's virtual clock.
    public var time: VirtualInstant
    /// The SCTP packet, common header onward.
    public var bytes: [UInt8]

    public init(
        source: IPAddress, destination: IPAddress, carriage: SCTPCarriage = .ip, time: VirtualInstant,
        bytes: [UInt8]
    ) {
        self.source = source
        self.destination = destination
        self.carriage = carriage
        self.time = time
        self.bytes = bytes
    }

    /// The source SCTP port from the common header (0 for a packet shorter than two bytes).
    public var sourcePort: UInt16 {
        self.bytes.count >= 2 ? UInt16(self.bytes[0]) << 8 | UInt16(self.bytes[1]) : 0
    }

    /// The destination SCTP port from the common header (0 for a packet shorter than four bytes).
    public var destinationPort: UInt16 {
        self.bytes.count >= 4 ? UInt16(self.bytes[2]) << 8 | UInt16(self.bytes[3]) : 0
    }

    /// The IP (and UDP) framing of this packet, for pcaps and raw sockets.
    public var encapsulation: SCTPEncapsulation {
        SCTPEncapsulation(source: self.source, destination: self.destination, carriage: self.carriage)
    }

    /// The same envelope around other bytes (a corrupted copy, a rewritten packet).
    public func with(bytes: [UInt8]) -> AddressedPacket {
        AddressedPacket(
            source: self.source, destination: self.destination, carriage: self.carriage, time: self.time,
            bytes: bytes)
    }

    /// The same envelope at another instant (a delayed or released packet).
    public func with(time: VirtualInstant) -> AddressedPacket {
        AddressedPacket(
            source: self.source, destination: self.destination, carriage: self.carriage, time: time,
            bytes: self.bytes)
    }
}
