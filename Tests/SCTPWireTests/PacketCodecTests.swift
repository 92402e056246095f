import SCTPWire
import Testing

@Suite struct PacketCodecTests {
    static let header = CommonHeader(
        sourcePort: 5000, destinationPort: 7, verificationTag: 0xCAFE_F00D,
        checksum: 0x0102_0304)

    @Test func everySampleBundledInOnePacket() throws {
        let packet = SCTPPacket(header: Self.header, chunks: ChunkSamples.all.map(\.chunk))
        let bytes = packet.encodedKeepingChecksum
        let decoded = try #require(CodecVerifier<SCTPPacket>.verifyPacket(bytes, expected: packet))
        #expect(decoded.chunks.count == ChunkSamples.all.count)
    }

    @Test func typicalBundles() {
        let cookieEchoAndData = SCTPPacket(
            header: Self.header,
            chunks: [
                .cookieEcho(CookieEchoChunk(cookie: [1, 2, 3, 4, 5])),
                .data(DataChunk(tsn: 1, userData: Array("hi".utf8))),
            ])
        CodecVerifier<SCTPPacket>.verifyPacket(cookieEchoAndData.encodedKeepingChecksum, expected: cookieEchoAndData)
        let sackAndData = SCTPPacket(
            header: Self.header,
            chunks: [
                .sack(
                    SACKChunk(cumulativeTSNAck: 9, advertisedReceiverWindow: 1000, gapBlocks: [.init(start: 2, end: 2)])
                ),
                .data(DataChunk(tsn: 1, userData: [1])), .data(DataChunk(tsn: 2, userData: [2, 3])),
            ])
        CodecVerifier<SCTPPacket>.verifyPacket(sackAndData.encodedKeepingChecksum, expected: sackAndData)
    }

    /// `SCTPPacket(decoding:)` has a fast path for a lone DATA chunk; it must agree with the general
    /// path (`decode(from:)`) on every variation: payload sizes, padding complete, short or absent,
    /// lengths that lie, trailing bytes, flags.
    @Test func singleDataFastPathAgreesWithTheGeneralPath() {
        var cases: [[UInt8]] = []
        let header = Self.header.encodedBytes
        for payload in 0...9 {
            let chunk = DataChunk(
                flags: DataChunkFlags(rawValue: UInt8(payload * 37 & 0xFF)), tsn: 7, streamID: 1,
                streamSequence: 2, ppid: 3, userData: Array(repeating: UInt8(payload), count: payload))
            let full = header + Chunk.data(chunk).encoded
            for cut in 0...4 where full.count - cut >= 12 {
                cases.append(Array(full.dropLast(cut)))
            }
            cases.append(full + [0, 0, 0, 0])
            cases.append(full + [0x0B, 0x00, 0x00, 0x04])
            for lie in [0, 3, 4, 15, 16, 17, 200] {
                var lying = full
                lying[14] = UInt8(lie >> 8)
                lying[15] = UInt8(lie & 0xFF)
                cases.append(lying)
            }
        }
        for bytes in cases {
            let fast = Result { () throws(WireDecodingError) in try SCTPPacket(decoding: bytes) }
            var reader = ByteReader(bytes)
            let general = Result { () throws(WireDecodingError) in try SCTPPacket.decode(from: &reader) }
            #expect(fast == general, "\(bytes)")
        }
    }

    @Test func headerOnlyPacketHasNoChunks() throws {
        let packet = try SCTPPacket(decoding: [0x13, 0x88, 0x00, 0x07, 0, 0, 0, 1, 0, 0, 0, 0])
        #expect(packet.chunks.isEmpty)
        #expect(packet.header == CommonHeader(sourcePort: 5000, destinationPort: 7, verificationTag: 1))
    }

    @Test func shorterThanTheCommonHeader() {
        #expect(
            throws: WireDecodingError(
                offset: 0, context: "SCTP common header", reason: .truncated(needed: 12, available: 11))
        ) {
            try SCTPPacket(decoding: Array(repeating: 0, count: 11))
        }
    }

    @Test func checksumModes() throws {
        let packet = SCTPPacket(header: Self.header, chunks: [.cookieAck(CookieAckChunk())])
        let correct = packet.encoded()
        #expect(SCTPChecksum.verify(correct) == .correct)
        #expect(packet.encoded(checksum: .crc32c) == correct)
        let zero = packet.encoded(checksum: .zero)
        #expect(SCTPChecksum.verify(zero) == .zero)
        #expect(Array(zero[8..<12]) == [0, 0, 0, 0])
        let wrong = packet.encoded(checksum: .value(0xDEAD_BEEF))
        #expect(Array(wrong[8..<12]) == [0xDE, 0xAD, 0xBE, 0xEF])
        #expect(Array(packet.encodedKeepingChecksum[8..<12]) == [1, 2, 3, 4])
        // Decoding never judges the checksum.
        #expect(try SCTPPacket(decoding: wrong).header.checksum == 0xDEAD_BEEF)
        #expect(try SCTPPacket(decoding: wrong).chunks == packet.chunks)
    }

    @Test func lastChunkWithoutPaddingIsAccepted() throws {
        var bytes = Self.header.encodedBytes
        bytes += [0x0A, 0x00, 0x00, 0x05, 0x77]  // COOKIE ECHO with one cookie byte, no padding
        let packet = try SCTPPacket(decoding: bytes)
        #expect(packet.chunks == [.cookieEcho(CookieEchoChunk(cookie: [0x77]))])
        #expect(packet.encodedKeepingChecksum == bytes + [0, 0, 0])
    }

    @Test func decodingInsideALargerFrameReportsFrameOffsets() {
        let frame: [UInt8] = Array(repeating: 0xEE, count: 20) + Self.header.encodedBytes + [0x07, 0x00, 0x00, 0x04]
        var reader = ByteReader(frame, range: 20..<frame.count, context: "IPv4 payload")
        #expect(
            throws: WireDecodingError(
                offset: 34, context: "SHUTDOWN chunk", reason: .lengthTooShort(declared: 4, minimum: 8))
        ) {
            try SCTPPacket.decode(from: &reader)
        }
        #expect(reader.offset == 20)
    }

    @Test func fieldRecordOfAPacket() throws {
        let packet = SCTPPacket(header: Self.header, chunks: [.shutdown(ShutdownChunk(cumulativeTSNAck: 5))])
        let record = packet.fieldRecord
        #expect(record.kind == "sctp-packet")
        #expect(record["header"] == .record(Self.header.fieldRecord))
        #expect(try SCTPPacket(fieldRecord: record) == packet)
        var broken = record
        broken["chunks"] = .list([
            .record(FieldRecord(kind: "shutdown", fields: [.init("cumulative_tsn_ack", .text("x"))]))
        ])
        #expect(
            throws: FieldRecordError(
                path: "chunks[0].cumulative_tsn_ack",
                reason: "expected an unsigned integer, found text")
        ) {
            try SCTPPacket(fieldRecord: broken)
        }
    }
}

extension CommonHeader {
    var encodedBytes: [UInt8] {
        var writer = ByteWriter()
        self.encode(into: &writer)
        return writer.bytes
    }
}
