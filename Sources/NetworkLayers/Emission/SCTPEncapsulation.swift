/// Wraps SCTP packets in IPv4 or IPv6, directly (protocol 132) or inside UDP (RFC 6951), for
/// pcap files (raw-IP link type 101, or Ethernet) and for raw IPv4 sockets with IP_HDRINCL.
///
/// Every length and checksum is computed; the result always decodes back to the same packet
/// with `SCTPExtractor`.
public struct SCTPEncapsulation: Hashable, Sendable {
    public var source: IPAddress
    public var destination: IPAddress
    public var carriage: SCTPCarriage
    /// IPv4 time to live or IPv6 hop limit.
    public var hopLimit: UInt8
    /// IPv4 type of service or IPv6 traffic class (DSCP and ECN).
    public var trafficClass: UInt8
    /// IPv4 only.
    public var identification: UInt16
    /// IPv4 only.
    public var dontFragment: Bool
    /// IPv6 only (20 bits).
    public var flowLabel: UInt32
    /// IPv4 only: option bytes (at most 40; padded with zeros to a multiple of 4).
    public var ipv4Options: [UInt8]
    /// Whether to compute the UDP checksum (over IPv4 it may be left zero; over IPv6 it is
    /// always computed, RFC 8200 §8.1).
    public var udpChecksum: Bool

    public init(
        source: IPAddress, destination: IPAddress, carriage: SCTPCarriage = .ip, hopLimit: UInt8 = 64,
        trafficClass: UInt8 = 0, identification: UInt16 = 0, dontFragment: Bool = true, flowLabel: UInt32 = 0,
        ipv4Options: [UInt8] = [], udpChecksum: Bool = true
    ) {
        self.source = source
        self.destination = destination
        self.carriage = carriage
        self.hopLimit = hopLimit
        self.trafficClass = trafficClass
        self.identification = identification
        self.dontFragment = dontFragment
        self.flowLabel = flowLabel
        self.ipv4Options = ipv4Options
        self.udpChecksum = udpChecksum
    }

    /// The same settings in the other direction (addresses and UDP ports swapped).
    public var reversed: SCTPEncapsulation {
        var copy = self
        copy.source = self.destination
        copy.destination = self.source
        if case .udpEncapsulated(let sourcePort, let destinationPort) = self.carriage {
            copy.carriage = .udpEncapsulated(sourcePort: destinationPort, destinationPort: sourcePort)
        }
        return copy
    }

    /// The IP packet (IP header, optional UDP header, then `sctp`).
    public func ipPacket(wrapping sctp: [UInt8]) throws(EncapsulationError) -> [UInt8] {
        var bytes: [UInt8] = []
        try self.appendIPPacket(wrapping: sctp, to: &bytes)
        return bytes
    }

    /// An Ethernet II frame around the IP packet.
    public func ethernetFrame(
        wrapping sctp: [UInt8], source: MACAddress, destination: MACAddress, vlanTags: [VLANTag] = []
    ) throws(EncapsulationError) -> [UInt8] {
        let etherType = self.source.version == 4 ? EtherType.ipv4 : EtherType.ipv6
        var bytes: [UInt8] = []
        EthernetHeader(destination: destination, source: source, vlanTags: vlanTags, etherType: etherType)
            .encode(into: &bytes)
        try self.appendIPPacket(wrapping: sctp, to: &bytes)
        return bytes
    }

    /// Throws what `appendIPPacket(wrapping:to:)` would throw for an SCTP packet of `payloadLength`
    /// bytes, building nothing: whether the packet can be framed (a report can then frame it later).
    public func checkFraming(payloadLength: Int) throws(EncapsulationError) {
        var transportLength = payloadLength
        if case .udpEncapsulated = self.carriage {
            transportLength += UDPHeader.headerLength
            guard transportLength <= Int(UInt16.max) else {
                throw .payloadTooLarge(length: payloadLength, maximum: Int(UInt16.max) - UDPHeader.headerLength)
            }
        }
        switch (self.source, self.destination) {
        case (.v4, .v4):
            guard self.ipv4Options.count <= 40 else { throw .optionsTooLong(length: self.ipv4Options.count) }
            let headerLength = IPv4Header.minimumLength + (self.ipv4Options.count + 3) / 4 * 4
            guard headerLength + transportLength <= Int(UInt16.max) else {
                throw .payloadTooLarge(length: transportLength, maximum: Int(UInt16.max) - headerLength)
            }
        case (.v6, .v6):
            guard transportLength <= Int(UInt16.max) else {
                throw .payloadTooLarge(length: transportLength, maximum: Int(UInt16.max))
            }
        default:
            throw .addressFamilyMismatch(source: self.source, destination: self.destination)
        }
    }

    /// Appends the IP packet to `bytes`.
    public func appendIPPacket(wrapping sctp: [UInt8], to bytes: inout [UInt8]) throws(EncapsulationError) {
        let udpLength = UDPHeader.headerLength + sctp.count
        let transportLength: Int
        let protocolNumber: UInt8
        switch self.carriage {
        case .ip:
            transportLength = sctp.count
            protocolNumber = IPProtocolNumber.sctp
        case .udpEncapsulated:
            guard udpLength <= Int(UInt16.max) else {
                throw .payloadTooLarge(length: sctp.count, maximum: Int(UInt16.max) - UDPHeader.headerLength)
            }
            transportLength = udpLength
            protocolNumber = IPProtocolNumber.udp
        }
        let start = bytes.count
        switch (self.source, self.destination) {
        case (.v4(let source), .v4(let destination)):
            guard self.ipv4Options.count <= 40 else {
                throw .optionsTooLong(length: self.ipv4Options.count)
            }
            let headerLength = IPv4Header.minimumLength + (self.ipv4Options.count + 3) / 4 * 4
            let totalLength = headerLength + transportLength
            guard totalLength <= Int(UInt16.max) else {
                throw .payloadTooLarge(length: transportLength, maximum: Int(UInt16.max) - headerLength)
            }
            IPv4Header(
                typeOfService: self.trafficClass, totalLength: UInt16(totalLength), identification: self.identification,
                dontFragment: self.dontFragment, timeToLive: self.hopLimit, protocolNumber: protocolNumber,
                source: source, destination: destination, options: self.ipv4Options
            ).encode(into: &bytes)
        case (.v6(let source), .v6(let destination)):
            guard transportLength <= Int(UInt16.max) else {
                throw .payloadTooLarge(length: transportLength, maximum: Int(UInt16.max))
            }
            IPv6Header(
                trafficClass: self.trafficClass, flowLabel: self.flowLabel, payloadLength: UInt16(transportLength),
                nextHeader: protocolNumber, hopLimit: self.hopLimit, source: source, destination: destination
            ).encode(into: &bytes)
        default:
            bytes.removeSubrange(start...)
            throw .addressFamilyMismatch(source: self.source, destination: self.destination)
        }
        if case .udpEncapsulated(let sourcePort, let destinationPort) = self.carriage {
            let udpStart = bytes.count
            UDPHeader(sourcePort: sourcePort, destinationPort: destinationPort, length: UInt16(udpLength))
                .encode(into: &bytes)
            bytes.append(contentsOf: sctp)
            let mustChecksum = self.udpChecksum || self.source.version == 6
            if mustChecksum,
                let checksum = UDPHeader.expectedChecksum(
                    bytes, udpStart..<bytes.count, source: self.source, destination: self.destination)
            {
                FrameBytes.setUInt16(checksum, in: &bytes, at: udpStart + 6)
            }
        } else {
            bytes.append(contentsOf: sctp)
        }
    }
}
