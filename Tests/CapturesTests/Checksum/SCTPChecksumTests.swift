import SCTPWire
import Testing

/// Real packets from the Linux capture in shared/seeds/000_*.txt (tshark decode), with the
/// checksums Linux put in them.
enum LinuxSeedPackets {
    /// INIT from 172.24.2.5:57630 to 172.27.2.4:30102, checksum field 0x87034a86.
    static let initPacket: [UInt8] = [
        0xE1, 0x1E, 0x75, 0x96, 0x00, 0x00, 0x00, 0x00, 0x87, 0x03, 0x4A, 0x86,
        0x01, 0x00, 0x00, 0x24, 0xF3, 0xDC, 0x30, 0x87, 0x00, 0x01, 0xA0, 0x00,
        0x00, 0x0A, 0xFF, 0xFF, 0xBF, 0x2F, 0xD6, 0xCF,
        0x00, 0x0C, 0x00, 0x06, 0x00, 0x05, 0x00, 0x00,
        0x80, 0x00, 0x00, 0x04,
        0xC0, 0x00, 0x00, 0x04,
    ]

    /// DATA "hello world!\n" (TSN 3207583439, flags B|E), checksum field 0x47de77f1.
    static let dataPacket: [UInt8] =
        [
            0xE1, 0x1E, 0x75, 0x96, 0xAE, 0xAC, 0xD5, 0x09, 0x47, 0xDE, 0x77, 0xF1,
            0x00, 0x03, 0x00, 0x1D, 0xBF, 0x2F, 0xD6, 0xCF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        ] + Array("hello world!\n".utf8) + [0, 0, 0]
}

@Suite("SCTP checksum field")
struct SCTPChecksumTests {
    @Test("Linux's checksums verify, and the field holds the CRC least significant byte first")
    func linuxPackets() {
        for (packet, field) in [
            (LinuxSeedPackets.initPacket, 0x8703_4A86 as UInt32), (LinuxSeedPackets.dataPacket, 0x47DE_77F1),
        ] {
            #expect(SCTPChecksum.field(of: packet) == field)
            #expect(SCTPChecksum.expected(for: packet) == field)
            #expect(SCTPChecksum.verify(packet) == .correct)
            var zeroed = packet
            zeroed[8...11] = [0, 0, 0, 0]
            let crc = bitwiseCRC32C(zeroed)
            #expect(zeroed.count > 12)
            #expect(
                [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24)]
                    == Array(packet[8...11]))
        }
    }

    @Test("fill writes what verify accepts; zero and wrong values are reported")
    func fillAndVerify() {
        var random = TestRandom(seed: 9)
        for length in [12, 13, 16, 17, 64, 300, 1_500, 9_000] {
            var packet = random.bytes(length)
            SCTPChecksum.fill(&packet)
            #expect(SCTPChecksum.verify(packet) == .correct, "length \(length)")
            let good = SCTPChecksum.field(of: packet) ?? 0
            SCTPChecksum.write(0, into: &packet)
            #expect(SCTPChecksum.verify(packet) == .zero)
            SCTPChecksum.write(good ^ 1, into: &packet)
            #expect(SCTPChecksum.verify(packet) == .incorrect(found: good ^ 1, expected: good))
            packet[0] ^= 0x40
            SCTPChecksum.write(good, into: &packet)
            #expect(SCTPChecksum.verify(packet) != .correct, "a flipped bit must be caught")
        }
    }

    @Test("the checksum ignores what the field holds")
    func fieldIgnored() {
        var packet = LinuxSeedPackets.dataPacket
        let expected = SCTPChecksum.expected(for: packet)
        SCTPChecksum.write(0xDEAD_BEEF, into: &packet)
        #expect(SCTPChecksum.expected(for: packet) == expected)
    }

    @Test("packets shorter than the common header have no checksum")
    func shortPackets() {
        for length in 0..<12 {
            var packet = [UInt8](repeating: 0xAB, count: length)
            #expect(SCTPChecksum.verify(packet) == nil)
            #expect(SCTPChecksum.expected(for: packet) == nil)
            #expect(SCTPChecksum.field(of: packet) == nil)
            SCTPChecksum.fill(&packet)
            #expect(packet == [UInt8](repeating: 0xAB, count: length))
        }
    }

    @Test("status descriptions")
    func descriptions() {
        #expect(SCTPChecksum.Status.correct.description == "correct")
        #expect(
            SCTPChecksum.Status.incorrect(found: 1, expected: 0xABCD).description
                == "incorrect (found 0x00000001, expected 0x0000abcd)")
    }
}
