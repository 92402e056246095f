import NetworkLayers
import Testing

@Suite("Locating SCTP in borrowed frames")
struct LocateTests {
    static let sctp = ExtractionTests.sctp
    static let udp = SCTPCarriage.udpEncapsulated(sourcePort: 40_000, destinationPort: 9899)

    /// Frames of every kind the extractor reads: both IP versions, direct and over UDP, raw IP,
    /// Linux cooked v1/v2 and Ethernet with a VLAN tag, an IPv6 extension chain, a fragment,
    /// and frames that hold no SCTP.
    static func frames() throws -> [(LinkType, [UInt8])] {
        var frames: [(LinkType, [UInt8])] = []
        let pairs = [(ExtractionTests.v4a, ExtractionTests.v4b), (ExtractionTests.v6a, ExtractionTests.v6b)]
        for (source, destination) in pairs {
            for carriage in [SCTPCarriage.ip, Self.udp] {
                let encapsulation = SCTPEncapsulation(source: source, destination: destination, carriage: carriage)
                let ip = try encapsulation.ipPacket(wrapping: Self.sctp)
                let etherType = source.version == 4 ? EtherType.ipv4 : EtherType.ipv6
                var sll: [UInt8] = []
                LinuxCookedHeader(protocolType: etherType).encode(into: &sll)
                var sll2: [UInt8] = []
                LinuxCookedV2Header(protocolType: etherType).encode(into: &sll2)
                frames += [(.raw, ip), (.linuxSLL, sll + ip), (.linuxSLL2, sll2 + ip)]
                frames.append(
                    (
                        .ethernet,
                        try encapsulation.ethernetFrame(
                            wrapping: Self.sctp, source: .zero, destination: .zero, vlanTags: [VLANTag(identifier: 3)])
                    ))
            }
        }
        let hopByHop: [UInt8] = [44, 0, 1, 4, 0, 0, 0, 0]
        let atomicFragment: [UInt8] = [132, 0, 0, 0, 0, 0, 0, 9]
        let lastFragment: [UInt8] = [132, 0, 0x00, 0x08, 0, 0, 0, 9]
        for fragment in [atomicFragment, lastFragment] {
            frames.append(
                (.raw, IPv6HeaderTests.packet(nextHeader: 0, extensions: hopByHop + fragment, upper: Self.sctp)))
        }
        frames.append((.raw, IPv6HeaderTests.packet(nextHeader: 59, extensions: [], upper: [])))
        var tcp = try SCTPEncapsulation(source: ExtractionTests.v4a, destination: ExtractionTests.v4b)
            .ipPacket(wrapping: Self.sctp)
        tcp[9] = 6
        frames.append((.raw, tcp))
        frames.append((LinkType(rawValue: 105), tcp))
        return frames
    }

    /// What `locate` says about `frame` when it lies in the middle of a larger buffer whose other
    /// bytes would read as more packet: the view must stop at the frame's end.
    static func locateInside(
        _ frame: [UInt8], linkType: LinkType, extractor: SCTPExtractor = SCTPExtractor()
    ) -> Result<SCTPLocationResult, NetworkLayerError> {
        let buffer = [UInt8](repeating: 0x45, count: 13) + frame + [UInt8](repeating: 0x45, count: 64)
        return buffer.withUnsafeBytes { raw in
            let view = UnsafeRawBufferPointer(rebasing: raw[13..<(13 + frame.count)])
            do throws(NetworkLayerError) {
                return .success(try extractor.locate(in: view, linkType: linkType))
            } catch {
                return .failure(error)
            }
        }
    }

    /// What `extract` says, with the packet reduced to its location.
    static func extractLocation(
        _ frame: [UInt8], linkType: LinkType, extractor: SCTPExtractor = SCTPExtractor()
    ) -> Result<SCTPLocationResult, NetworkLayerError> {
        do throws(NetworkLayerError) {
            switch try extractor.extract(frame: frame, linkType: linkType) {
            case .sctp(let carried):
                #expect(carried.frame == frame && carried.linkType == linkType)
                return .success(.sctp(carried.location))
            case .notSCTP(let reason):
                return .success(.notSCTP(reason))
            }
        } catch {
            return .failure(error)
        }
    }

