import Captures
import NetworkLayers

/// A copy of a capture in which one host's SCTP checksums are zero, as a capture taken on a host
/// that offloads checksums to its network card shows that host's packets.
enum OffloadedCapture {
    /// Copies the pcap at `path` to `destination`, zeroing the checksum of every SCTP packet sent by
    /// `host`; returns how many were zeroed.
    @discardableResult
    static func write(from path: String, to destination: String, zeroingChecksumsOf host: IPAddress) throws -> Int {
        let reader = try CaptureReader(path: path)
        var frames: [(bytes: [UInt8], timestamp: CaptureTimestamp, linkType: LinkType)] = []
        try reader.forEachFrame { frame in
            frames.append((Array(frame.bytes), frame.timestamp, frame.linkType))
            return true
        }
        let writer = try PcapWriter(path: destination, linkType: frames.first?.linkType ?? .ethernet)
        var zeroed = 0
        for var frame in frames {
            if case .sctp(let carried) = try SCTPExtractor.extract(frame: frame.bytes, linkType: frame.linkType),
                carried.source == host
            {
                let checksum = carried.sctpRange.lowerBound + 8
                frame.bytes.replaceSubrange(checksum..<checksum + 4, with: [0, 0, 0, 0])
                zeroed += 1
            }
            try writer.write(frame.bytes, timestamp: frame.timestamp)
        }
        try writer.finish()
        return zeroed
    }
}
