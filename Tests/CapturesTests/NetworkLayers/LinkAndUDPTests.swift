import NetworkLayers
import Testing

@Suite("Link-layer headers")
struct LinkHeaderTests {
    static let mac1 = MACAddress(0xD6, 0x96, 0x23, 0x1B, 0x02, 0x05)
    static let mac2 = MACAddress(0x0A, 0x58, 0xAC, 0x1B, 0x02, 0x01)

    @Test("Ethernet II with stacked VLAN tags round trips")
    func ethernetVLAN() throws {
        let header = EthernetHeader(
            destination: Self.mac1, source: Self.mac2,
            vlanTags: [
                VLANTag(tagProtocol: EtherType.serviceVLAN, priority: 5, identifier: 100),
                VLANTag(priority: 1, dropEligible: true, identifier: 4_094),
            ], etherType: EtherType.ipv6)
        var bytes: [UInt8] = []
        header.encode(into: &bytes)
        #expect(bytes.count == 22 && header.length == 22)
        #expect(Array(bytes[12..<16]) == [0x88, 0xA8, 0xA0, 0x64])
        #expect(Array(bytes[16..<20]) == [0x81, 0x00, 0x3F, 0xFE])
        #expect(try EthernetHeader.decode(bytes) == header)
    }

    @Test("Ethernet errors are located")
    func ethernetErrors() {
        #expect(throws: NetworkLayerError(offset: 0, layer: .ethernet, reason: .truncated(needed: 14, available: 13))) {
            try EthernetHeader.decode([UInt8](repeating: 0, count: 13))
        }
        let tagged: [UInt8] = [UInt8](repeating: 0, count: 12) + [0x81, 0x00, 0x00]
        #expect(throws: NetworkLayerError(offset: 14, layer: .vlanTag, reason: .truncated(needed: 4, available: 1))) {
            try EthernetHeader.decode(tagged)
        }
        let endless =
            [UInt8](repeating: 0, count: 12) + [UInt8]((0..<20).flatMap { _ in [0x81 as UInt8, 0x00, 0x00, 0x01] })
        #expect(throws: NetworkLayerError.self) { try EthernetHeader.decode(endless) }
    }

    @Test("Linux cooked v1 and v2 round trip")
    func cooked() throws {
        let v1 = LinuxCookedHeader(
            packetType: 0, hardwareType: 1, addressLength: 6, address: Self.mac1.bytes, protocolType: 0x0800)
        var bytes: [UInt8] = []
        v1.encode(into: &bytes)
        #expect(bytes.count == 16)
        #expect(try LinuxCookedHeader.decode(bytes) == v1)
        let v2 = LinuxCookedV2Header(
            protocolType: 0x86DD, interfaceIndex: 7, hardwareType: 1, packetType: 4, addressLength: 6,
            address: Self.mac2.bytes)
        bytes = []
        v2.encode(into: &bytes)
        #expect(bytes.count == 20)
        #expect(Array(bytes[4..<8]) == [0, 0, 0, 7])
        #expect(try LinuxCookedV2Header.decode(bytes) == v2)
        #expect(
            throws: NetworkLayerError(offset: 0, layer: .linuxCookedV2, reason: .truncated(needed: 20, available: 19))
        ) {
            try LinuxCookedV2Header.decode(Array(bytes.prefix(19)))
        }
    }
}

/// The UDP checksum computed the long way: pseudo-header and datagram as 16-bit words, summed in
/// a wide integer, folded, complemented.
func referenceUDPChecksum(_ datagram: [UInt8], source: [UInt8], destination: [UInt8]) -> UInt16 {
    var pseudo = source + destination
    if source.count == 4 {
        pseudo += [0, 17, UInt8(datagram.count >> 8), UInt8(datagram.count & 0xFF)]
    } else {
        pseudo += [0, 0, UInt8(datagram.count >> 8), UInt8(datagram.count & 0xFF), 0, 0, 0, 17]
    }
    var zeroed = datagram
    zeroed[6] = 0
    zeroed[7] = 0
    var all = pseudo + zeroed
    if all.count % 2 == 1 { all.append(0) }
    var sum = 0
    for index in stride(from: 0, to: all.count, by: 2) {
        sum += Int(all[index]) << 8 | Int(all[index + 1])
    }
    while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
    let value = ~UInt16(sum)
    return value == 0 ? 0xFFFF : value
}

@Suite("UDP header")
struct UDPHeaderTests {
    @Test("checksum over IPv4 and IPv6 pseudo-headers matches the long way")
    func checksum() throws {
        var random = TestRandom(seed: 6951)
        for length in [0, 1, 2, 13, 44, 1_001] {
            var datagram: [UInt8] = []
            UDPHeader(sourcePort: 9899, destinationPort: 9899, length: UInt16(8 + length)).encode(into: &datagram)
            datagram += random.bytes(length)
            let v4s = IPAddress("198.18.0.1")!, v4d = IPAddress("198.18.0.2")!
            let v6s = IPAddress("2001:db8::1")!, v6d = IPAddress("fe80::1:2")!
            #expect(
                UDPHeader.expectedChecksum(datagram, 0..<datagram.count, source: v4s, destination: v4d)
                    == referenceUDPChecksum(datagram, source: v4s.bytes, destination: v4d.bytes))
            #expect(
                UDPHeader.expectedChecksum(datagram, 0..<datagram.count, source: v6s, destination: v6d)
                    == referenceUDPChecksum(datagram, source: v6s.bytes, destination: v6d.bytes))
            #expect(UDPHeader.expectedChecksum(datagram, 0..<datagram.count, source: v4s, destination: v6d) == nil)
        }
    }

    @Test("decode, and a length below 8 is an error")
    func decode() throws {
        let header = try UDPHeader.decode([0x26, 0xAB, 0x13, 0x88, 0x00, 0x0C, 0x12, 0x34])
        #expect(header == UDPHeader(sourcePort: 9899, destinationPort: 5000, length: 12, checksum: 0x1234))
        #expect(throws: NetworkLayerError(offset: 4, layer: .udp, reason: .lengthTooShort(declared: 7, minimum: 8))) {
            try UDPHeader.decode([0, 1, 0, 2, 0, 7, 0, 0])
        }
    }
}
