import NetworkLayers
import Testing

@Suite("Finding SCTP in frames, and wrapping it")
struct ExtractionTests {
    static let sctp: [UInt8] = [0xE1, 0x1E, 0x75, 0x96, 0, 0, 0, 1, 0, 0, 0, 0, 0x0B, 0x00, 0x00, 0x04]
    static let v4a = IPAddress("198.18.0.1")!
    static let v4b = IPAddress("198.18.0.2")!
    static let v6a = IPAddress("2001:db8::1")!
    static let v6b = IPAddress("2001:db8::2")!

    static func carried(_ extraction: SCTPExtraction) -> CarriedSCTPPacket? {
        if case .sctp(let packet) = extraction { return packet }
        return nil
    }

    static func reason(_ extraction: SCTPExtraction) -> NotSCTPReason? {
        if case .notSCTP(let reason) = extraction { return reason }
        return nil
    }

    @Test(
        "wrap then extract gives the packet back, for IPv4/IPv6, direct and over UDP, on every link type",
        arguments: [SCTPCarriage.ip, .udpEncapsulated(sourcePort: 40_000, destinationPort: 9899)])
    func roundTrip(carriage: SCTPCarriage) throws {
        for (source, destination) in [(Self.v4a, Self.v4b), (Self.v6a, Self.v6b)] {
            let encapsulation = SCTPEncapsulation(source: source, destination: destination, carriage: carriage)
            let ip = try encapsulation.ipPacket(wrapping: Self.sctp)
            let etherType = source.version == 4 ? EtherType.ipv4 : EtherType.ipv6
            var sll: [UInt8] = []
            LinuxCookedHeader(protocolType: etherType).encode(into: &sll)
            var sll2: [UInt8] = []
            LinuxCookedV2Header(protocolType: etherType).encode(into: &sll2)
            let ethernet = try encapsulation.ethernetFrame(
                wrapping: Self.sctp, source: MACAddress(rawValue: 1), destination: MACAddress(rawValue: 2),
                vlanTags: [VLANTag(identifier: 7)])
            let frames: [(LinkType, [UInt8])] = [
                (.raw, ip), (.rawBSD, ip), (source.version == 4 ? .ipv4 : .ipv6, ip), (.linuxSLL, sll + ip),
                (.linuxSLL2, sll2 + ip), (.ethernet, ethernet),
            ]
            for (linkType, frame) in frames {
                let packet = try #require(Self.carried(try SCTPExtractor.extract(frame: frame, linkType: linkType)))
                #expect(packet.bytes == Self.sctp, "\(linkType) \(source)")
                #expect(packet.source == source && packet.destination == destination)
                #expect(packet.carriage == carriage)
                #expect(packet.isComplete)
                #expect(packet.sctpSourcePort == 57_630 && packet.sctpDestinationPort == 30_102)
                #expect(Array(frame[packet.offsetInFrame...]) == Self.sctp)
                if source.version == 4 {
                    #expect(packet.ipv4HeaderChecksumCorrect == true)
                } else {
                    #expect(packet.ipv4HeaderChecksumCorrect == nil)
                }
                if case .udpEncapsulated = carriage {
                    #expect(packet.udpChecksum == .correct)
                } else {
                    #expect(packet.udpChecksum == nil)
                }
                #expect(packet.linkType == linkType)
                switch (linkType, packet.link) {
                case (.ethernet, .ethernet(let header)): #expect(header.vlanTags.map(\.identifier) == [7])
                case (.linuxSLL, .linuxCooked(let header)): #expect(header.protocolType == etherType)
                case (.linuxSLL2, .linuxCookedV2(let header)): #expect(header.protocolType == etherType)
                case (_, .none): #expect(linkType.isRawIP)
                default: Issue.record("\(linkType): link header \(packet.link)")
                }
                switch packet.network {
                case .ipv4(let header):
                    #expect(source.version == 4 && header.protocolNumber == (carriage == .ip ? 132 : 17))
                case .ipv6(let header, let chain):
                    #expect(
                        source.version == 6 && header.nextHeader == chain.upperLayerProtocol && chain.headers.isEmpty)
                case .none: Issue.record("no network header")
                }
            }
        }
    }

    @Test("the reverse encapsulation swaps addresses and ports")
    func reversed() {
        let forward = SCTPEncapsulation(
            source: Self.v4a, destination: Self.v4b, carriage: .udpEncapsulated(sourcePort: 1, destinationPort: 2))
        #expect(forward.reversed.source == Self.v4b && forward.reversed.destination == Self.v4a)
        #expect(forward.reversed.carriage == .udpEncapsulated(sourcePort: 2, destinationPort: 1))
    }

    @Test("emission errors")
    func emissionErrors() {
        let mixed = SCTPEncapsulation(source: Self.v4a, destination: Self.v6b)
        #expect(throws: EncapsulationError.addressFamilyMismatch(source: Self.v4a, destination: Self.v6b)) {
            try mixed.ipPacket(wrapping: Self.sctp)
        }
        let big = [UInt8](repeating: 0, count: 65_516)
        #expect(throws: EncapsulationError.payloadTooLarge(length: 65_516, maximum: 65_515)) {
            try SCTPEncapsulation(source: Self.v4a, destination: Self.v4b).ipPacket(wrapping: big)
        }
        let tooBigForUDP = [UInt8](repeating: 0, count: 65_528)
        #expect(throws: EncapsulationError.payloadTooLarge(length: 65_528, maximum: 65_527)) {
            try SCTPEncapsulation(
                source: Self.v6a, destination: Self.v6b, carriage: .udpEncapsulated(sourcePort: 1, destinationPort: 2)
            ).ipPacket(wrapping: tooBigForUDP)
        }
        #expect(
            (try? SCTPEncapsulation(source: Self.v6a, destination: Self.v6b).ipPacket(wrapping: big))?.count == 65_556)
    }

    @Test("IPv4 options are emitted, padded, and skipped on the way back; more than 40 bytes is refused")
    func ipv4Options() throws {
        var encapsulation = SCTPEncapsulation(source: Self.v4a, destination: Self.v4b)
        encapsulation.ipv4Options = [0x94, 0x04, 0x00, 0x00, 0x01]  // router alert, then a NOP
        let packet = try encapsulation.ipPacket(wrapping: Self.sctp)
        #expect(packet[0] == 0x47 && packet.count == 28 + Self.sctp.count)
        let carried = try #require(Self.carried(try SCTPExtractor.extract(frame: packet, linkType: .raw)))
        #expect(carried.bytes == Self.sctp && carried.offsetInFrame == 28 && carried.ipv4HeaderChecksumCorrect == true)
        guard case .ipv4(let header) = carried.network else {
            Issue.record("expected IPv4")
            return
        }
        #expect(header.options == [0x94, 0x04, 0x00, 0x00, 0x01, 0, 0, 0])
        encapsulation.ipv4Options = [UInt8](repeating: 1, count: 41)
        #expect(throws: EncapsulationError.optionsTooLong(length: 41)) {
            try encapsulation.ipPacket(wrapping: Self.sctp)
        }
    }

    @Test("UDP on other ports, TCP, ARP and unknown link types are not SCTP")
    func notSCTP() throws {
        let otherPorts = try SCTPEncapsulation(
            source: Self.v4a, destination: Self.v4b, carriage: .udpEncapsulated(sourcePort: 53, destinationPort: 5353)
        ).ipPacket(wrapping: Self.sctp)
        #expect(
            Self.reason(try SCTPExtractor.extract(frame: otherPorts, linkType: .raw))
                == .udpNotEncapsulation(sourcePort: 53, destinationPort: 5353))
        let configured = SCTPExtractor(udpEncapsulationPorts: [5353])
        #expect(Self.carried(try configured.extract(frame: otherPorts, linkType: .raw))?.bytes == Self.sctp)

        var tcp = try SCTPEncapsulation(source: Self.v4a, destination: Self.v4b).ipPacket(wrapping: Self.sctp)
        tcp[9] = 6
        #expect(Self.reason(try SCTPExtractor.extract(frame: tcp, linkType: .raw)) == .otherProtocol(6))

        var arp: [UInt8] = []
        EthernetHeader(destination: .zero, source: .zero, etherType: 0x0806).encode(into: &arp)
        arp += [UInt8](repeating: 0, count: 28)
        #expect(Self.reason(try SCTPExtractor.extract(frame: arp, linkType: .ethernet)) == .notIP(etherType: 0x0806))
        #expect(
            Self.reason(try SCTPExtractor.extract(frame: arp, linkType: LinkType(rawValue: 105)))
                == .unsupportedLinkType(LinkType(rawValue: 105)))

        let noNext = IPv6HeaderTests.packet(nextHeader: 59, extensions: [], upper: [])
        #expect(Self.reason(try SCTPExtractor.extract(frame: noNext, linkType: .raw)) == .noVisibleUpperLayer(59))
    }

    @Test("fragments are flagged, not reassembled")
    func fragments() throws {
        var v4 = try SCTPEncapsulation(source: Self.v4a, destination: Self.v4b, identification: 77).ipPacket(
            wrapping: Self.sctp)
        v4[6] = 0x20  // MF
        #expect(
            Self.reason(try SCTPExtractor.extract(frame: v4, linkType: .raw))
                == .ipv4Fragment(identification: 77, fragmentOffset: 0, moreFragments: true, protocolNumber: 132))
        let fragment: [UInt8] = [132, 0, 0x00, 0x08, 0, 0, 0, 9]  // offset 1, last
        let v6 = IPv6HeaderTests.packet(nextHeader: 44, extensions: fragment, upper: Self.sctp)
        #expect(
            Self.reason(try SCTPExtractor.extract(frame: v6, linkType: .raw))
                == .ipv6Fragment(
                    IPv6FragmentInfo(fragmentOffset: 1, moreFragments: false, identification: 9), protocolNumber: 132))
        // An atomic fragment (offset 0, no more) is a whole packet.
        let atomic = IPv6HeaderTests.packet(nextHeader: 44, extensions: [132, 0, 0, 0, 0, 0, 0, 9], upper: Self.sctp)
        #expect(Self.carried(try SCTPExtractor.extract(frame: atomic, linkType: .raw))?.bytes == Self.sctp)
    }

    @Test("Ethernet padding is dropped; a short snapshot is reported as missing bytes")
    func lengths() throws {
        let encapsulation = SCTPEncapsulation(source: Self.v4a, destination: Self.v4b)
        let frame = try encapsulation.ethernetFrame(wrapping: Self.sctp, source: .zero, destination: .zero)
        let padded = frame + [UInt8](repeating: 0xEE, count: 60 - frame.count + 4)
        #expect(Self.carried(try SCTPExtractor.extract(frame: padded, linkType: .ethernet))?.bytes == Self.sctp)
        let cut = Array(frame.prefix(frame.count - 5))
        let packet = try #require(Self.carried(try SCTPExtractor.extract(frame: cut, linkType: .ethernet)))
        #expect(packet.missingBytes == 5 && !packet.isComplete)
        #expect(packet.bytes == Array(Self.sctp.prefix(Self.sctp.count - 5)))

        let udp = try SCTPEncapsulation(
            source: Self.v6a, destination: Self.v6b, carriage: .udpEncapsulated(sourcePort: 9899, destinationPort: 9899)
        ).ipPacket(wrapping: Self.sctp)
        let udpCut = try #require(
            Self.carried(try SCTPExtractor.extract(frame: Array(udp.dropLast(3)), linkType: .raw)))
        #expect(udpCut.missingBytes == 3 && udpCut.udpChecksum == .unverifiable)
    }

    @Test("UDP checksum statuses")
    func udpChecksums() throws {
        var encapsulation = SCTPEncapsulation(
            source: Self.v4a, destination: Self.v4b, carriage: .udpEncapsulated(sourcePort: 9899, destinationPort: 9899)
        )
        encapsulation.udpChecksum = false
        let absent = try encapsulation.ipPacket(wrapping: Self.sctp)
        #expect(Self.carried(try SCTPExtractor.extract(frame: absent, linkType: .raw))?.udpChecksum == .absent)
        encapsulation.udpChecksum = true
        var wrong = try encapsulation.ipPacket(wrapping: Self.sctp)
        let good = UInt16(wrong[26]) << 8 | UInt16(wrong[27])
        wrong[27] ^= 0x01
        #expect(
            Self.carried(try SCTPExtractor.extract(frame: wrong, linkType: .raw))?.udpChecksum
                == .incorrect(found: good ^ 1, expected: good))
    }

    @Test("every prefix of every kind of frame either throws a located error or reports what is missing")
    func everyPrefix() throws {
        let udp = SCTPCarriage.udpEncapsulated(sourcePort: 9899, destinationPort: 9899)
        var frames: [(LinkType, [UInt8])] = []
        for (source, destination) in [(Self.v4a, Self.v4b), (Self.v6a, Self.v6b)] {
            for carriage in [SCTPCarriage.ip, udp] {
                let encapsulation = SCTPEncapsulation(source: source, destination: destination, carriage: carriage)
                frames.append((.raw, try encapsulation.ipPacket(wrapping: Self.sctp)))
                frames.append(
                    (
                        .ethernet,
                        try encapsulation.ethernetFrame(
                            wrapping: Self.sctp, source: .zero, destination: .zero, vlanTags: [VLANTag(identifier: 3)])
                    ))
            }
        }
        for (linkType, frame) in frames {
            for length in 0..<frame.count {
                let prefix = Array(frame.prefix(length))
                do {
                    let extraction = try SCTPExtractor.extract(frame: prefix, linkType: linkType)
                    let packet = try #require(Self.carried(extraction), "prefix \(length) of a \(linkType) frame")
                    #expect(packet.missingBytes == frame.count - length)
                    #expect(packet.bytes == Array(Self.sctp.prefix(max(0, length - packet.offsetInFrame))))
                } catch let error as NetworkLayerError {
                    #expect(error.offset >= 0 && error.offset <= length, "\(error)")
                    if case .truncated = error.reason {
                    } else {
                        Issue.record("prefix \(length): expected a truncation, got \(error)")
                    }
                }
            }
        }
    }

    @Test("raw IP with a version other than 4 or 6 is an error")
    func badVersion() {
        #expect(
            throws: NetworkLayerError(offset: 0, layer: .ipv4, reason: .invalidValue("IP version 5, expected 4 or 6"))
        ) {
            try SCTPExtractor.extract(frame: [0x50, 0, 0, 0], linkType: .raw)
        }
        #expect(throws: NetworkLayerError.self) { try SCTPExtractor.extract(frame: [], linkType: .raw) }
    }
}
