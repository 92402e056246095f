import Captures
import NetworkLayers
import SCTPWire

/// `sctpconform-bench capture write N FILE`: writes a pcap of N Ethernet/IPv4 SCTP packets (an
/// alternation of 64-byte DATA packets and SACKs, correct checksums) for comparisons with other
/// decoders (scripts/bench-vs-scapy-tshark.sh).
///
/// `sctpconform-bench capture decode FILE`: streams a capture, finds the SCTP packet below
/// Ethernet/IP/UDP, verifies its CRC32c and decodes it, and prints packets per second: first
/// with frames borrowed from the reader's buffer (`CaptureReader.forEachFrame`, as
/// `sctpconform check` reads), then with one owned record per frame (`next()`, as
/// `sctpconform decode` reads); both passes must agree. `--repeat K` reads the file K times (the
/// best pass counts).
enum CaptureBenchmark {
    static let usage = """
        usage: sctpconform-bench capture write N FILE
               sctpconform-bench capture decode FILE [--repeat K]
        """

    static func run(arguments: [String]) -> Int32 {
        switch arguments.first {
        case "write":
            guard arguments.count == 3, let count = Int(arguments[1]), count >= 0 else {
                print(Self.usage)
                return 2
            }
            return Self.write(count: count, path: arguments[2])
        case "decode":
            guard arguments.count == 2 || (arguments.count == 4 && arguments[2] == "--repeat"),
                let repeats = arguments.count == 4 ? Int(arguments[3]) : 1, repeats >= 1
            else {
                print(Self.usage)
                return 2
            }
            return Self.decode(path: arguments[1], repeats: repeats)
        default:
            print(Self.usage)
            return 2
        }
    }

    /// The i-th packet of the generated capture.
    static func packet(_ index: Int) -> SCTPPacket {
        let tsn = UInt32(truncatingIfNeeded: 1_000 + index / 2)
        if index % 2 == 0 {
            return SCTPPacket(
                header: CommonHeader(sourcePort: 5_000, destinationPort: 5_001, verificationTag: 0x1234_5678),
                chunks: [
                    .data(
                        DataChunk(
                            tsn: tsn, streamID: 1, streamSequence: UInt16(truncatingIfNeeded: index / 2),
                            ppid: 51, userData: (0..<36).map { UInt8(truncatingIfNeeded: $0 &+ index) }))
                ])
        }
        return SCTPPacket(
            header: CommonHeader(sourcePort: 5_001, destinationPort: 5_000, verificationTag: 0x8765_4321),
            chunks: [
                .sack(
                    SACKChunk(
                        cumulativeTSNAck: tsn, advertisedReceiverWindow: 106_496, gapBlocks: [], duplicateTSNs: []))
            ])
    }

    static func write(count: Int, path: String) -> Int32 {
        let forward = SCTPEncapsulation(
            source: .v4(IPv4Address(198, 18, 0, 1)), destination: .v4(IPv4Address(198, 18, 0, 2)))
        let backward = forward.reversed
        let harnessMAC = MACAddress(0x02, 0, 0, 0, 0, 1)
        let peerMAC = MACAddress(0x02, 0, 0, 0, 0, 2)
        do {
            let writer = try PcapWriter(path: path, linkType: .ethernet)
            for index in 0..<count {
                let toPeer = index % 2 == 0
                let frame = try (toPeer ? forward : backward).ethernetFrame(
                    wrapping: Self.packet(index).encoded(), source: toPeer ? harnessMAC : peerMAC,
                    destination: toPeer ? peerMAC : harnessMAC)
                try writer.write(frame, timestamp: CaptureTimestamp(totalNanoseconds: UInt64(index) * 10_000))
            }
            try writer.finish()
        } catch {
            print("capture write: \(error)")
            return 1
        }
        print("wrote \(count) packets to \(path)")
        return 0
    }

    /// What one pass over the file found.
    struct DecodeTally {
        var packets = 0
        var correct = 0
        var bytes = 0
    }

    static func decode(path: String, repeats: Int) -> Int32 {
        let extractor = SCTPExtractor()
        var best = 0.0
        var bestOwning = 0.0
        var tally = DecodeTally()
        for _ in 0..<repeats {
            do {
                let (borrowed, borrowedRate) = try Self.timed { () throws(CaptureError) in
                    try Self.decodeBorrowing(path: path, extractor)
                }
                let (owned, owningRate) = try Self.timed { () throws(CaptureError) in
                    try Self.decodeOwning(path: path, extractor)
                }
                guard borrowed.packets == owned.packets, borrowed.correct == owned.correct,
                    borrowed.bytes == owned.bytes
                else {
                    print("capture decode: the borrowing and owning readers disagree: \(borrowed) vs \(owned)")
                    return 1
                }
                tally = borrowed
                best = max(best, borrowedRate)
                bestOwning = max(bestOwning, owningRate)
            } catch {
                print("capture decode: \(error)")
                return 1
            }
        }
        Bench.report("capture decode: read + extract + CRC32c + decode", Bench.scaled(best) + "packets/s")
        Bench.report("  same, one owned record per frame (next())", Bench.scaled(bestOwning) + "packets/s")
        print("packets: \(tally.packets), checksums correct: \(tally.correct), frame bytes: \(tally.bytes)")
        print("rate-packets-per-second: \(Int(best))")
        return 0
    }

    /// Runs `pass` and returns what it found with its rate in packets per second.
    static func timed(
        _ pass: () throws(CaptureError) -> DecodeTally
    ) throws(CaptureError) -> (DecodeTally, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let tally = try pass()
        let seconds = Bench.seconds(clock.now - start)
        return (tally, seconds > 0 ? Double(tally.packets) / seconds : 0)
    }

    /// The way `sctpconform check` reads: frames borrowed from the reader's buffer, the SCTP
    /// packet located in place, only its bytes copied out for the decoder.
    static func decodeBorrowing(path: String, _ extractor: SCTPExtractor) throws(CaptureError) -> DecodeTally {
        var tally = DecodeTally()
        let reader = try CaptureReader(path: path)
        try reader.forEachFrame { frame in
            tally.bytes += frame.bytes.count
            guard case .sctp(let location) = try? extractor.locate(in: frame.bytes, linkType: frame.linkType)
            else { return true }
            let sctp = UnsafeRawBufferPointer(rebasing: frame.bytes[location.sctpRange])
            // The decoder reads an array: the packet (not the frame) is copied into one.
            guard let packet = try? SCTPPacket(decoding: Array(sctp)) else { return true }
            if SCTPChecksum.verify(sctp) == .correct {
                tally.correct += 1
            }
            tally.packets += 1
            Bench.blackHole(packet)
            return true
        }
        return tally
    }

    /// The way `sctpconform decode` reads: one owned record per frame.
    static func decodeOwning(path: String, _ extractor: SCTPExtractor) throws(CaptureError) -> DecodeTally {
        var tally = DecodeTally()
        let reader = try CaptureReader(path: path)
        while let record = try reader.next() {
            tally.bytes += record.bytes.count
            guard case .sctp(let carried) = try? extractor.extract(frame: record.bytes, linkType: record.linkType)
            else { continue }
            // Decode in place: the reader covers the SCTP range of the frame, nothing is copied.
            var reader = ByteReader(carried.frame, range: carried.sctpRange, context: "SCTP packet")
            guard let packet = try? SCTPPacket.decode(from: &reader) else { continue }
            if carried.withSCTPBytes({ SCTPChecksum.verify($0) }) == .correct {
                tally.correct += 1
            }
            tally.packets += 1
            Bench.blackHole(packet)
        }
        return tally
    }
}
