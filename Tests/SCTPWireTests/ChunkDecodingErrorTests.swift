import SCTPWire
import Testing

/// Named failure cases: bytes that cannot be read as the chunk they claim to be, and where the error
/// says the problem is.
@Suite struct ChunkDecodingErrorTests {
    func error(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> WireDecodingError? {
        do {
            let chunk = try Chunk(decoding: bytes)
            Issue.record("decoded \(chunk) from malformed bytes", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test func lengthShorterThanHeader() {
        let error = self.error([0x07, 0x00, 0x00, 0x02, 0, 0, 0, 0])
        #expect(error?.reason == .lengthTooShort(declared: 2, minimum: 4))
        #expect(error?.offset == 2)
        #expect(error?.context == "SHUTDOWN chunk")
    }

    @Test func lengthBeyondData() {
        let error = self.error([0x07, 0x00, 0x00, 0x0C, 0, 0, 0, 0])
        #expect(error?.reason == .lengthBeyondData(declared: 12, available: 8))
        #expect(error?.offset == 2)
    }

    @Test func truncatedHeader() {
        let error = self.error([0x07, 0x00, 0x00])
        #expect(error?.reason == .truncated(needed: 4, available: 3))
        #expect(error?.offset == 0)
    }

    @Test func dataShorterThanFixedPart() {
        let error = self.error([0x00, 0x03, 0x00, 0x0C, 0, 0, 0, 1, 0, 0, 0, 0])
        #expect(error?.reason == .lengthTooShort(declared: 12, minimum: 16))
        #expect(error?.context == "DATA chunk")
    }

    @Test func fixedSizeChunkWithExtraBytes() {
        let error = self.error([0x07, 0x00, 0x00, 0x0C, 0, 0, 0, 1, 0, 0, 0, 0])
        #expect(error?.context == "SHUTDOWN chunk")
        #expect(error?.offset == 8)
        if case .invalidValue = error?.reason {} else { Issue.record("unexpected reason \(String(describing: error))") }
        #expect(self.error([0x0B, 0x00, 0x00, 0x05, 0x00, 0, 0, 0])?.context == "COOKIE ACK chunk")
        #expect(self.error([0x0D, 0x00, 0x00, 0x0C, 0, 0, 0, 1, 0, 0, 0, 2])?.context == "CWR chunk")
    }

    @Test func sackCountsAnnounceMoreThanTheLengthHolds() {
        // Two gap blocks announced, one present.
        let error = self.error(
            [0x03, 0x00, 0x00, 0x14, 0, 0, 0, 1, 0, 0, 0x10, 0, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02])
        #expect(error?.reason == .lengthTooShort(declared: 20, minimum: 24))
        #expect(error?.offset == 2)
        #expect(error?.context == "SACK chunk")
    }

    @Test func sackLengthHoldsMoreThanTheCountsAnnounce() {
        let error = self.error(
            [0x03, 0x00, 0x00, 0x14, 0, 0, 0, 1, 0, 0, 0x10, 0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02])
        #expect(error?.offset == 2)
        if case .invalidValue = error?.reason {} else { Issue.record("unexpected reason \(String(describing: error))") }
    }

    @Test func nrSackCountsDisagree() {
        let error = self.error(
            [0x10, 0x00, 0x00, 0x14, 0, 0, 0, 1, 0, 0, 0x10, 0, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00])
        #expect(error?.reason == .lengthTooShort(declared: 20, minimum: 24))
    }

    @Test func forwardTSNWithHalfAnEntry() {
        let error = self.error([0xC0, 0x00, 0x00, 0x0A, 0, 0, 0, 1, 0, 5, 0, 0])
        #expect(error?.reason == .lengthNotMultiple(declared: 10, of: 4))
        #expect(error?.offset == 2)
    }

    @Test func iForwardTSNWithHalfAnEntry() {
        let error = self.error([0xC2, 0x00, 0x00, 0x0C, 0, 0, 0, 1, 0, 5, 0, 1])
        #expect(error?.reason == .lengthNotMultiple(declared: 12, of: 8))
    }

    @Test func asconfWithoutAddressParameter() {
        let error = self.error([0xC1, 0x00, 0x00, 0x08, 0, 0, 0, 1])
        #expect(error?.reason == .lengthTooShort(declared: 8, minimum: 12))
    }

    @Test func malformedParameterInsideInitIsLocatedInTheChunk() {
        // An INIT whose only parameter claims 12 bytes but has 4.
        let error = self.error(
            [0x01, 0x00, 0x00, 0x18, 0, 0, 0, 1, 0, 0, 0x10, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0x00, 0x0C, 0x00, 0x0C])
        #expect(error?.offset == 22)
    }

    @Test func errorsInsideAPacketCarryPacketOffsets() throws {
        var bytes: [UInt8] = [0x13, 0x88, 0x00, 0x07, 0, 0, 0, 1, 0, 0, 0, 0]
        bytes += [0x0B, 0x00, 0x00, 0x04]  // COOKIE ACK at 12
        bytes += [0x07, 0x00, 0x00, 0x06, 0, 0, 0, 0]  // SHUTDOWN at 16 with a 2-byte value
        #expect(
            throws: WireDecodingError(
                offset: 18, context: "SHUTDOWN chunk", reason: .lengthTooShort(declared: 6, minimum: 8))
        ) {
            try SCTPPacket(decoding: bytes)
        }
    }

    @Test func decodingAChunkOfTheWrongTypeFails() throws {
        var reader = ByteReader([0x0B, 0x00, 0x00, 0x04])
        #expect(throws: WireDecodingError.self) { try ShutdownAckChunk.decode(from: &reader) }
        #expect(reader.offset == 0)
        var good = ByteReader([0x08, 0x00, 0x00, 0x04])
        #expect(try ShutdownAckChunk.decode(from: &good) == ShutdownAckChunk())
    }

    @Test func trailingBytesAfterAStandAloneChunk() {
        let error = self.error([0x0B, 0x00, 0x00, 0x04, 0x0B])
        #expect(error?.offset == 4)
    }
}
