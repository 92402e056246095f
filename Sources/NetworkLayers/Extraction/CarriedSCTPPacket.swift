/// How an SCTP packet travelled over IP.
public enum SCTPCarriage: Hashable, Sendable, CustomStringConvertible {
    /// Directly in IP, protocol number 132 (RFC 9260 §1).
    case ip
    /// In a UDP datagram (RFC 6951), between these UDP ports.
    case udpEncapsulated(sourcePort: UInt16, destinationPort: UInt16)

    /// The carriage of a reply: the same, with the UDP ports swapped.
    public var reversed: SCTPCarriage {
        switch self {
        case .ip: .ip
        case .udpEncapsulated(let source, let destination):
            .udpEncapsulated(sourcePort: destination, destinationPort: source)
        }
    }

    /// `ip` or `udp 9899 > 9899`.
    public var description: String {
        switch self {
        case .ip: "ip"
        case .udpEncapsulated(let source, let destination): "udp \(source) > \(destination)"
        }
    }
}

/// The link-layer header a frame began with.
public enum LinkHeader: Hashable, Sendable {
    /// Raw IP link types have none.
    case none
    case ethernet(EthernetHeader)
    case linuxCooked(LinuxCookedHeader)
    case linuxCookedV2(LinuxCookedV2Header)
}

/// The IP header an SCTP packet came in.
public enum NetworkHeader: Hashable, Sendable {
    case ipv4(IPv4Header)
    /// The fixed header and the extension headers skipped after it.
    case ipv6(IPv6Header, IPv6ExtensionChain)
}

/// An SCTP packet found in a frame, with everything below it.
///
/// The packet is not copied out of the frame: `frame` shares the caller's storage and
/// `sctpRange` says where the SCTP packet lies; `bytes` makes the copy when one is wanted. The
/// link-layer and IP headers are decoded again from the frame when asked for (`link`,
/// `network`), which keeps this value small for the common case that only wants the packet.
public struct CarriedSCTPPacket: Hashable, Sendable {
    /// The whole captured frame.
    public var frame: [UInt8]
    /// How the frame begins.
    public var linkType: LinkType
    /// Where the packet lies in `frame`, and what carried it.
    public var location: SCTPLocation

    /// The packet at `location` in `frame` (the frame `location` was found in).
    public init(frame: [UInt8], linkType: LinkType, location: SCTPLocation) {
        self.frame = frame
        self.linkType = linkType
        self.location = location
    }

    public init(
        frame: [UInt8], linkType: LinkType, sctpRange: Range<Int>, networkOffset: Int, source: IPAddress,
        destination: IPAddress, carriage: SCTPCarriage, missingBytes: Int, udpChecksum: UDPChecksumStatus?
    ) {
        self.init(
            frame: frame, linkType: linkType,
            location: SCTPLocation(
                sctpRange: sctpRange, networkOffset: networkOffset, source: source, destination: destination,
                carriage: carriage, missingBytes: missingBytes, udpChecksum: udpChecksum))
    }

    /// Where the SCTP packet (common header onward) lies in `frame`, as far as it was captured.
    public var sctpRange: Range<Int> {
        get { self.location.sctpRange }
        set { self.location.sctpRange = newValue }
    }
    /// Where the IP header begins in `frame`.
    public var networkOffset: Int {
        get { self.location.networkOffset }
        set { self.location.networkOffset = newValue }
    }
    public var source: IPAddress {
        get { self.location.source }
        set { self.location.source = newValue }
    }
    public var destination: IPAddress {
        get { self.location.destination }
        set { self.location.destination = newValue }
    }
    public var carriage: SCTPCarriage {
        get { self.location.carriage }
        set { self.location.carriage = newValue }
    }
    /// Bytes the IP or UDP length promised that the capture does not hold (a snapshot length
    /// shorter than the packet); 0 when the packet is whole.
    public var missingBytes: Int {
        get { self.location.missingBytes }
        set { self.location.missingBytes = newValue }
    }
    /// The UDP checksum's status when UDP-encapsulated, nil otherwise.
    public var udpChecksum: UDPChecksumStatus? {
        get { self.location.udpChecksum }
        set { self.location.udpChecksum = newValue }
    }

    /// The link-layer header the frame began with (decoded again from the frame).
    public var link: LinkHeader {
        switch self.linkType {
        case .ethernet: (try? EthernetHeader.decode(self.frame)).map { .ethernet($0) } ?? .none
        case .linuxSLL: (try? LinuxCookedHeader.decode(self.frame)).map { .linuxCooked($0) } ?? .none
        case .linuxSLL2: (try? LinuxCookedV2Header.decode(self.frame)).map { .linuxCookedV2($0) } ?? .none
        default: .none
        }
    }

