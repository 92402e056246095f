import Foundation
import ProcessTestSupport
import SCTPWire
import Testing

/// Packets our encoder writes, read back by scapy (`scapy.layers.sctp`, an independent Python
/// codec): every chunk type scapy knows, over IPv4 and IPv6. Field values must be what we
/// encoded, scapy's CRC32c must equal ours, and scapy re-serializing what it parsed must give
/// our bytes back.
@Suite(
    "scapy reads what we write",
    .enabled(if: ExternalTool.hasScapy || ExternalTool.isCI, "python3 with scapy is not installed"))
struct ScapyDifferentialTests {
    /// Reads a pcap, prints one JSON object per frame: the SCTP header, whether scapy's CRC32c of
    /// the packet equals the field, whether re-serializing gives the same bytes, and each chunk's
    /// fields flattened to strings (lists joined with commas, nested packets as `name.i.field`).
    static let script = #"""
        import json, sys
        from scapy.packet import Packet, Raw, NoPayload
        from scapy.utils import rdpcap
        from scapy.layers.inet import IP
        from scapy.layers.inet6 import IPv6
        from scapy.layers.sctp import SCTP

        def scalar(value):
            if isinstance(value, (bytes, bytearray)):
                return value.hex()
            if isinstance(value, Packet):
                return bytes(value).hex()
            return str(value)

        def flatten(prefix, fields, out):
            for name, value in fields.items():
                key = prefix + name
                items = value if isinstance(value, list) else []
                dissected = [v for v in items if isinstance(v, Packet) and not isinstance(v, Raw)]
                if dissected and len(dissected) == len(items):
                    out[key + ".types"] = ",".join(str(v.fields.get("type", "")) for v in value)
                    for index, item in enumerate(value):
                        flatten("%s.%d." % (key, index), item.fields, out)
                elif isinstance(value, list):
                    out[key] = ",".join(scalar(v) for v in value)
                else:
                    out[key] = scalar(value)

        for number, frame in enumerate(rdpcap(sys.argv[1]), 1):
            sctp = frame.getlayer(SCTP)
            raw = bytes(sctp)
            fresh = SCTP(raw)
            fresh.chksum = None
            recomputed = SCTP(bytes(fresh)).chksum
            chunks = []
            layer = sctp.payload
            while not isinstance(layer, NoPayload):
                fields = {}
                flatten("", layer.fields, fields)
                fields["_class"] = type(layer).__name__
                chunks.append(fields)
                layer = layer.payload
            print(json.dumps({
                "frame": number, "sport": sctp.sport, "dport": sctp.dport, "tag": sctp.tag,
                "crc_ok": sctp.chksum == recomputed, "rebuilt_equal": bytes(SCTP(raw)) == raw, "chunks": chunks,
            }))
        """#

    @Test("every chunk type scapy knows, over IPv4 and IPv6")
    func corpus() throws {
        let python = try #require(ExternalTool.python, "python3 is required when CI is set")
        try #require(ExternalTool.hasScapy, "scapy is required when CI is set")
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let cases = DifferentialCorpus.cases.filter { $0.scapy != nil }
        #expect(cases.count >= 21, "every chunk type scapy knows is covered")
        let capture = CorpusCapture(cases: cases, carriages: [.ipv4, .ipv6])
        let pcap = directory.file("corpus.pcap")
        try capture.write(to: pcap)
        let scriptPath = directory.file("read_sctp.py")
        try Self.script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let result = try ExternalTool.run(python, [scriptPath, pcap], timeout: 180)
        try #require(!result.timedOut && result.status == 0, "scapy failed: \(result.standardError)")
        let objects = try result.standardOutput.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        try #require(objects.count == capture.frames.count)
        for (frame, object) in zip(capture.frames, objects) {
            let label = "\(frame.testCase.name) over \(frame.carriage.rawValue)"
            let header = frame.testCase.packet.header
            #expect(object["sport"] as? Int == Int(header.sourcePort), "\(label)")
            #expect(object["dport"] as? Int == Int(header.destinationPort), "\(label)")
            #expect(object["tag"] as? Int == Int(header.verificationTag), "\(label)")
            #expect(object["crc_ok"] as? Bool == true, "\(label): scapy's CRC32c differs from ours")
            #expect(object["rebuilt_equal"] as? Bool == true, "\(label): scapy re-encodes different bytes")
            let chunks = object["chunks"] as? [[String: String]] ?? []
            let expectedChunks = frame.testCase.scapy ?? []
            #expect(chunks.count == expectedChunks.count, "\(label): scapy saw \(chunks.map { $0["_class"] ?? "?" })")
            for (index, (seen, expected)) in zip(chunks, expectedChunks).enumerated() {
                if expected["_class"] == nil {
                    #expect(seen["_class"] != "Raw", "\(label): chunk \(index + 1) not dissected")
                }
                for (field, value) in expected.sorted(by: { $0.key < $1.key }) {
                    #expect(seen[field] == value, "\(label): chunk \(index + 1) \(field)")
                }
            }
        }
    }
}
