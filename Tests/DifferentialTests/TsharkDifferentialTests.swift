import Foundation
import ProcessTestSupport
import SCTPWire
import Testing

/// Packets our encoder writes, read back by tshark (Wireshark's dissector): every chunk type,
/// over IPv4, IPv6 and UDP encapsulation; every field tshark reports must be what we encoded and
/// every CRC32c must be `Good` under `-o sctp.checksum:CRC-32C`.
@Suite(
    "tshark reads what we write",
    .enabled(if: ExternalTool.tshark != nil || ExternalTool.isCI, "tshark is not installed"))
struct TsharkDifferentialTests {
    typealias F = TsharkFormat

    static let commonFields = [
        "frame.number", "sctp.srcport", "sctp.dstport", "sctp.verification_tag", "sctp.chunk_type", "sctp.chunk_flags",
        "sctp.chunk_length", "sctp.checksum.status", "ip.checksum.status", "udp.checksum.status",
    ]

    /// Runs tshark over `path` and returns, per frame, field name to value.
    static func read(_ path: String, fields: [String]) throws -> [[String: String]] {
        let tshark = try #require(ExternalTool.tshark, "tshark is required when CI is set")
        var arguments = [
            "-n", "-r", path, "-o", "sctp.checksum:CRC-32C", "-o", "ip.check_checksum:TRUE",
            "-o", "udp.check_checksum:TRUE", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,",
            "-E", "separator=/t",
        ]
        for field in fields {
            arguments += ["-e", field]
        }
        let result = try ExternalTool.run(tshark, arguments, timeout: 120)
        #expect(!result.timedOut && result.status == 0, "tshark failed: \(result.standardError)")
        return result.standardOutput.split(separator: "\n").map { line in
            let values = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (index, field) in fields.enumerated() {
                row[field] = index < values.count ? values[index] : ""
            }
            return row
        }
    }

