import NetworkLayers
import Testing

@Suite("IPv4 header")
struct IPv4HeaderTests {
    /// The INIT's IPv4 header from the Linux seed capture (checksum 0xdef7).
    static let seedHeader: [UInt8] = [
        0x45, 0x02, 0x00, 0x44, 0x00, 0x00, 0x40, 0x00, 0x3F, 0x84, 0xDE, 0xF7,
        172, 24, 2, 5, 172, 27, 2, 4,
    ]

    @Test("decodes Linux's header and re-encodes it byte for byte, checksum included")
    func seedRoundTrip() throws {
        let header = try IPv4Header.decode(Self.seedHeader)
        #expect(header.totalLength == 68)
        #expect(header.dontFragment && !header.moreFragments && !header.isFragment)
        #expect(header.timeToLive == 63)
        #expect(header.protocolNumber == IPProtocolNumber.sctp)
        #expect(header.source == IPv4Address(172, 24, 2, 5))
        #expect(header.destination.description == "172.27.2.4")
        #expect(header.typeOfService == 0x02)
        #expect(header.headerChecksum == 0xDEF7)
        #expect(IPv4Header.isHeaderChecksumCorrect(Self.seedHeader) == true)
        var encoded: [UInt8] = []
        header.encode(into: &encoded)
        #expect(encoded == Self.seedHeader)
    }

    @Test("a wrong checksum is reported, not rejected; encode can keep it")
    func wrongChecksum() throws {
        var bytes = Self.seedHeader
        bytes[11] ^= 0xFF
        let header = try IPv4Header.decode(bytes)
        #expect(IPv4Header.isHeaderChecksumCorrect(bytes) == false)
        var encoded: [UInt8] = []
        header.encode(into: &encoded, fillChecksum: false)
        #expect(encoded == bytes)
    }

    @Test("options are kept and padded")
    func options() throws {
        var header = IPv4Header(
            protocolNumber: 132, source: IPv4Address(1, 2, 3, 4), destination: IPv4Address(5, 6, 7, 8))
        header.options = [0x94, 0x04, 0x00, 0x00, 0x01]  // router alert + one NOP-ish byte
        header.totalLength = UInt16(header.headerLength)
        #expect(header.headerLength == 28)
        var bytes: [UInt8] = []
        header.encode(into: &bytes)
        #expect(bytes.count == 28)
        #expect(bytes[0] == 0x47)
        let decoded = try IPv4Header.decode(bytes)
        #expect(decoded.options == [0x94, 0x04, 0x00, 0x00, 0x01, 0, 0, 0])
        #expect(IPv4Header.isHeaderChecksumCorrect(bytes) == true)
    }

    @Test("fragments are recognised")
    func fragments() throws {
        var bytes = Self.seedHeader
        bytes[6] = 0x20  // MF, offset 0
        #expect(try IPv4Header.decode(bytes).isFragment)
        bytes[6] = 0x00
        bytes[7] = 0x10  // offset 16 * 8
        let header = try IPv4Header.decode(bytes)
        #expect(header.isFragment && header.fragmentOffset == 16 && !header.moreFragments)
    }

    @Test("malformed headers throw located errors")
    func errors() {
        func failure(_ bytes: [UInt8], at offset: Int = 0) -> NetworkLayerError? {
            do {
                _ = try IPv4Header.decode(bytes, at: offset)
                return nil
            } catch {
                return error
            }
        }
        #expect(
            failure([0x45, 0, 0])
                == NetworkLayerError(offset: 0, layer: .ipv4, reason: .truncated(needed: 20, available: 3)))
        var v6 = Self.seedHeader
        v6[0] = 0x65
        #expect(failure(v6)?.reason == .wrongVersion(found: 6, expected: 4))
        var shortIHL = Self.seedHeader
        shortIHL[0] = 0x44
        #expect(failure(shortIHL)?.reason == .lengthTooShort(declared: 16, minimum: 20))
        var longIHL = Self.seedHeader
        longIHL[0] = 0x46
        #expect(failure(longIHL)?.reason == .truncated(needed: 24, available: 20))
        var shortTotal = Self.seedHeader
        shortTotal[2] = 0
        shortTotal[3] = 10
        #expect(
            failure(shortTotal)
                == NetworkLayerError(offset: 2, layer: .ipv4, reason: .lengthTooShort(declared: 10, minimum: 20)))
        #expect(failure([0, 0] + Self.seedHeader.prefix(10), at: 2)?.offset == 2)
        #expect(failure(Self.seedHeader, at: 25)?.reason == .truncated(needed: 20, available: 0))
    }
}

