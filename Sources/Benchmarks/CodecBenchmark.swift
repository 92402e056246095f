import SCTPWire

/// `sctpconform-bench codec`: one core, release build: SCTP decode plus CRC32c verification of a
/// 64-byte DATA packet and of a 300-byte INIT ACK, and encoding (with CRC32c) of both, in packets
/// per second. Target: at least 10 M packets/s for the 64-byte decode + verify.
enum CodecBenchmark {
    static let usage = "usage: sctpconform-bench codec"

    /// A 64-byte packet: common header (12), DATA chunk header (16), 36 bytes of user data.
    static let dataPacket = SCTPPacket(
        header: CommonHeader(sourcePort: 5_000, destinationPort: 5_001, verificationTag: 0x1234_5678),
        chunks: [.data(DataChunk(tsn: 1_000, streamID: 1, streamSequence: 7, ppid: 51, userData: Array(0..<36)))])

    /// A 300-byte INIT ACK: fixed part (20), a 256-byte state cookie, ECN capable, Forward-TSN supported.
    static let initAckPacket = SCTPPacket(
        header: CommonHeader(sourcePort: 7, destinationPort: 5_000, verificationTag: 0xCAFE_F00D),
        chunks: [
            .initiationAck(
                InitAckChunk(
                    initiateTag: 0x0BAD_BEEF, advertisedReceiverWindow: 106_496, outboundStreams: 10,
                    inboundStreams: 10, initialTSN: 2_317_599_708,
                    parameters: [
                        .stateCookie(
                            StateCookieParameter(cookie: (0..<256).map { UInt8(truncatingIfNeeded: $0 &* 7) })),
                        .ecnCapable(ECNCapableParameter()), .forwardTSNSupported(ForwardTSNSupportedParameter()),
                    ]))
        ])

    static func run(arguments: [String]) -> Int32 {
        guard arguments.isEmpty else {
            print(Self.usage)
            return 2
        }
        let cases: [(name: String, key: String, packet: SCTPPacket, size: Int, target: Double?)] = [
            ("decode + CRC32c verify, 64-byte DATA", "decode-verify-64-byte-data", Self.dataPacket, 64, 10e6),
            (
                "decode + CRC32c verify, 300-byte INIT ACK", "decode-verify-300-byte-init-ack", Self.initAckPacket, 300,
                nil
            ),
        ]
        var figures: [(key: String, rate: Double)] = []
        for (name, key, packet, size, target) in cases {
            let bytes = packet.encoded()
            guard bytes.count == size, (try? SCTPPacket(decoding: bytes))?.encodedKeepingChecksum == bytes,
                SCTPChecksum.verify(bytes) == .correct
            else {
                print("\(name): the packet does not round-trip; not timing it")
                return 1
            }
            let rate = Bench.iterationsPerSecond {
                let status = SCTPChecksum.verify(bytes)
                let decoded = try? SCTPPacket(decoding: bytes)
                Bench.blackHole((status, decoded))
            }
            Bench.report(
                "\(name) (\(bytes.count) B)", Bench.scaled(rate) + "packets/s",
                target: target.map { "≥ " + Bench.scaled($0) + "packets/s" }, met: target.map { rate >= $0 })
            figures.append((key, rate))
        }
        for (name, key, packet) in [
            ("encode + CRC32c, 64-byte DATA", "encode-64-byte-data", Self.dataPacket),
            ("encode + CRC32c, 300-byte INIT ACK", "encode-300-byte-init-ack", Self.initAckPacket),
        ] {
            let rate = Bench.iterationsPerSecond {
                Bench.blackHole(packet.encoded())
            }
            Bench.report(name, Bench.scaled(rate) + "packets/s")
            figures.append((key, rate))
        }
        // For scripts (scripts/bench-vs-scapy-tshark.sh): plain packets per second, whatever the scale.
        for figure in figures {
            print("rate-packets-per-second \(figure.key): \(Int(figure.rate))")
        }
        return 0
    }
}
