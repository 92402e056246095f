import SCTPWire
import Testing

@Suite struct RawPacketTests {
    static let header: [UInt8] = [0x13, 0x88, 0x00, 0x07, 0x11, 0x22, 0x33, 0x44, 0xAA, 0xBB, 0xCC, 0xDD]

    @Test func headerFieldsReadAndWrite() {
        var raw = RawPacket(Self.header)
        #expect(raw.sourcePort == 5000)
        #expect(raw.destinationPort == 7)
        #expect(raw.verificationTag == 0x1122_3344)
        #expect(raw.checksum == 0xAABB_CCDD)
        raw.sourcePort = 1
        raw.destinationPort = 2
        raw.verificationTag = 3
        raw.checksum = 4
        #expect(raw.bytes == [0, 1, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4])
        #expect(raw.header == CommonHeader(sourcePort: 1, destinationPort: 2, verificationTag: 3, checksum: 4))
    }

    @Test func shortPacketsNeverTrap() {
        var raw = RawPacket([0x13, 0x88, 0x00])
        #expect(raw.sourcePort == 5000)
        #expect(raw.destinationPort == nil)
        #expect(raw.header == nil)
        #expect(raw.checksumStatus == nil)
        raw.destinationPort = 9
        raw.verificationTag = 9
        raw.fillChecksum()
        raw.setChunkLength(100, ofChunkAt: 12)
        #expect(raw.bytes == [0x13, 0x88, 0x00])
        #expect(Array(raw.chunks).isEmpty)
        #expect(RawPacket([]).uint32(at: -3) == nil)
    }

    @Test func walkSaneChunksWithPadding() throws {
        var raw = RawPacket(Self.header)
        raw.append(.cookieEcho(CookieEchoChunk(cookie: [1, 2, 3])))
        raw.appendChunk(type: .cookieAck, value: [])
        let chunks = Array(raw.chunks)
        #expect(chunks.map(\.offset) == [12, 20])
        #expect(chunks.map(\.type) == [.cookieEcho, .cookieAck])
        #expect(chunks[0].declaredLength == 7)
        #expect(chunks[0].valueRange == 16..<19)
        #expect(Array(chunks[0].value) == [1, 2, 3])
        #expect(chunks[0].paddingRange == 19..<20)
        #expect(chunks[0].isPaddingComplete && chunks[0].isPaddingZero)
        #expect(chunks.allSatisfy { $0.isLengthSane })
        #expect(raw.chunks.unwalkedRange.isEmpty)
        #expect(try chunks[1].typed() == .cookieAck(CookieAckChunk()))
        #expect(try Chunk(raw: chunks[0]) == .cookieEcho(CookieEchoChunk(cookie: [1, 2, 3])))
    }

    @Test func nonZeroAndMissingPaddingIsVisible() {
        var raw = RawPacket(Self.header)
        raw.appendChunk(type: .cookieEcho, value: [1], padding: [0, 9, 0])
        raw.appendChunk(type: .cookieEcho, value: [1, 2], padding: [0])
        let chunks = Array(raw.chunks)
        #expect(chunks.count == 2)
        #expect(!chunks[0].isPaddingZero)
        #expect(chunks[0].isPaddingComplete)
        #expect(!chunks[1].isPaddingComplete)
        #expect(chunks[1].expectedPaddingLength == 2)
        #expect(Array(chunks[1].padding) == [0])
    }

    @Test func lyingLengthsAreWrittenAndReported() throws {
        var raw = RawPacket(Self.header)
        raw.appendChunk(type: .shutdown, value: [0, 0, 0, 1], length: 200)
        raw.appendChunk(type: .cookieAck, value: [])
        let chunks = Array(raw.chunks)
        #expect(chunks.count == 1)
        #expect(chunks[0].declaredLength == 200)
        #expect(!chunks[0].isLengthSane)
        #expect(chunks[0].valueRange == 16..<raw.bytes.count)
        #expect(chunks[0].paddingRange.isEmpty)
        #expect(raw.chunks.unwalkedRange == 12..<raw.bytes.count)
        #expect(throws: WireDecodingError.self) { try raw.typed() }

        raw.setChunkLength(2, ofChunkAt: 12)
        #expect(Array(raw.chunks).map(\.declaredLength) == [2])
        #expect(!Array(raw.chunks)[0].isLengthSane)
        raw.setChunkLength(8, ofChunkAt: 12)
        raw.setChunkFlags(0xFF, ofChunkAt: 12)
        raw.setChunkType(.cwr, ofChunkAt: 12)
        #expect(
            try raw.typed().chunks == [
                .cwr(CWRChunk(flags: ReservedChunkFlags(rawValue: 0xFF), lowestTSN: 1)),
                .cookieAck(CookieAckChunk()),
            ])
    }

    @Test func truncatedChunkHeaderAtTheEnd() {
        let raw = RawPacket(Self.header + [0x0B, 0x00, 0x00, 0x04, 0x07, 0x00])
        let chunks = Array(raw.chunks)
        #expect(chunks.count == 2)
        #expect(!chunks[1].isHeaderComplete)
        #expect(chunks[1].type == .shutdown)
        #expect(chunks[1].declaredLength == 0)
        #expect(!chunks[1].isLengthSane)
        #expect(raw.chunks.unwalkedRange == 16..<18)
    }

    @Test func typedAndRawAgree() throws {
        let packet = SCTPPacket(
            header: CommonHeader(sourcePort: 1, destinationPort: 2, verificationTag: 3),
            chunks: ChunkSamples.all.map(\.chunk))
        let raw = RawPacket(packet)
        #expect(raw.checksumStatus == .correct)
        let views = Array(raw.chunks)
        #expect(views.count == packet.chunks.count)
        for (view, chunk) in zip(views, packet.chunks) {
            #expect(view.type == chunk.type)
            #expect(view.flags == chunk.flags)
            #expect(try view.typed() == chunk)
            #expect(Array(raw.bytes[view.range]) == chunk.encoded)
            #expect(RawChunk(chunk).declaredLength == view.declaredLength)
        }
        var expected = packet
        expected.header.checksum = raw.checksum ?? 0
        #expect(try SCTPPacket(raw: raw) == expected)
    }
}