    @Test("locate in a borrowed buffer answers what extract answers, for every frame and every prefix")
    func agreesWithExtract() throws {
        var sctpFrames = 0
        for (linkType, frame) in try Self.frames() {
            for length in 0...frame.count {
                let prefix = Array(frame.prefix(length))
                let located = Self.locateInside(prefix, linkType: linkType)
                #expect(located == Self.extractLocation(prefix, linkType: linkType), "\(linkType) prefix \(length)")
                if length == frame.count, case .success(.sctp(let location)) = located {
                    sctpFrames += 1
                    #expect(location.isComplete)
                    #expect(Array(frame[location.sctpRange]) == Self.sctp)
                }
                if case .success(.sctp(let location)) = located {
                    #expect(location.sctpRange.upperBound <= length)
                    #expect(location.missingBytes == frame.count - length)
                }
            }
        }
        #expect(sctpFrames == 17)
    }

    @Test("a cut frame inside a larger buffer reports the missing bytes instead of reading past it")
    func cutFrameInsideBuffer() throws {
        let frame = try SCTPEncapsulation(source: ExtractionTests.v4a, destination: ExtractionTests.v4b)
            .ethernetFrame(wrapping: Self.sctp, source: .zero, destination: .zero)
        let cut = Array(frame.dropLast(6))
        guard case .success(.sctp(let location)) = Self.locateInside(cut, linkType: .ethernet) else {
            Issue.record("expected SCTP")
            return
        }
        #expect(location.missingBytes == 6 && !location.isComplete)
        #expect(location.sctpRange == 34..<cut.count)
    }

    @Test("UDP checksums are checked in borrowed bytes too, on configured ports")
    func udpChecksums() throws {
        let encapsulation = SCTPEncapsulation(
            source: ExtractionTests.v6a, destination: ExtractionTests.v6b,
            carriage: .udpEncapsulated(sourcePort: 5353, destinationPort: 5353))
        let good = try encapsulation.ipPacket(wrapping: Self.sctp + [1, 2, 3])  // odd length
        var bad = good
        bad[bad.count - 1] ^= 0x40
        let configured = SCTPExtractor(udpEncapsulationPorts: [5353])
        for frame in [good, bad] {
            let located = Self.locateInside(frame, linkType: .raw, extractor: configured)
            #expect(located == Self.extractLocation(frame, linkType: .raw, extractor: configured))
        }
        guard case .success(.sctp(let location)) = Self.locateInside(good, linkType: .raw, extractor: configured),
            case .success(.sctp(let broken)) = Self.locateInside(bad, linkType: .raw, extractor: configured)
        else {
            Issue.record("expected SCTP")
            return
        }
        #expect(location.udpChecksum == .correct)
        guard case .incorrect = broken.udpChecksum else {
            Issue.record("expected an incorrect checksum, got \(String(describing: broken.udpChecksum))")
            return
        }
        #expect(
            Self.locateInside(good, linkType: .raw)
                == .success(.notSCTP(.udpNotEncapsulation(sourcePort: 5353, destinationPort: 5353))))
    }

    @Test("a carried packet rebuilt from its location is the one extract returns")
    func carriedFromLocation() throws {
        for (linkType, frame) in try Self.frames() {
            guard case .sctp(let carried) = try SCTPExtractor.extract(frame: frame, linkType: linkType) else {
                continue
            }
            #expect(CarriedSCTPPacket(frame: frame, linkType: linkType, location: carried.location) == carried)
        }
    }

    @Test("the checksum over borrowed bytes equals the one over an array, however the bytes are split")
    func checksumSplits() {
        var random = TestRandom(seed: 0xC4EC)
        let bytes = random.bytes(301)
        let whole = InternetChecksum.of(bytes, 0..<bytes.count)
        for split in [0, 1, 2, 7, 150, 300, 301] {
            var checksum = InternetChecksum()
            bytes.withUnsafeBytes { raw in
                checksum.add(UnsafeRawBufferPointer(rebasing: raw[0..<split]))
                checksum.add(UnsafeRawBufferPointer(rebasing: raw[split...]))
            }
            #expect(checksum.value == whole, "split at \(split)")
            var pieces = InternetChecksum()
            pieces.add(bytes, 0..<split)
            pieces.add(bytes, split..<bytes.count)
            #expect(pieces.value == whole)
        }
        // An independent sum: 16-bit big-endian words, the odd byte padded with zero.
        var sum: UInt32 = 0
        for index in stride(from: 0, to: bytes.count, by: 2) {
            sum += UInt32(bytes[index]) << 8 | UInt32(index + 1 < bytes.count ? bytes[index + 1] : 0)
        }
        while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
        #expect(whole == ~UInt16(sum))
    }
}
