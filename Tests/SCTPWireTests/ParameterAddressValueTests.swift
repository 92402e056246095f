import SCTPWire
import Testing

/// The address values of IPv4/IPv6 Address parameters print and parse as scenario authors write them.
@Suite struct ParameterAddressValueTests {
    @Test(arguments: ["198.18.0.1", "0.0.0.0", "255.255.255.255", "10.0.0.01"])
    func ipv4Parses(text: String) {
        let address = IPv4AddressValue(text)
        #expect(address != nil)
        #expect(address.map { IPv4AddressValue($0.description) } == address)
    }

    @Test func ipv4PrintsDottedDecimal() {
        #expect(IPv4AddressValue(198, 18, 0, 1).description == "198.18.0.1")
        #expect(IPv4AddressValue(198, 18, 0, 1).rawValue == 0xC612_0001)
        #expect(IPv4AddressValue(bytes: [198, 18, 0, 1])?.bytes == [198, 18, 0, 1])
        #expect(IPv4AddressValue(bytes: [1, 2, 3]) == nil)
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "a.b.c.d", "1..2.3", "+1.2.3.4", "1.2.3.4 ", "1234.1.1.1"])
    func ipv4RejectsMalformedText(text: String) {
        #expect(IPv4AddressValue(text) == nil)
    }

    @Test(arguments: [
        ("2001:db8::1", "2001:db8::1"), ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("::", "::"), ("::1", "::1"), ("1::", "1::"), ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"), ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
        ("::ffff:192.0.2.1", "::ffff:c000:201"), ("fe80:0:0:0:1::", "fe80::1:0:0:0"),
    ])
    func ipv6ParsesAndPrintsCanonically(text: String, canonical: String) {
        let address = IPv6AddressValue(text)
        #expect(address?.description == canonical)
        #expect(address.flatMap { IPv6AddressValue($0.description) } == address)
    }

    @Test(arguments: [
        "", ":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "12345::", "::g", "1::2::3", "1:2:3:4:5:6:7:8::",
        "::1.2.3", "1.2.3.4::", "::ffff:1.2.3.4:1",
    ])
    func ipv6RejectsMalformedText(text: String) {
        #expect(IPv6AddressValue(text) == nil)
    }

    @Test func ipv6BytesAndGroupsAgree() {
        let address = IPv6AddressValue("2001:db8::8:800:200c:417a")
        #expect(address?.groups == [0x2001, 0xDB8, 0, 0, 8, 0x800, 0x200C, 0x417A])
        #expect(address?.bytes == ParameterTestSupport.hex("20010db8 00000000 00080800 200c417a"))
        #expect(address.flatMap { IPv6AddressValue(bytes: $0.bytes) } == address)
        #expect(IPv6AddressValue(bytes: [UInt8](repeating: 0, count: 15)) == nil)
        #expect(IPv6AddressValue(groups: [1, 2]) == nil)
    }
}
