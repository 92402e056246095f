import Captures
import NetworkLayers
import SCTPWire

/// Writes packets of the corpus as a raw-IP pcap with our encapsulation and pcap writer, and
/// knows what each frame holds.
struct CorpusCapture {
    /// How one frame carries its packet.
    enum Carriage: String, CaseIterable {
        case ipv4
        case ipv6
        case ipv4UDP = "ipv4-udp"
        case ipv6UDP = "ipv6-udp"

        var encapsulation: SCTPEncapsulation {
            let v4 = (IPAddress("198.18.0.1")!, IPAddress("198.18.0.2")!)
            let v6 = (IPAddress("2001:db8::1")!, IPAddress("2001:db8::2")!)
            let udp = SCTPCarriage.udpEncapsulated(sourcePort: 9899, destinationPort: 9899)
            switch self {
            case .ipv4: return SCTPEncapsulation(source: v4.0, destination: v4.1)
            case .ipv6: return SCTPEncapsulation(source: v6.0, destination: v6.1)
            case .ipv4UDP: return SCTPEncapsulation(source: v4.0, destination: v4.1, carriage: udp)
            case .ipv6UDP: return SCTPEncapsulation(source: v6.0, destination: v6.1, carriage: udp)
            }
        }
    }

    struct Frame {
        var testCase: DifferentialCase
        var carriage: Carriage
        /// The SCTP packet as encoded (checksum filled).
        var sctp: [UInt8]
    }

    var frames: [Frame] = []

    init(cases: [DifferentialCase], carriages: [Carriage]) {
        for carriage in carriages {
            for testCase in cases {
                self.frames.append(Frame(testCase: testCase, carriage: carriage, sctp: testCase.packet.encoded()))
            }
        }
    }

    /// Writes the frames (plus `extra` SCTP packets over IPv4) to `path`.
    func write(to path: String, extra: [[UInt8]] = []) throws {
        var records: [CaptureRecord] = []
        for (index, frame) in self.frames.enumerated() {
            records.append(
                CaptureRecord(
                    timestamp: CaptureTimestamp(seconds: UInt64(index)), linkType: .raw,
                    bytes: try frame.carriage.encapsulation.ipPacket(wrapping: frame.sctp)))
        }
        for packet in extra {
            records.append(
                CaptureRecord(
                    timestamp: CaptureTimestamp(seconds: UInt64(records.count)), linkType: .raw,
                    bytes: try Carriage.ipv4.encapsulation.ipPacket(wrapping: packet)))
        }
        try PcapWriter.write(records, to: path, linkType: .raw)
    }

    /// Type, flags and length of every chunk in encoded SCTP bytes, walking the lengths as written.
    static func chunkHeaders(_ sctp: [UInt8]) -> [(type: UInt8, flags: UInt8, length: Int)] {
        var headers: [(UInt8, UInt8, Int)] = []
        var offset = 12
        while offset + 4 <= sctp.count {
            let length = Int(sctp[offset + 2]) << 8 | Int(sctp[offset + 3])
            headers.append((sctp[offset], sctp[offset + 1], length))
            guard length >= 4 else { break }
            offset += (length + 3) / 4 * 4
        }
        return headers
    }
}
