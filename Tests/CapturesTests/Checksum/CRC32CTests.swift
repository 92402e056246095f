import SCTPWire
import Testing

/// A bit-at-a-time CRC32c written from the definition (RFC 9260 Appendix A), independent of the
/// C implementation it checks.
func bitwiseCRC32C(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
    var register = ~crc
    for byte in bytes {
        register ^= UInt32(byte)
        for _ in 0..<8 {
            register = register & 1 == 1 ? (register >> 1) ^ 0x82F6_3B78 : register >> 1
        }
    }
    return ~register
}

@Suite("CRC32c")
struct CRC32CTests {
    /// RFC 3720 Appendix B.4 vectors and the usual check value.
    static let vectors: [(name: String, bytes: [UInt8], crc: UInt32)] = [
        ("32 zeros", [UInt8](repeating: 0, count: 32), 0x8A91_36AA),
        ("32 x 0xFF", [UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43),
        ("incrementing", (0..<32).map { UInt8($0) }, 0x46DD_794E),
        ("decrementing", (0..<32).map { UInt8(31 - $0) }, 0x113F_DB5C),
        ("123456789", Array("123456789".utf8), 0xE306_9283),
        ("empty", [], 0),
        (
            "iSCSI read PDU",
            [
                0x01, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x18,
                0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            ],
            0xD996_3A56
        ),
    ]

    @Test("known vectors, every implementation", arguments: CRC32C.Implementation.allCases)
    func knownVectors(implementation: CRC32C.Implementation) {
        for vector in Self.vectors {
            #expect(CRC32C.update(0, vector.bytes, using: implementation) == vector.crc, "\(vector.name)")
            #expect(bitwiseCRC32C(vector.bytes) == vector.crc, "\(vector.name) (bitwise reference)")
        }
        for vector in Self.vectors {
            #expect(CRC32C.checksum(vector.bytes) == vector.crc, "\(vector.name) (selected path)")
        }
    }

    @Test("this x86-64 machine gets a hardware path")
    func hardwarePathSelected() {
        #if arch(x86_64)
            #expect(CRC32C.Implementation.sse42.isAvailable == CRC32C.selectedImplementation.isAvailable)
            if CRC32C.Implementation.sse42.isAvailable {
                #expect(CRC32C.selectedImplementation != .portable)
            }
        #endif
        #expect(CRC32C.Implementation.portable.isAvailable)
        #expect(CRC32C.selectedImplementation.isAvailable)
    }

    @Test("every path equals the portable one at random lengths and alignments")
    func pathsAgree() {
        var random = TestRandom(seed: 0x5C7F)
        let buffer = random.bytes(200_000)
        var lengths = Array(0...600) + [1_023, 1_024, 1_500, 4_095, 4_096, 9_000, 12_288, 15_871, 15_872, 65_536]
        lengths += (0..<60).map { _ in Int(random.next() % 190_000) }
        let available = CRC32C.Implementation.allCases.filter(\.isAvailable)
        buffer.withUnsafeBytes { raw in
            for length in lengths {
                let alignment = Int(random.next() % 64)
                let slice = UnsafeRawBufferPointer(rebasing: raw[alignment..<(alignment + length)])
                let start = UInt32(truncatingIfNeeded: random.next())
                let reference = CRC32C.update(start, slice, using: .portable)
                for implementation in available {
                    let value = CRC32C.update(start, slice, using: implementation)
                    #expect(value == reference, "\(implementation) length \(length) alignment \(alignment)")
                }
                #expect(CRC32C.update(start, slice) == reference, "selected path, length \(length)")
            }
        }
    }

    @Test("the portable path matches the bitwise reference")
    func portableMatchesBitwise() {
        var random = TestRandom(seed: 77)
        for length in [0, 1, 7, 8, 9, 63, 64, 65, 300, 1_500] {
            let bytes = random.bytes(length)
            #expect(CRC32C.update(0, bytes, using: .portable) == bitwiseCRC32C(bytes))
            #expect(CRC32C.checksum(bytes) == bitwiseCRC32C(bytes))
        }
    }

    @Test("update composes: checksum(a + b) == update(checksum(a), b)")
    func updateComposes() {
        var random = TestRandom(seed: 4_242)
        let bytes = random.bytes(20_000)
        let whole = CRC32C.checksum(bytes)
        for split in [0, 1, 5, 8, 100, 1_499, 10_000, 19_999, 20_000] {
            let head = Array(bytes[0..<split])
            let tail = Array(bytes[split...])
            #expect(CRC32C.update(CRC32C.checksum(head), tail) == whole, "split at \(split)")
            #expect(bitwiseCRC32C(tail, continuing: bitwiseCRC32C(head)) == whole, "reference split at \(split)")
        }
    }

    @Test("implementation names")
    func names() {
        #expect(CRC32C.Implementation.portable.description == "portable")
        #expect(CRC32C.Implementation.fusedVPCLMUL.description == "sse4.2-3way+vpclmulqdq")
        #expect(Set(CRC32C.Implementation.allCases.map(\.description)).count == 4)
    }
}