@Suite("IPv6 header and extension headers")
struct IPv6HeaderTests {
    static let source = IPv6Address("2001:db8::1")!
    static let destination = IPv6Address("2001:db8::2")!

    static func packet(nextHeader: UInt8, extensions: [UInt8], upper: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        IPv6Header(
            trafficClass: 0xB8, flowLabel: 0x12345, payloadLength: UInt16(extensions.count + upper.count),
            nextHeader: nextHeader, hopLimit: 17, source: Self.source, destination: Self.destination
        ).encode(into: &bytes)
        return bytes + extensions + upper
    }

    @Test("fixed header round trip")
    func roundTrip() throws {
        let bytes = Self.packet(nextHeader: 132, extensions: [], upper: [1, 2, 3, 4])
        let header = try IPv6Header.decode(bytes)
        #expect(header.trafficClass == 0xB8 && header.flowLabel == 0x12345 && header.hopLimit == 17)
        #expect(header.payloadLength == 4 && header.nextHeader == 132)
        #expect(header.source == Self.source && header.destination == Self.destination)
        var encoded: [UInt8] = []
        header.encode(into: &encoded)
        #expect(encoded == Array(bytes.prefix(40)))
    }

    @Test("hop-by-hop, routing, destination options and authentication headers are skipped")
    func chain() throws {
        let hopByHop: [UInt8] = [43, 0, 1, 4, 0, 0, 0, 0]  // next: routing, 8 bytes
        let routing: [UInt8] = [60, 1, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 8)  // next: dest opts, 16 bytes
        let destination: [UInt8] = [51, 0, 1, 4, 0, 0, 0, 0]  // next: AH, 8 bytes
        let authentication: [UInt8] = [132, 1, 0, 0] + [UInt8](repeating: 0xAA, count: 8)  // (1 + 2) * 4 = 12 bytes
        let bytes = Self.packet(
            nextHeader: 0, extensions: hopByHop + routing + destination + authentication, upper: [9])
        let chain = try IPv6ExtensionChain.walk(bytes, from: 0, at: 40)
        #expect(chain.headers.map(\.type) == [0, 43, 60, 51])
        #expect(chain.headers.map(\.length) == [8, 16, 8, 12])
        #expect(chain.upperLayerProtocol == 132)
        #expect(chain.upperLayerOffset == 40 + 44)
        #expect(chain.fragment == nil)
    }

    @Test("a fragment header is read")
    func fragment() throws {
        let fragment: [UInt8] = [132, 0, 0x00, 0x19, 0xDE, 0xAD, 0xBE, 0xEF]  // offset 3, M=1
        let bytes = Self.packet(nextHeader: 44, extensions: fragment, upper: [])
        let chain = try IPv6ExtensionChain.walk(bytes, from: 44, at: 40)
        #expect(chain.fragment == IPv6FragmentInfo(fragmentOffset: 3, moreFragments: true, identification: 0xDEAD_BEEF))
        #expect(chain.upperLayerProtocol == 132 && chain.upperLayerOffset == 48)
    }

    @Test("truncated or endless extension chains throw located errors")
    func errors() {
        let routing: [UInt8] = [132, 2, 0, 0, 0, 0, 0, 0]  // claims 24 bytes, has 8
        let bytes = Self.packet(nextHeader: 43, extensions: routing, upper: [])
        #expect(
            throws: NetworkLayerError(offset: 40, layer: .ipv6Extension, reason: .truncated(needed: 24, available: 8))
        ) {
            try IPv6ExtensionChain.walk(bytes, from: 43, at: 40)
        }
        let loop = [UInt8]((0..<40).flatMap { _ in [60 as UInt8, 0, 0, 0, 0, 0, 0, 0] })
        #expect(throws: NetworkLayerError.self) {
            try IPv6ExtensionChain.walk(Self.packet(nextHeader: 60, extensions: loop, upper: []), from: 60, at: 40)
        }
        var wrongVersion = Self.packet(nextHeader: 132, extensions: [], upper: [])
        wrongVersion[0] = 0x45
        #expect(throws: NetworkLayerError(offset: 0, layer: .ipv6, reason: .wrongVersion(found: 4, expected: 6))) {
            try IPv6Header.decode(wrongVersion)
        }
    }
}
