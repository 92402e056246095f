import Captures
import Foundation
import NetworkLayers
import ProcessTestSupport
import SCTPWire
import Testing

/// `sctpconform decode`, run as a subprocess (the built binary next to the test bundle).
@Suite(
    "sctpconform decode",
    .enabled(if: ExternalTool.sctpconform != nil || ExternalTool.isCI, "the sctpconform binary was not built"))
struct DecodeCommandTests {
    static let sample = repositoryRoot() + "/Scenarios/captures/linux-handshake.pcap"

    /// What `tcpdump -nn` printed for this association (seed 001), kept next to the sample;
    /// `sctpconform decode` of the sample rebuilt from it must print exactly this (times are UTC).
    static let tcpdumpLines: [String] = {
        let text =
            (try? String(contentsOfFile: repositoryRoot() + "/Scenarios/captures/linux-handshake.txt", encoding: .utf8))
            ?? ""
        return text.split(separator: "\n").map(String.init)
    }()

    static func decode(_ arguments: [String]) throws -> ExternalTool.Result {
        let binary = try #require(ExternalTool.sctpconform, "sctpconform must be built when CI is set")
        let result = try ExternalTool.run(binary, ["decode"] + arguments, timeout: 60)
        #expect(!result.timedOut)
        return result
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    @Test("the sample prints exactly what tcpdump printed for the real association")
    func sampleMatchesTcpdump() throws {
        #expect(Self.tcpdumpLines.count == 13, "Scenarios/captures/linux-handshake.txt holds the 13 expected lines")
        let result = try Self.decode([Self.sample])
        #expect(result.status == 0)
        #expect(Self.lines(result.standardOutput) == Self.tcpdumpLines)
        #expect(result.standardError.isEmpty)
    }

    @Test("--json prints one parseable object per packet with every field")
    func json() throws {
        let result = try Self.decode(["--json", Self.sample])
        #expect(result.status == 0)
        let objects = try Self.lines(result.standardOutput).map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.count == 13)
        #expect(objects.allSatisfy { $0["checksum"] as? String == "correct" })
        #expect(objects.map { $0["frame"] as? Int } == (1...13).map { $0 })
        #expect(objects[0]["source"] as? String == "10.128.0.81")
        #expect(objects[0]["time"] as? String == "1595515855.792111000")
        let packet = try #require(objects[0]["packet"] as? [String: Any])
        let chunk = try #require((packet["chunks"] as? [[String: Any]])?.first)
        #expect(chunk["kind"] as? String == "init")
        #expect(chunk["initiate_tag"] as? Int == 1_008_070_933)
        #expect((objects[4]["summary"] as? String)?.hasPrefix("sctp (1) [DATA] (B)(E)") == true)
    }

    @Test("--verbose prints every field after each line")
    func verbose() throws {
        let result = try Self.decode(["--verbose", Self.sample])
        #expect(result.status == 0)
        let lines = Self.lines(result.standardOutput)
        #expect(lines.first == Self.tcpdumpLines.first)
        #expect(lines.contains("          initiate_tag: 1008070933"))
        #expect(lines.contains("    sctp checksum: correct"))
        #expect(lines.contains { $0.hasPrefix("    ipv4: tos 0x2, ttl 64, id 0, DF, length 68") })
        #expect(lines.filter { !$0.hasPrefix(" ") } == Self.tcpdumpLines)
    }

    @Test("time formats")
    func timeFormats() throws {
        let epoch = Self.lines(try Self.decode(["--time-format", "epoch", Self.sample]).standardOutput)
        #expect(epoch.first?.hasPrefix("1595515855.792111 IP ") == true)
        let relative = Self.lines(try Self.decode(["--time-format", "relative", Self.sample]).standardOutput)
        #expect(relative.prefix(2).map { String($0.prefix(9)) } == ["0.000000 ", "0.000466 "])
        #expect(relative.last?.hasPrefix("73.612108 IP") == true)
    }

