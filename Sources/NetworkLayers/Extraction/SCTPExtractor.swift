/// Finds the SCTP packet in a captured frame: link layer (Ethernet with VLAN tags, Linux cooked
/// v1/v2, or none), IPv4 or IPv6 (extension headers skipped), then SCTP directly (protocol 132)
/// or inside UDP (RFC 6951).
///
/// Malformed headers throw a `NetworkLayerError` located in the frame; well-formed frames that
/// carry something else return `.notSCTP` with the reason. Nothing is judged: checksums below
/// SCTP and missing (uncaptured) bytes are reported in the result.
public struct SCTPExtractor: Sendable {
    /// UDP ports that mean "SCTP inside" when either end of a datagram uses one.
    public var udpEncapsulationPorts: Set<UInt16>

    public init(udpEncapsulationPorts: Set<UInt16> = [UDPHeader.sctpEncapsulationPort]) {
        self.udpEncapsulationPorts = udpEncapsulationPorts
    }

    /// Extracts with the default settings (UDP encapsulation on port 9899).
    public static func extract(frame: [UInt8], linkType: LinkType) throws(NetworkLayerError) -> SCTPExtraction {
        try SCTPExtractor().extract(frame: frame, linkType: linkType)
    }

    /// What `frame`, whose first bytes are a `linkType` header, holds.
    public func extract(frame: [UInt8], linkType: LinkType) throws(NetworkLayerError) -> SCTPExtraction {
        let result = try FrameView.over(frame) { view throws(NetworkLayerError) in
            try self.locate(in: view.bytes, linkType: linkType)
        }
        switch result {
        case .sctp(let location):
            return .sctp(CarriedSCTPPacket(frame: frame, linkType: linkType, location: location))
        case .notSCTP(let reason):
            return .notSCTP(reason)
        }
    }

    /// What the frame in `frame` (borrowed: a capture reader's buffer, an array's storage), whose
    /// first bytes are a `linkType` header, holds: the same answers and errors as
    /// `extract(frame:linkType:)`, with the packet's place in the frame instead of a copy of it.
    @inlinable
    public func locate(in frame: UnsafeRawBufferPointer, linkType: LinkType) throws(NetworkLayerError)
        -> SCTPLocationResult
    {
        // The steps below fill one location in place and return only why a frame holds no SCTP:
        // passing the (large) result up through every step cost more than finding it. Inlined, so
        // that the caller's pattern match reads the location where it was filled.
        var location = SCTPLocation(
            sctpRange: 0..<0, networkOffset: 0, source: .v4(IPv4Address(rawValue: 0)),
            destination: .v4(IPv4Address(rawValue: 0)), carriage: .ip, missingBytes: 0, udpChecksum: nil)
        if let reason = try self.locate(in: frame, linkType: linkType, into: &location) {
            return .notSCTP(reason)
        }
        return .sctp(location)
    }

    /// Fills `location`, or returns why the frame holds no SCTP packet.
    @usableFromInline
    func locate(
        in frame: UnsafeRawBufferPointer, linkType: LinkType, into location: inout SCTPLocation
    ) throws(NetworkLayerError) -> NotSCTPReason? {
        try self.locate(in: FrameView(frame), linkType: linkType, into: &location)
    }

    private func locate(
        in frame: FrameView, linkType: LinkType, into location: inout SCTPLocation
    ) throws(NetworkLayerError) -> NotSCTPReason? {
        let ipOffset: Int
        let networkType: UInt16
        switch linkType {
        case .ethernet:
            let location = try EthernetHeader.locatePayload(frame, at: 0)
            ipOffset = location.payloadOffset
            networkType = location.etherType
        case .linuxSLL:
            // Only the protocol field matters here (the address would cost an allocation).
            try frame.require(0, LinuxCookedHeader.length, .linuxCooked)
            ipOffset = LinuxCookedHeader.length
            networkType = frame.uint16(14)
        case .linuxSLL2:
            try frame.require(0, LinuxCookedV2Header.length, .linuxCookedV2)
            ipOffset = LinuxCookedV2Header.length
            networkType = frame.uint16(0)
        case .ipv4:
            ipOffset = 0
            networkType = EtherType.ipv4
        case .ipv6:
            ipOffset = 0
            networkType = EtherType.ipv6
        default:
            guard linkType.isRawIP else { return .unsupportedLinkType(linkType) }
            ipOffset = 0
            networkType = try Self.etherTypeFromVersion(frame)
        }
        switch networkType {
        case EtherType.ipv4:
            return try self.locateInIPv4(frame, at: ipOffset, into: &location)
        case EtherType.ipv6:
            return try self.locateInIPv6(frame, at: ipOffset, into: &location)
        case let other:
            return .notIP(etherType: other)
        }
    }

