import NetworkLayers
import Testing

@Suite("Addresses")
struct AddressTests {
    @Test("IPv4 text round trip and rejects")
    func ipv4() {
        let address = IPv4Address(198, 18, 0, 1)
        #expect(address.description == "198.18.0.1")
        #expect(IPv4Address("198.18.0.1") == address)
        #expect(address.bytes == [198, 18, 0, 1])
        #expect(IPv4Address("255.255.255.255")?.rawValue == 0xFFFF_FFFF)
        for bad in ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "a.b.c.d", "1.2.3.-4", "1234.1.1.1", " 1.2.3.4"] {
            #expect(IPv4Address(bad) == nil, "\(bad)")
        }
    }

    @Test(
        "IPv6 prints in RFC 5952 form",
        arguments: [
            ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
            ("0:0:0:0:0:0:0:0", "::"),
            ("0:0:0:0:0:0:0:1", "::1"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
            ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
            ("fe80::a856:85ff:feb0:f262", "fe80::a856:85ff:feb0:f262"),
            ("::ffff:198.18.0.2", "::ffff:198.18.0.2"),
            ("1:0:0:0:0:0:0:0", "1::"),
            ("ABCD:EF01::", "abcd:ef01::"),
        ])
    func ipv6Canonical(input: String, canonical: String) {
        let address = IPv6Address(input)
        #expect(address?.description == canonical)
        #expect(address.flatMap { IPv6Address($0.description) } == address)
    }

    @Test("IPv6 rejects malformed text")
    func ipv6Rejects() {
        for bad in [
            "", ":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "::g", "12345::", "1:2:3:4:5:6:7::8",
            ":1::", "1::1.2.3", "::1.2.3.4:5",
        ] {
            #expect(IPv6Address(bad) == nil, "\(bad)")
        }
    }

    @Test("IPv6 bytes and groups")
    func ipv6Bytes() {
        let address = IPv6Address("2001:db8::ff00:42:8329")
        #expect(address?.groups == [0x2001, 0xDB8, 0, 0, 0, 0xFF00, 0x42, 0x8329])
        #expect(address?.bytes == [0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0xFF, 0x00, 0x00, 0x42, 0x83, 0x29])
    }

    @Test("IPAddress picks the version, sorts IPv4 first")
    func either() {
        #expect(IPAddress("10.0.0.1")?.version == 4)
        #expect(IPAddress("::1")?.version == 6)
        #expect(IPAddress("nope") == nil)
        #expect(IPAddress("10.0.0.1")! < IPAddress("::1")!)
        #expect(IPAddress("::1")?.bytes.count == 16)
    }

    @Test("MAC addresses")
    func mac() {
        let mac = MACAddress(0x0A, 0x58, 0xAC, 0x1B, 0x02, 0x01)
        #expect(mac.description == "0a:58:ac:1b:02:01")
        #expect(MACAddress("0a:58:ac:1b:02:01") == mac)
        #expect(MACAddress("0a:58:ac:1b:02") == nil)
        #expect(MACAddress("0a:58:ac:1b:02:zz") == nil)
        #expect(mac.bytes == [0x0A, 0x58, 0xAC, 0x1B, 0x02, 0x01])
    }

    @Test("link type names")
    func linkTypes() {
        #expect(LinkType.raw.description == "raw (101)")
        #expect(LinkType(rawValue: 42).description == "linktype 42")
        #expect(LinkType.rawBSD.isRawIP && LinkType.ipv6.isRawIP && !LinkType.ethernet.isRawIP)
        #expect(!LinkType(rawValue: 105).isSupported)
    }
}

@Suite("Internet checksum")
struct InternetChecksumTests {
    @Test("RFC 1071 §3 example")
    func rfc1071() {
        // The words 0001 f203 f4f5 f6f7 sum to 0xddf2; the checksum is its complement.
        #expect(InternetChecksum.of([0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7], 0..<8) == ~UInt16(0xDDF2))
    }

    @Test("adding in pieces, odd splits included, equals adding at once")
    func pieces() {
        var random = TestRandom(seed: 1)
        let bytes = random.bytes(301)
        let whole = InternetChecksum.of(bytes, 0..<bytes.count)
        for split in [0, 1, 2, 3, 100, 151, 300, 301] {
            var sum = InternetChecksum()
            sum.add(bytes, 0..<split)
            sum.add(bytes, split..<bytes.count)
            #expect(sum.value == whole, "split \(split)")
        }
        // An odd trailing byte counts as the high half of a word.
        #expect(InternetChecksum.of([0xAB], 0..<1) == ~UInt16(0xAB00))
    }

    /// The word-by-word sum of RFC 1071 §4.1, with the end-around carry after every word.
    static func reference(_ bytes: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        var index = 0
        while index < bytes.count {
            let high = UInt32(bytes[index]) << 8
            let low = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            sum += high | low
            sum = (sum & 0xFFFF) + (sum >> 16)
            index += 2
        }
        return ~UInt16(sum)
    }

    @Test("eight bytes at a time equals word by word: every length to 600, extreme bytes, split starts")
    func wideSum() {
        var random = TestRandom(seed: 7)
        let noise = random.bytes(600)
        for pattern: [UInt8] in [noise, [UInt8](repeating: 0xFF, count: 600), [UInt8](repeating: 0, count: 600)] {
            for length in 0...600 {
                let bytes = Array(pattern[0..<length])
                #expect(InternetChecksum.of(bytes, 0..<length) == Self.reference(bytes), "length \(length)")
            }
        }
        // Words that sum to exactly 0xFFFF and to a multiple of 0xFFFF.
        let complement: [UInt8] = [0x12, 0x34, 0x56, 0x78, 0xED, 0xCB, 0xA9, 0x87]
        #expect(InternetChecksum.of(complement, 0..<8) == Self.reference(complement))
        for split in [1, 3, 5, 7, 9, 17] {
            var sum = InternetChecksum()
            sum.add(noise, 0..<split)
            sum.add(noise, split..<600)
            #expect(sum.value == Self.reference(noise), "split \(split)")
        }
    }
}