    @Test("every chunk type over IPv4, IPv6 and UDP: fields and checksums as encoded")
    func corpus() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let cases = DifferentialCorpus.cases
        let capture = CorpusCapture(cases: cases, carriages: CorpusCapture.Carriage.allCases)
        let path = directory.file("corpus.pcap")
        try capture.write(to: path)
        var fields = Self.commonFields
        for field in cases.flatMap({ $0.tshark.keys }).sorted() where !fields.contains(field) {
            fields.append(field)
        }
        let rows = try Self.read(path, fields: fields)
        try #require(rows.count == capture.frames.count, "tshark read \(rows.count) of \(capture.frames.count) frames")
        for (frame, row) in zip(capture.frames, rows) {
            let label = "\(frame.testCase.name) over \(frame.carriage.rawValue)"
            let header = frame.testCase.packet.header
            let chunks = CorpusCapture.chunkHeaders(frame.sctp)
            var expected: [String: String] = [
                "sctp.srcport": String(header.sourcePort), "sctp.dstport": String(header.destinationPort),
                "sctp.verification_tag": F.hex32(header.verificationTag),
                "sctp.chunk_type": F.list(chunks.map(\.type)) { String($0) },
                "sctp.chunk_flags": F.list(chunks.map(\.flags), F.hex8),
                "sctp.chunk_length": F.list(chunks.map(\.length)) { String($0) },
                "sctp.checksum.status": "1",
            ]
            switch frame.carriage {
            case .ipv4: expected["ip.checksum.status"] = "1"
            case .ipv4UDP:
                expected["ip.checksum.status"] = "1"
                expected["udp.checksum.status"] = "1"
            case .ipv6UDP: expected["udp.checksum.status"] = "1"
            case .ipv6: break
            }
            expected.merge(frame.testCase.tshark) { _, specific in specific }
            for (field, value) in expected.sorted(by: { $0.key < $1.key }) {
                #expect(row[field] == value, "\(label): \(field)")
            }
        }
    }

    @Test("every parameter and every error cause, field by field, in one tshark run")
    func parametersAndCauses() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let cases = ElementCorpus.cases
        // Every registered parameter type (28) and error cause code (19) is in the corpus, plus an unknown one of each.
        func codes(_ field: String) -> Set<UInt16> {
            Set(
                cases.flatMap {
                    ($0.tshark[field] ?? "").split(separator: ",").compactMap { UInt16($0.dropFirst(2), radix: 16) }
                })
        }
        #expect(codes("sctp.parameter_type").filter { ParameterType($0).isKnown }.count == 28)
        #expect(codes("sctp.cause_code").filter { ErrorCauseCode($0).isKnown }.count == 19)
        #expect(codes("sctp.parameter_type").contains { !ParameterType($0).isKnown })
        #expect(codes("sctp.cause_code").contains { !ErrorCauseCode($0).isKnown })

        let capture = CorpusCapture(cases: cases, carriages: [.ipv4])
        let path = directory.file("elements.pcap")
        try capture.write(to: path)
        var fields = Self.commonFields
        for field in (ElementCorpus.strictFields + cases.flatMap { $0.tshark.keys }).sorted()
        where !fields.contains(field) {
            fields.append(field)
        }
        let rows = try Self.read(path, fields: fields)
        try #require(rows.count == capture.frames.count, "tshark read \(rows.count) of \(capture.frames.count) frames")
        for (frame, row) in zip(capture.frames, rows) {
            let chunks = CorpusCapture.chunkHeaders(frame.sctp)
            var expected: [String: String] = [
                "sctp.chunk_type": F.list(chunks.map(\.type)) { String($0) },
                "sctp.chunk_flags": F.list(chunks.map(\.flags), F.hex8),
                "sctp.chunk_length": F.list(chunks.map(\.length)) { String($0) },
                "sctp.checksum.status": "1",
            ]
            // Element fields a case does not list must be absent: tshark sees no element we did not write.
            for field in ElementCorpus.strictFields {
                expected[field] = ""
            }
            expected.merge(frame.testCase.tshark) { _, specific in specific }
            for (field, value) in expected.sorted(by: { $0.key < $1.key }) {
                #expect(row[field] == value, "\(frame.testCase.name): \(field)")
            }
        }
    }

    @Test("checksum byte order: Linux's own packets verify, and a wrong checksum is Bad")
    func checksumByteOrder() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        // An INIT as Linux sent it (seed 000), checksum field 0x87034a86, untouched by our encoder.
        let linuxInit: [UInt8] = [
            0xE1, 0x1E, 0x75, 0x96, 0x00, 0x00, 0x00, 0x00, 0x87, 0x03, 0x4A, 0x86, 0x01, 0x00, 0x00, 0x24,
            0xF3, 0xDC, 0x30, 0x87, 0x00, 0x01, 0xA0, 0x00, 0x00, 0x0A, 0xFF, 0xFF, 0xBF, 0x2F, 0xD6, 0xCF,
            0x00, 0x0C, 0x00, 0x06, 0x00, 0x05, 0x00, 0x00, 0x80, 0x00, 0x00, 0x04, 0xC0, 0x00, 0x00, 0x04,
        ]
        #expect(SCTPChecksum.verify(linuxInit) == .correct)
        let ours = DifferentialCorpus.cases[0].packet.encoded()
        var wrong = ours
        SCTPChecksum.write((SCTPChecksum.field(of: ours) ?? 0) ^ 0x0100_0000, into: &wrong)
        var swapped = ours
        SCTPChecksum.write((SCTPChecksum.field(of: ours) ?? 0).byteSwapped, into: &swapped)
        let capture = CorpusCapture(cases: [], carriages: [])
        let path = directory.file("checksums.pcap")
        try capture.write(to: path, extra: [linuxInit, ours, wrong, swapped])
        let rows = try Self.read(path, fields: ["sctp.checksum.status", "sctp.checksum"])
        #expect(rows.map { $0["sctp.checksum.status"] } == ["1", "1", "0", "0"])
        #expect(rows.first?["sctp.checksum"] == "0x87034a86")
    }
}