    /// The IP header (and IPv6 extension headers) the packet came in, decoded again from the
    /// frame; nil only if the frame was altered since extraction.
    public var network: NetworkHeader? {
        switch self.source {
        case .v4:
            return (try? IPv4Header.decode(self.frame, at: self.networkOffset)).map { .ipv4($0) }
        case .v6:
            guard let header = try? IPv6Header.decode(self.frame, at: self.networkOffset),
                let chain = try? IPv6ExtensionChain.walk(
                    self.frame, from: header.nextHeader, at: self.networkOffset + IPv6Header.length)
            else { return nil }
            return .ipv6(header, chain)
        }
    }

    /// The SCTP packet (common header onward) as far as it was captured: a copy out of `frame`.
    public var bytes: [UInt8] { Array(self.frame[self.sctpRange]) }

    /// Where the SCTP packet begins in the frame.
    public var offsetInFrame: Int { self.sctpRange.lowerBound }

    /// Calls `body` with the SCTP packet's bytes, without copying them.
    @inlinable
    public func withSCTPBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try self.frame.withUnsafeBytes { raw in
            try body(UnsafeRawBufferPointer(rebasing: raw[self.sctpRange]))
        }
    }

    /// Whether the whole SCTP packet was captured.
    public var isComplete: Bool { self.location.isComplete }

    /// Whether the IPv4 header checksum is right (nil for IPv6), computed on demand.
    public var ipv4HeaderChecksumCorrect: Bool? {
        guard case .v4 = self.source else { return nil }
        return IPv4Header.isHeaderChecksumCorrect(self.frame, at: self.networkOffset)
    }

    /// The SCTP source port (first two bytes of the common header), nil if not captured.
    public var sctpSourcePort: UInt16? {
        let start = self.sctpRange.lowerBound
        return self.sctpRange.count >= 2 ? UInt16(self.frame[start]) << 8 | UInt16(self.frame[start + 1]) : nil
    }

    /// The SCTP destination port, nil if not captured.
    public var sctpDestinationPort: UInt16? {
        let start = self.sctpRange.lowerBound
        return self.sctpRange.count >= 4 ? UInt16(self.frame[start + 2]) << 8 | UInt16(self.frame[start + 3]) : nil
    }
}

/// Why a well-formed frame holds no (whole) SCTP packet.
public enum NotSCTPReason: Hashable, Sendable, CustomStringConvertible {
    /// The link type is not one the extractor reads.
    case unsupportedLinkType(LinkType)
    /// The link layer carries something other than IPv4 or IPv6 (ARP, LLDP, an 802.3 length...).
    case notIP(etherType: UInt16)
    /// IP carries another protocol (TCP, ICMP, ...).
    case otherProtocol(UInt8)
    /// UDP between ports that are not configured as SCTP encapsulation ports.
    case udpNotEncapsulation(sourcePort: UInt16, destinationPort: UInt16)
    /// One fragment of an IPv4 datagram (fragments are not reassembled).
    case ipv4Fragment(identification: UInt16, fragmentOffset: UInt16, moreFragments: Bool, protocolNumber: UInt8)
    /// One fragment of an IPv6 packet (fragments are not reassembled).
    case ipv6Fragment(IPv6FragmentInfo, protocolNumber: UInt8)
    /// IPv6 with No Next Header (59) or an opaque ESP payload (50).
    case noVisibleUpperLayer(UInt8)

    public var description: String {
        switch self {
        case .unsupportedLinkType(let type):
            "unsupported link type \(type)"
        case .notIP(let etherType):
            "not IP (ethertype 0x\(String(etherType, radix: 16)))"
        case .otherProtocol(let number):
            "IP protocol \(number), not SCTP"
        case .udpNotEncapsulation(let source, let destination):
            "UDP \(source) > \(destination), not an SCTP encapsulation port"
        case .ipv4Fragment(let identification, let offset, let more, let number):
            "IPv4 fragment (id \(identification), offset \(Int(offset) * 8), more \(more), protocol \(number))"
        case .ipv6Fragment(let info, let number):
            "IPv6 fragment (id \(info.identification), offset \(Int(info.fragmentOffset) * 8), "
                + "more \(info.moreFragments), protocol \(number))"
        case .noVisibleUpperLayer(let number):
            "IPv6 next header \(number), no readable upper layer"
        }
    }
}

/// What a frame holds, as far as SCTP is concerned.
public enum SCTPExtraction: Hashable, Sendable {
    case sctp(CarriedSCTPPacket)
    case notSCTP(NotSCTPReason)
}
