import SCTPWire

/// `sctpconform-bench crc`: CRC32c throughput on one core, cache-resident, for each
/// implementation this CPU offers, at 64 B, 1,500 B and 64 KiB. Target: at least 20 GB/s.
enum ChecksumBenchmark {
    static let usage = "usage: sctpconform-bench crc"

    static func run(arguments: [String]) -> Int32 {
        guard arguments.isEmpty else {
            print(Self.usage)
            return 2
        }
        print("CRC32c implementation selected on this CPU: \(CRC32C.selectedImplementation)")
        let buffer = (0..<(64 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let sizes = [64, 1_500, 64 << 10]
        let selected = CRC32C.selectedImplementation
        buffer.withUnsafeBytes { raw in
            for implementation in CRC32C.Implementation.allCases where implementation.isAvailable {
                for size in sizes {
                    let slice = UnsafeRawBufferPointer(rebasing: raw[0..<size])
                    var folded: UInt32 = 0
                    let rate = Bench.iterationsPerSecond {
                        folded ^= CRC32C.update(0, slice, using: implementation)
                    }
                    Bench.blackHole(folded)
                    let gigabytes = rate * Double(size) / 1e9
                    let isTargeted = implementation == selected && size >= 1_500
                    Bench.report(
                        "CRC32c \(implementation), \(size % 1_024 == 0 ? "\(size >> 10) KiB" : "\(size) B")",
                        Bench.fixed(gigabytes, 2) + " GB/s",
                        target: isTargeted ? "≥ 20 GB/s" : nil, met: isTargeted ? gigabytes >= 20 : nil)
                }
            }
        }
        return 0
    }
}
