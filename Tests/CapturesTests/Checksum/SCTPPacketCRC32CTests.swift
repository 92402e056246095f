import SCTPWire
import Testing

/// The whole-packet CRC32c routines (the checksum field skipped without copying, RFC 9260 §6.8):
/// every implementation this CPU can run, not only the one selected for it, against the portable
/// one and against the bit-at-a-time definition (RFC 9260 Appendix A).
@Suite("CRC32c of SCTP packets, every implementation")
struct SCTPPacketCRC32CTests {
    /// The implementations to run here: the portable one and every hardware one this CPU offers.
    static let available = CRC32C.Implementation.allCases.filter(\.isAvailable)

    /// The reference: the packet copied with bytes 8 to 11 zeroed, through the bitwise or portable CRC.
    static func reference(_ packet: ArraySlice<UInt8>, bitwise: Bool) -> UInt32 {
        var copy = Array(packet)
        for index in 8..<12 where index < copy.count {
            copy[index] = 0
        }
        return bitwise ? bitwiseCRC32C(copy) : CRC32C.update(0, copy, using: .portable)
    }

    /// Every length up to 700 (all the short-packet and tail cases of the hardware loops), the
    /// lengths around their block sizes, and random ones, up to about 70,000 bytes.
    static var lengths: [Int] {
        var random = TestRandom(seed: 0x9260)
        var lengths = Array(0...700)
        for power in 10...16 {
            lengths += [(1 << power) - 1, 1 << power, (1 << power) + 1, (1 << power) + 12]
        }
        lengths += [1_500, 3 * 1_024 + 5, 9_000, 12_288, 15_871, 15_872, 65_535, 69_999, 70_000]
        lengths += (0..<40).map { _ in 700 + Int(random.next() % 69_300) }
        return lengths
    }

    static let offsets = [0, 1, 3, 7, 8, 13, 31, 62]

    @Test("every implementation equals the portable one at every offset, 0 to 70,000 bytes")
    func implementationsAgree() {
        var random = TestRandom(seed: 0x3720)
        let buffer = random.bytes(70_000 + 64)
        #expect(Self.available.contains(.portable))
        for length in Self.lengths {
            for offset in Self.offsets {
                let packet = buffer[offset..<(offset + length)]
                let reference = Self.reference(packet, bitwise: false)
                packet.withUnsafeBytes { raw in
                    for implementation in Self.available {
                        let value = SCTPChecksum.crc(of: raw, using: implementation)
                        #expect(value == reference, "\(implementation), length \(length), offset \(offset)")
                        let plain = CRC32C.update(0, raw, using: implementation)
                        #expect(plain == CRC32C.update(0, raw, using: .portable), "\(implementation) update, \(length)")
                    }
                    if length >= 12 {
                        #expect(SCTPChecksum.expected(for: raw) == reference.byteSwapped, "selected, \(length)")
                    }
                }
            }
        }
    }

    @Test("the portable whole-packet routine matches the bitwise definition")
    func portableMatchesDefinition() {
        var random = TestRandom(seed: 0x6525)
        let buffer = random.bytes(9_100)
        for length in Array(0...80) + [255, 256, 1_500, 4_096, 9_000] {
            for offset in [0, 5, 64] {
                let packet = buffer[offset..<(offset + length)]
                let value = packet.withUnsafeBytes { SCTPChecksum.crc(of: $0, using: .portable) }
                #expect(value == Self.reference(packet, bitwise: true), "length \(length), offset \(offset)")
            }
        }
    }

    @Test("known values: RFC 3720 B.4 vectors and packets Linux sent", arguments: CRC32C.Implementation.allCases)
    func knownValues(implementation: CRC32C.Implementation) {
        // Bytes 8 to 11 of the all-zero vector are zero already, so the packet CRC is the vector's.
        let zeros = [UInt8](repeating: 0, count: 32)
        #expect(zeros.withUnsafeBytes { SCTPChecksum.crc(of: $0, using: implementation) } == 0x8A91_36AA)
        // Every RFC 3720 vector, with bytes 8 to 11 zeroed: the routine must not read the field.
        for vector in CRC32CTests.vectors where vector.bytes.count >= 12 {
            var packet = vector.bytes
            let crc = CRC32C.update(0, packet, using: implementation)
            #expect(crc == vector.crc, "\(vector.name)")
            packet[8...11] = [0, 0, 0, 0]
            let zeroed = CRC32C.update(0, packet, using: .portable)
            let skipped = vector.bytes.withUnsafeBytes { SCTPChecksum.crc(of: $0, using: implementation) }
            #expect(skipped == zeroed, "\(vector.name)")
        }
        // The INIT Linux sent in seed 000, checksum 0x87034a86 as it stands in the field.
        let linuxInit: [UInt8] = [
            0xE1, 0x1E, 0x75, 0x96, 0x00, 0x00, 0x00, 0x00, 0x87, 0x03, 0x4A, 0x86, 0x01, 0x00, 0x00, 0x24,
            0xF3, 0xDC, 0x30, 0x87, 0x00, 0x01, 0xA0, 0x00, 0x00, 0x0A, 0xFF, 0xFF, 0xBF, 0x2F, 0xD6, 0xCF,
            0x00, 0x0C, 0x00, 0x06, 0x00, 0x05, 0x00, 0x00, 0x80, 0x00, 0x00, 0x04, 0xC0, 0x00, 0x00, 0x04,
        ]
        #expect(linuxInit.withUnsafeBytes { SCTPChecksum.expected(for: $0, using: implementation) } == 0x8703_4A86)
        #expect(linuxInit.withUnsafeBytes { SCTPChecksum.crc(of: $0, using: implementation) } == 0x864A_0387)
    }
}