    @Test("a truncated file prints what decoded, then the offset on stderr, and exits 2")
    func truncated() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let bytes = try #require(FileManager.default.contents(atPath: Self.sample))
        let cut = directory.file("cut.pcap")
        #expect(FileManager.default.createFile(atPath: cut, contents: bytes.prefix(700)))
        let result = try Self.decode([cut])
        #expect(result.status == 2)
        #expect(Self.lines(result.standardOutput) == Array(Self.tcpdumpLines.prefix(2)))
        #expect(result.standardError.contains("offset 460: pcap record data: truncated"))
        #expect(!result.standardError.contains("Fatal error"))
    }

    @Test("missing files and files that are not captures exit 2 with a message")
    func notCaptures() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let missing = try Self.decode([directory.file("nope.pcap")])
        #expect(missing.status == 2)
        #expect(missing.standardError == "sctpconform: error: \(directory.file("nope.pcap")): no such file\n")
        let text = directory.file("text.pcap")
        #expect(FileManager.default.createFile(atPath: text, contents: Data("hello, world\n".utf8)))
        let garbage = try Self.decode([text])
        #expect(garbage.status == 2 && garbage.standardError.contains("not a pcap or pcapng file"))
        let usage = try Self.decode(["--json", "--verbose", Self.sample])
        #expect(usage.status != 0)
    }

    @Test("IPv6, UDP encapsulation, bad checksums and non-SCTP frames")
    func mixedCapture() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let sctp = SCTPPacket(
            header: CommonHeader(sourcePort: 5_000, destinationPort: 7, verificationTag: 9),
            chunks: [.cookieAck(CookieAckChunk())])
        let good = sctp.encoded()
        let bad = sctp.encoded(checksum: .value(0x1234_5678))
        let v4 = SCTPEncapsulation(source: IPAddress("198.18.0.1")!, destination: IPAddress("198.18.0.2")!)
        let v6 = SCTPEncapsulation(source: IPAddress("2001:db8::1")!, destination: IPAddress("2001:db8::2")!)
        var udp = v4
        udp.carriage = .udpEncapsulated(sourcePort: 9899, destinationPort: 9899)
        var tcp = try v4.ipPacket(wrapping: good)
        tcp[9] = 6
        var frames = [
            try v4.ipPacket(wrapping: good), tcp, try v6.ipPacket(wrapping: good), try udp.ipPacket(wrapping: good),
            try v4.ipPacket(wrapping: bad), [0x45, 0x00],
        ]
        frames.append(try v4.ipPacket(wrapping: sctp.encoded(checksum: .zero)))
        let path = directory.file("mixed.pcap")
        try PcapWriter.write(
            frames.enumerated().map {
                CaptureRecord(
                    timestamp: CaptureTimestamp(seconds: UInt64($0.offset)), linkType: .raw, bytes: $0.element)
            },
            to: path)
        let result = try Self.decode([path])
        #expect(result.status == 0)
        let lines = Self.lines(result.standardOutput)
        #expect(
            lines == [
                "00:00:00.000000 IP 198.18.0.1.5000 > 198.18.0.2.7: sctp (1) [COOKIE ACK]",
                "00:00:02.000000 IP6 2001:db8::1.5000 > 2001:db8::2.7: sctp (1) [COOKIE ACK]",
                "00:00:03.000000 IP 198.18.0.1.5000 > 198.18.0.2.7: udp-encap 9899 > 9899: sctp (1) [COOKIE ACK]",
                "00:00:04.000000 IP 198.18.0.1.5000 > 198.18.0.2.7: sctp (1) [COOKIE ACK] "
                    + "[bad checksum 0x12345678, expected "
                    + String(format: "0x%08x", SCTPChecksum.expected(for: good) ?? 0) + "]",
                "00:00:06.000000 IP 198.18.0.1.5000 > 198.18.0.2.7: sctp (1) [COOKIE ACK] [zero checksum]",
            ])
        #expect(result.standardError.contains("skipped 2 of 7 frames without an SCTP packet"))
        #expect(result.standardError.contains("1 IP protocol 6, not SCTP (first: frame 2)"))
        #expect(result.standardError.contains("malformed below SCTP"))

        let json = try Self.decode(["--json", path])
        let objects = try Self.lines(json.standardOutput).map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["checksum"] as? String } == ["correct", "correct", "correct", "incorrect", "zero"])
        #expect(objects[2]["carriage"] as? String == "udp" && objects[2]["udp_checksum"] as? String == "correct")
        #expect(objects[1]["ip_version"] as? Int == 6)
        #expect(objects[3]["checksum_found"] as? Int == 0x1234_5678)
    }

    @Test("--json ends a file it cannot read to the end with a JSON error record, and exits 2")
    func jsonErrorRecords() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let bytes = try #require(FileManager.default.contents(atPath: Self.sample))
        let cut = directory.file("cut.pcap")
        #expect(FileManager.default.createFile(atPath: cut, contents: bytes.prefix(700)))
        let truncated = try Self.decode(["--json", cut])
        #expect(truncated.status == 2)
        let lines = Self.lines(truncated.standardOutput)
        let objects = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.count == 3)
        #expect(objects.prefix(2).map { $0["frame"] as? Int } == [1, 2])
        let error = try #require(objects.last?["error"] as? [String: Any])
        #expect(error["offset"] as? Int == 460)
        #expect(error["frames"] as? Int == 2)
        #expect((error["message"] as? String)?.contains("offset 460: pcap record data: truncated") == true)
        #expect(truncated.standardError.contains("offset 460: pcap record data: truncated"))

        let missingPath = directory.file("nope.pcap")
        let missing = try Self.decode(["--json", missingPath])
        #expect(missing.status == 2)
        let record = try #require(
            try JSONSerialization.jsonObject(with: Data(missing.standardOutput.utf8)) as? [String: Any])
        let missingError = try #require(record["error"] as? [String: Any])
        #expect(missingError["message"] as? String == "\(missingPath): no such file")
        #expect(missingError["offset"] is NSNull)
        #expect(missingError["frames"] as? Int == 0)
    }

    @Test("a packet cut short by the snapshot length: checksum not verifiable, never bad")
    func snaplenTruncated() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let sctp = SCTPPacket(
            header: CommonHeader(sourcePort: 5_000, destinationPort: 7, verificationTag: 9),
            chunks: [
                .data(
                    DataChunk(tsn: 1, streamID: 0, streamSequence: 0, ppid: 0, userData: Array(repeating: 7, count: 40))
                )
            ])
        let v4 = SCTPEncapsulation(source: IPAddress("198.18.0.1")!, destination: IPAddress("198.18.0.2")!)
        let whole = try v4.ipPacket(wrapping: sctp.encoded())
        let path = directory.file("snaplen.pcap")
        try PcapWriter.write(
            [
                CaptureRecord(
                    timestamp: CaptureTimestamp(seconds: 0), linkType: .raw, originalLength: whole.count,
                    bytes: Array(whole.prefix(whole.count - 20))),
                CaptureRecord(timestamp: CaptureTimestamp(seconds: 1), linkType: .raw, bytes: whole),
            ],
            to: path)
        let text = try Self.decode([path])
        #expect(text.status == 0)
        let lines = Self.lines(text.standardOutput)
        #expect(lines.count == 2)
        #expect(lines.first?.hasSuffix("[20 bytes not captured, checksum not verifiable]") == true)
        #expect(lines.allSatisfy { !$0.contains("bad checksum") })
        let verbose = Self.lines(try Self.decode(["--verbose", path]).standardOutput)
        #expect(verbose.contains("    sctp checksum: not verifiable (20 bytes not captured)"))
        #expect(verbose.contains("    sctp checksum: correct"))
        let json = try Self.decode(["--json", path])
        let objects = try Self.lines(json.standardOutput).map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["checksum"] as? String } == ["unverifiable", "correct"])
        #expect(objects.first?["missing_bytes"] as? Int == 20)
        #expect(objects.first?["checksum_found"] == nil)
    }

    @Test("--verbose shows chunk and parameter lengths, padding, and the action bits of unknown types")
    func verboseLayout() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let sctp = SCTPPacket(
            header: CommonHeader(sourcePort: 5_000, destinationPort: 7, verificationTag: 0),
            chunks: [
                .initiation(
                    InitChunk(
                        initiateTag: 1, advertisedReceiverWindow: 2, outboundStreams: 3, inboundStreams: 4,
                        initialTSN: 5,
                        parameters: [
                            .unknown(UnknownParameter(type: 0x4444, value: [1, 2, 3])),
                            .ecnCapable(ECNCapableParameter()),
                        ])),
                .unknown(UnknownChunk(type: 0xC5, flags: 0x80, value: [9, 9, 9, 9, 9])),
                .error(ErrorChunk(causes: [.userInitiatedAbort(UserInitiatedAbortCause(reason: Array("bye".utf8)))])),
            ])
        let v4 = SCTPEncapsulation(source: IPAddress("198.18.0.1")!, destination: IPAddress("198.18.0.2")!)
        let path = directory.file("layout.pcap")
        try PcapWriter.write(
            [
                CaptureRecord(
                    timestamp: CaptureTimestamp(seconds: 0), linkType: .raw,
                    bytes: try v4.ipPacket(wrapping: sctp.encoded()))
            ],
            to: path)
        let result = try Self.decode(["--verbose", path])
        #expect(result.status == 0)
        let lines = Self.lines(result.standardOutput)
        let layout = Array(lines.drop { $0 != "    layout:" })
        #expect(
            layout == [
                "    layout:",
                "      chunk 1: INIT (1), flags 0x00, length 32, padding 0",
                "        parameter 1: type 0x4444, length 7, padding 1, unrecognized: stop and report (type bits 01)",
                "        parameter 2: ECN Capable (32768), length 4, padding 0",
                "      chunk 2: type 0xc5, flags 0x80, length 9, padding 3, "
                    + "unrecognized: skip and report (type bits 11)",
                "      chunk 3: ERROR (9), flags 0x00, length 11, padding 1",
                "        cause 1: User-Initiated Abort (12), length 7, padding 0",
            ])
    }

    @Test("pcapng input decodes the same as pcap")
    func pcapng() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let records = try CaptureReader(path: Self.sample).readAll()
        let path = directory.file("sample.pcapng")
        #expect(FileManager.default.createFile(atPath: path, contents: Data(PcapngTestWriter.file(records))))
        let result = try Self.decode([path])
        #expect(result.status == 0)
        #expect(Self.lines(result.standardOutput) == Self.tcpdumpLines)
    }
}