    /// Raw IP: the version nibble says which.
    private static func etherTypeFromVersion(_ frame: FrameView) throws(NetworkLayerError) -> UInt16 {
        try frame.require(0, 1, .ipv4)
        switch frame.byte(0) >> 4 {
        case 4: return EtherType.ipv4
        case 6: return EtherType.ipv6
        case let version:
            throw NetworkLayerError(
                offset: 0, layer: .ipv4, reason: .invalidValue("IP version \(version), expected 4 or 6"))
        }
    }

    @inline(__always)
    private func locateInIPv4(
        _ frame: FrameView, at offset: Int, into location: inout SCTPLocation
    ) throws(NetworkLayerError) -> NotSCTPReason? {
        let header = try IPv4Header.readEssentials(frame, at: offset)
        if header.isFragment {
            return .ipv4Fragment(
                identification: header.identification, fragmentOffset: header.fragmentOffset,
                moreFragments: header.moreFragments, protocolNumber: header.protocolNumber)
        }
        let payloadStart = offset + header.headerLength
        let declaredEnd = offset + Int(header.totalLength)
        location.networkOffset = offset
        location.source = .v4(header.source)
        location.destination = .v4(header.destination)
        return try self.locateTransport(
            frame, protocolNumber: header.protocolNumber, payloadStart: payloadStart, declaredEnd: declaredEnd,
            into: &location)
    }

    private func locateInIPv6(
        _ frame: FrameView, at offset: Int, into location: inout SCTPLocation
    ) throws(NetworkLayerError) -> NotSCTPReason? {
        let header = try IPv6Header.decode(frame, at: offset)
        var noHeaders: [IPv6ExtensionHeader]?
        let chain = try IPv6ExtensionChain.walk(
            frame, from: header.nextHeader, at: offset + IPv6Header.length, recording: &noHeaders)
        if let fragment = chain.fragment, fragment.moreFragments || fragment.fragmentOffset != 0 {
            return .ipv6Fragment(fragment, protocolNumber: chain.upperLayerProtocol)
        }
        let upper = chain.upperLayerProtocol
        if upper == IPProtocolNumber.noNextHeader || upper == IPProtocolNumber.encapsulatingSecurityPayload {
            return .noVisibleUpperLayer(upper)
        }
        // A zero payload length with a hop-by-hop header is a jumbogram (RFC 2675): take the frame.
        let declaredEnd =
            header.payloadLength == 0 && chain.headerCount > 0
            ? frame.count : offset + IPv6Header.length + Int(header.payloadLength)
        location.networkOffset = offset
        location.source = .v6(header.source)
        location.destination = .v6(header.destination)
        return try self.locateTransport(
            frame, protocolNumber: upper, payloadStart: chain.upperLayerOffset, declaredEnd: declaredEnd,
            into: &location)
    }

    /// Past the IP header (whose offset and addresses `location` holds): SCTP directly or in UDP.
    @inline(__always)
    private func locateTransport(
        _ frame: FrameView, protocolNumber: UInt8, payloadStart: Int, declaredEnd: Int,
        into location: inout SCTPLocation
    ) throws(NetworkLayerError) -> NotSCTPReason? {
        // Bytes past the IP length are link padding or trailers; bytes short of it were not captured.
        var end = min(declaredEnd, frame.count)
        var missing = max(0, declaredEnd - frame.count)
        var start = payloadStart
        var carriage = SCTPCarriage.ip
        var udpChecksum: UDPChecksumStatus?
        switch protocolNumber {
        case IPProtocolNumber.sctp:
            break
        case IPProtocolNumber.udp:
            let udp = try UDPHeader.decode(frame, at: payloadStart)
            guard
                self.udpEncapsulationPorts.contains(udp.sourcePort)
                    || self.udpEncapsulationPorts.contains(udp.destinationPort)
            else {
                return .udpNotEncapsulation(sourcePort: udp.sourcePort, destinationPort: udp.destinationPort)
            }
            let udpDeclaredEnd = payloadStart + Int(udp.length)
            missing = max(0, min(udpDeclaredEnd, declaredEnd) - frame.count)
            end = min(end, udpDeclaredEnd)
            start = payloadStart + UDPHeader.headerLength
            carriage = .udpEncapsulated(sourcePort: udp.sourcePort, destinationPort: udp.destinationPort)
            if missing > 0 || udpDeclaredEnd > declaredEnd {
                udpChecksum = .unverifiable
            } else if udp.checksum == 0 {
                udpChecksum = .absent
            } else if let expected = UDPHeader.expectedChecksum(
                datagram: frame.slice(payloadStart..<udpDeclaredEnd), source: location.source,
                destination: location.destination)
            {
                udpChecksum = expected == udp.checksum ? .correct : .incorrect(found: udp.checksum, expected: expected)
            } else {
                udpChecksum = .unverifiable
            }
        default:
            return .otherProtocol(protocolNumber)
        }
        location.sctpRange = start < end ? start..<end : min(start, frame.count)..<min(start, frame.count)
        location.carriage = carriage
        location.missingBytes = missing
        location.udpChecksum = udpChecksum
        return nil
    }
}
