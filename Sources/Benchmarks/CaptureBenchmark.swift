import Captures
import NetworkLayers
import SCTPWire

/// `sctpconform-bench capture write N FILE`: writes a pcap of N Ethernet/IPv4 SCTP packets (an
/// alternation of 64-byte DATA packets and SACKs, correct checksums) for comparisons with other
/// decoders (scripts/bench-vs-scapy-tshark.sh).
///
/// `sctpconform-bench capture decode FILE`: reads a capture as `sctpconform decode` does (stream
/// the records, find the SCTP packet below Ethernet/IP/UDP, verify its CRC32c, decode it) and
/// prints packets per second. `--repeat K` reads the file K times (the best pass counts).
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

    static func decode(path: String, repeats: Int) -> Int32 {
        let extractor = SCTPExtractor()
        let clock = ContinuousClock()
        var best = 0.0
        var packets = 0
        var correct = 0
        var bytes = 0
        for _ in 0..<repeats {
            packets = 0
            correct = 0
            bytes = 0
            let start = clock.now
            do {
                let reader = try CaptureReader(path: path)
                while let record = try reader.next() {
                    bytes += record.bytes.count
                    guard
                        case .sctp(let carried) = try? extractor.extract(frame: record.bytes, linkType: record.linkType)
                    else { continue }
                    // Decode in place: the reader covers the SCTP range of the frame, nothing is copied.
                    var reader = ByteReader(carried.frame, range: carried.sctpRange, context: "SCTP packet")
                    guard let packet = try? SCTPPacket.decode(from: &reader) else { continue }
                    if carried.withSCTPBytes({ SCTPChecksum.verify($0) }) == .correct {
                        correct += 1
                    }
                    packets += 1
                    Bench.blackHole(packet)
                }
            } catch {
                print("capture decode: \(error)")
                return 1
            }
            let seconds = Bench.seconds(clock.now - start)
            if seconds > 0 {
                best = max(best, Double(packets) / seconds)
            }
        }
        Bench.report("capture decode: read + extract + CRC32c + decode", Bench.scaled(best) + "packets/s")
        print("packets: \(packets), checksums correct: \(correct), frame bytes: \(bytes)")
        print("rate-packets-per-second: \(Int(best))")
        return 0
    }
}