/// A minimal little-endian pcapng writer for these tests (one section, one interface, EPBs with
/// microsecond timestamps).
enum PcapngTestWriter {
    static func file(_ records: [CaptureRecord]) -> [UInt8] {
        var bytes: [UInt8] = []
        func u16(_ v: UInt16, _ out: inout [UInt8]) { out += [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32, _ out: inout [UInt8]) {
            out += (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * UInt32($0))) }
        }
        func block(_ type: UInt32, _ body: [UInt8]) {
            var padded = body
            while padded.count % 4 != 0 { padded.append(0) }
            u32(type, &bytes)
            u32(UInt32(12 + padded.count), &bytes)
            bytes += padded
            u32(UInt32(12 + padded.count), &bytes)
        }
        var shb: [UInt8] = []
        u32(0x1A2B_3C4D, &shb)
        u16(1, &shb)
        u16(0, &shb)
        shb += [UInt8](repeating: 0xFF, count: 8)
        block(0x0A0D_0D0A, shb)
        var idb: [UInt8] = []
        u16(UInt16(records.first?.linkType.rawValue ?? 1), &idb)
        u16(0, &idb)
        u32(0, &idb)
        block(1, idb)
        for record in records {
            let ticks = record.timestamp.seconds * 1_000_000 + UInt64(record.timestamp.nanoseconds / 1_000)
            var epb: [UInt8] = []
            u32(0, &epb)
            u32(UInt32(ticks >> 32), &epb)
            u32(UInt32(ticks & 0xFFFF_FFFF), &epb)
            u32(UInt32(record.bytes.count), &epb)
            u32(UInt32(record.originalLength), &epb)
            epb += record.bytes
            block(6, epb)
        }
        return bytes
    }
}
