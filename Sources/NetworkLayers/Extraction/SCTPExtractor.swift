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
        let ipOffset: Int
        let etherType: UInt16?
        switch linkType {
        case .ethernet:
            let location = try EthernetHeader.locatePayload(frame, at: 0)
            ipOffset = location.payloadOffset
            etherType = location.etherType
        case .linuxSLL:
            // Only the protocol field matters here (the address would cost an allocation).
            try FrameBytes.require(frame, 0, LinuxCookedHeader.length, .linuxCooked)
            ipOffset = LinuxCookedHeader.length
            etherType = FrameBytes.uint16(frame, 14)
        case .linuxSLL2:
            try FrameBytes.require(frame, 0, LinuxCookedV2Header.length, .linuxCookedV2)
            ipOffset = LinuxCookedV2Header.length
            etherType = FrameBytes.uint16(frame, 0)
        case .ipv4:
            ipOffset = 0
            etherType = EtherType.ipv4
        case .ipv6:
            ipOffset = 0
            etherType = EtherType.ipv6
        default:
            guard linkType.isRawIP else { return .notSCTP(.unsupportedLinkType(linkType)) }
            ipOffset = 0
            etherType = nil
        }
        let networkType: UInt16
        if let etherType {
            networkType = etherType
        } else {
            networkType = try Self.etherTypeFromVersion(frame)
        }
        switch networkType {
        case EtherType.ipv4:
            return try self.extractFromIPv4(frame, at: ipOffset, linkType: linkType)
        case EtherType.ipv6:
            return try self.extractFromIPv6(frame, at: ipOffset, linkType: linkType)
        case let other:
            return .notSCTP(.notIP(etherType: other))
        }
    }

    /// Raw IP: the version nibble says which.
    private static func etherTypeFromVersion(_ frame: [UInt8]) throws(NetworkLayerError) -> UInt16 {
        try FrameBytes.require(frame, 0, 1, .ipv4)
        switch frame[0] >> 4 {
        case 4: return EtherType.ipv4
        case 6: return EtherType.ipv6
        case let version:
            throw NetworkLayerError(
                offset: 0, layer: .ipv4, reason: .invalidValue("IP version \(version), expected 4 or 6"))
        }
    }

    private func extractFromIPv4(
        _ frame: [UInt8], at offset: Int, linkType: LinkType
    ) throws(NetworkLayerError)
        -> SCTPExtraction
    {
        let header = try IPv4Header.readEssentials(frame, at: offset)
        if header.isFragment {
            return .notSCTP(
                .ipv4Fragment(
                    identification: header.identification, fragmentOffset: header.fragmentOffset,
                    moreFragments: header.moreFragments, protocolNumber: header.protocolNumber))
        }
        let payloadStart = offset + header.headerLength
        let declaredEnd = offset + Int(header.totalLength)
        return try self.extractTransport(
            frame, protocolNumber: header.protocolNumber, payloadStart: payloadStart, declaredEnd: declaredEnd,
            source: .v4(header.source), destination: .v4(header.destination), linkType: linkType,
            networkOffset: offset)
    }

    private func extractFromIPv6(
        _ frame: [UInt8], at offset: Int, linkType: LinkType
    ) throws(NetworkLayerError)
        -> SCTPExtraction
    {
        let header = try IPv6Header.decode(frame, at: offset)
        let chain = try IPv6ExtensionChain.walk(frame, from: header.nextHeader, at: offset + IPv6Header.length)
        if let fragment = chain.fragment, fragment.moreFragments || fragment.fragmentOffset != 0 {
            return .notSCTP(.ipv6Fragment(fragment, protocolNumber: chain.upperLayerProtocol))
        }
        let upper = chain.upperLayerProtocol
        if upper == IPProtocolNumber.noNextHeader || upper == IPProtocolNumber.encapsulatingSecurityPayload {
            return .notSCTP(.noVisibleUpperLayer(upper))
        }
        // A zero payload length with a hop-by-hop header is a jumbogram (RFC 2675): take the frame.
        let declaredEnd =
            header.payloadLength == 0 && !chain.headers.isEmpty
            ? frame.count : offset + IPv6Header.length + Int(header.payloadLength)
        return try self.extractTransport(
            frame, protocolNumber: upper, payloadStart: chain.upperLayerOffset, declaredEnd: declaredEnd,
            source: .v6(header.source), destination: .v6(header.destination), linkType: linkType,
            networkOffset: offset)
    }

    private func extractTransport(
        _ frame: [UInt8], protocolNumber: UInt8, payloadStart: Int, declaredEnd: Int, source: IPAddress,
        destination: IPAddress, linkType: LinkType, networkOffset: Int
    ) throws(NetworkLayerError) -> SCTPExtraction {
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
                return .notSCTP(.udpNotEncapsulation(sourcePort: udp.sourcePort, destinationPort: udp.destinationPort))
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
                frame, payloadStart..<udpDeclaredEnd, source: source, destination: destination)
            {
                udpChecksum = expected == udp.checksum ? .correct : .incorrect(found: udp.checksum, expected: expected)
            } else {
                udpChecksum = .unverifiable
            }
        default:
            return .notSCTP(.otherProtocol(protocolNumber))
        }
        let range = start < end ? start..<end : min(start, frame.count)..<min(start, frame.count)
        return .sctp(
            CarriedSCTPPacket(
                frame: frame, linkType: linkType, sctpRange: range, networkOffset: networkOffset, source: source,
                destination: destination, carriage: carriage, missingBytes: missing, udpChecksum: udpChecksum))
    }
}
