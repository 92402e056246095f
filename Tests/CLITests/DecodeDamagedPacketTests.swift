import Captures
import Foundation
import NetworkLayers
import ProcessTestSupport
import SCTPWire
import Testing

/// `sctpconform decode --json` of a packet that does not decode whole (issue 11, item 6): the JSON
/// keeps the common header and the chunks before the damage, with the error beside them, as the
/// text line keeps tcpdump's view of every chunk.
@Suite(
    "sctpconform decode, damaged packets",
    .enabled(if: ExternalTool.sctpconform != nil || ExternalTool.isCI, "the sctpconform binary was not built"))
struct DecodeDamagedPacketTests {
    /// A COOKIE ACK, then an INIT whose length (8) is shorter than an INIT's fixed part (20), then a
    /// SHUTDOWN COMPLETE: the second chunk cannot be decoded.
    static func damagedPacket() -> [UInt8] {
        var raw = RawPacket(
            SCTPPacket(
                header: CommonHeader(sourcePort: 5_000, destinationPort: 7, verificationTag: 0x0102_0304),
                chunks: [.cookieAck(CookieAckChunk())]))
        raw.appendChunk(type: .initiation, value: [0, 0, 0, 1])
        raw.append(.shutdownComplete(ShutdownCompleteChunk()))
        raw.fillChecksum()
        return raw.bytes
    }

    @Test("--json keeps the header and the chunks before the damage, with the error and its chunk number")
    func damagedPacketKeepsWhatDecoded() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let v4 = SCTPEncapsulation(source: IPAddress("198.18.0.1")!, destination: IPAddress("198.18.0.2")!)
        let path = directory.file("damaged.pcap")
        try PcapWriter.write(
            [
                CaptureRecord(
                    timestamp: CaptureTimestamp(seconds: 0), linkType: .raw,
                    bytes: try v4.ipPacket(wrapping: Self.damagedPacket())),
                // Eleven bytes: not even a common header.
                CaptureRecord(
                    timestamp: CaptureTimestamp(seconds: 1), linkType: .raw,
                    bytes: try v4.ipPacket(wrapping: Array(Self.damagedPacket().prefix(11)))),
            ],
            to: path)
        let text = try DecodeCommandTests.decode([path])
        #expect(text.status == 0)
        #expect(
            DecodeCommandTests.lines(text.standardOutput).first
                == "00:00:00.000000 IP 198.18.0.1.5000 > 198.18.0.2.7: "
                + "sctp (1) [COOKIE ACK] , (2) [INIT]  (chunk length 4 < 16) (invalid)")

        let json = try DecodeCommandTests.decode(["--json", path])
        #expect(json.status == 0)
        let objects = try DecodeCommandTests.lines(json.standardOutput).map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.count == 2)
        let packet = try #require(objects[0]["packet"] as? [String: Any], "the packet was dropped: \(objects[0])")
        let header = try #require(packet["header"] as? [String: Any])
        #expect(header["source_port"] as? Int == 5_000)
        #expect(header["verification_tag"] as? Int == 0x0102_0304)
        let chunks = try #require(packet["chunks"] as? [[String: Any]])
        #expect(chunks.map { $0["kind"] as? String } == ["cookie-ack"])
        let error = try #require(objects[0]["decode_error"] as? [String: Any])
        #expect(error["chunk"] as? Int == 2)
        // The INIT's length field, at offset 12 + 4 + 2.
        #expect(error["offset"] as? Int == 18)
        #expect((error["message"] as? String)?.hasPrefix("offset 18: ") == true)
        #expect((objects[0]["summary"] as? String)?.hasPrefix("sctp (1) [COOKIE ACK] , (2) [INIT]") == true)
        #expect(objects[0]["checksum"] as? String == "correct")

        // Without a whole common header there is nothing typed to keep: the packet is null.
        #expect(objects[1]["packet"] is NSNull)
        let headerError = try #require(objects[1]["decode_error"] as? [String: Any])
        #expect(headerError["chunk"] is NSNull)
        #expect(headerError["offset"] as? Int == 0)
    }

    @Test("the partial decoding agrees with the whole-packet decoder on packets that decode")
    func partialDecodingAgrees() throws {
        let whole = SCTPPacket(
            header: CommonHeader(sourcePort: 1, destinationPort: 2, verificationTag: 3),
            chunks: [
                .data(DataChunk(tsn: 1, streamID: 0, streamSequence: 0, ppid: 0, userData: [1, 2, 3])),
                .sack(SACKChunk(cumulativeTSNAck: 9, advertisedReceiverWindow: 10, gapBlocks: [], duplicateTSNs: [])),
            ])
        let decoded = PartiallyDecodedPacket(decoding: whole.encoded())
        #expect(decoded.error == nil && decoded.failedChunkNumber == nil)
        #expect(decoded.packet == (try SCTPPacket(decoding: whole.encoded())))
        let damaged = PartiallyDecodedPacket(decoding: Self.damagedPacket())
        #expect(damaged.packet == nil)
        #expect(damaged.chunks.count == 1 && damaged.failedChunkNumber == 2)
        #expect(damaged.error?.offset == 18)
    }
}
