import SCTPWire
import Testing

/// Unknown chunk types survive decode and encode byte for byte, whatever their action bits say
/// (RFC 9260 §3.2).
@Suite struct UnknownChunkTests {
    static let cases: [(type: UInt8, action: UnrecognizedChunkAction)] = [
        (0x3E, .stop), (0x7E, .stopAndReport), (0xBE, .skip), (0xFE, .skipAndReport),
    ]

    @Test(arguments: 0..<4)
    func roundTripsByteForByte(index: Int) throws {
        let (type, action) = Self.cases[index]
        let value: [UInt8] = [0xDE, 0xAD, 0xBE, 0xEF, 0x01]
        let chunkBytes: [UInt8] = [type, 0xA5, 0x00, 0x09] + value + [0x00, 0x00, 0x00]
        let chunk = try #require(CodecVerifier<Chunk>.chunk().verify(chunkBytes))
        #expect(chunk == .unknown(UnknownChunk(type: type, flags: 0xA5, value: value)))
        guard case .unknown(let unknown) = chunk else { return }
        #expect(unknown.action == action)
        #expect(chunk.type.action == action)
        #expect(!chunk.type.isKnown)
        #expect(chunk.flags == 0xA5)

        // Bundled between known chunks in a packet.
        let packet =
            [0x00, 0x07, 0x00, 0x07, 0, 0, 0, 9, 0, 0, 0, 0] + [0x0B, 0x00, 0x00, 0x04] + chunkBytes
            + [0x08, 0x00, 0x00, 0x04]
        let decoded = try #require(CodecVerifier<SCTPPacket>.verifyPacket(packet))
        #expect(decoded.chunks.map(\.type) == [.cookieAck, ChunkType(type), .shutdownAck])
    }

    @Test func actionBits() {
        #expect(UnrecognizedChunkAction(chunkType: 0x00) == .stop)
        #expect(UnrecognizedChunkAction(chunkType: 0x40) == .stopAndReport)
        #expect(UnrecognizedChunkAction(chunkType: 0x80) == .skip)
        #expect(UnrecognizedChunkAction(chunkType: 0xC0) == .skipAndReport)
        #expect(UnrecognizedChunkAction.stop.continuesProcessing == false)
        #expect(UnrecognizedChunkAction.skip.continuesProcessing)
        #expect(UnrecognizedChunkAction.stopAndReport.reportsToSender)
        #expect(UnrecognizedChunkAction.skip.reportsToSender == false)
        #expect(UnrecognizedChunkAction.skipAndReport.typeBits == 0xC0)
    }

    @Test func aKnownTypeCodeInAnUnknownChunkEncodesAsGiven() {
        // A deliberately malformed SHUTDOWN without its cumulative TSN ack.
        let malformed = Chunk.unknown(UnknownChunk(type: 7, flags: 0, value: []))
        #expect(malformed.encoded == [0x07, 0x00, 0x00, 0x04])
        #expect(throws: WireDecodingError.self) { try Chunk(decoding: malformed.encoded) }
    }

    @Test func chunkTypeNamesAndKinds() {
        #expect(ChunkType.initiationAck.name == "INIT ACK")
        #expect(ChunkType.initiationAck.kind == "init-ack")
        #expect(ChunkType(kind: "cookie-echo") == .cookieEcho)
        #expect(ChunkType(kind: "i-forward-tsn") == .iForwardTSN)
        #expect(ChunkType(kind: "nonsense") == nil)
        #expect(ChunkType(0x55).name == nil)
        #expect(ChunkType(0x55).kind == "unknown-chunk")
        #expect(ChunkType(0x55).description == "chunk 0x55")
        #expect(ChunkType.sack.description == "SACK (3)")
        for type in ChunkType.known {
            #expect(ChunkType(kind: type.kind) == type)
            #expect(type.isKnown)
        }
        #expect(Set(ChunkType.known.map(\.kind)).count == ChunkType.known.count)
    }
}

@Suite struct UnrecognizedChunkTypeCauseChunkTests {
    @Test func reportsAndReadsBackTheChunk() throws {
        let unknown = Chunk.unknown(UnknownChunk(type: 0x7E, flags: 3, value: [1, 2, 3]))
        let cause = UnrecognizedChunkTypeCause(reporting: unknown)
        #expect(cause.chunkBytes == [0x7E, 0x03, 0x00, 0x07, 1, 2, 3])
        #expect(try cause.decodedChunk() == unknown)
        #expect(cause.rawChunk.type == ChunkType(0x7E))
        #expect(cause.rawChunk.declaredLength == 7)
        // Inside an ERROR chunk, through the whole codec.
        let error = Chunk.error(ErrorChunk(causes: [.unrecognizedChunkType(cause)]))
        let decoded = try #require(CodecVerifier<Chunk>.chunk().verify(error.encoded, expected: error))
        guard case .error(let chunk) = decoded, case .unrecognizedChunkType(let echoed) = chunk.causes.first else {
            Issue.record("no Unrecognized Chunk Type cause in \(decoded)")
            return
        }
        #expect(try echoed.decodedChunk() == unknown)
    }

    @Test func aTruncatedEchoIsReadableRawAndRejectedTyped() {
        let cause = UnrecognizedChunkTypeCause(chunkBytes: [0xBF, 0x00, 0x00, 0x10, 1])
        #expect(!cause.rawChunk.isLengthSane)
        #expect(throws: WireDecodingError.self) { try cause.decodedChunk() }
    }
}
