import SCTPWire
import Testing

/// Every chunk type through the shared verifier, plus hand-written wire bytes for each type so that
/// decode and encode are checked against the RFC layouts, not only against each other.
@Suite struct ChunkCodecTests {
    @Test(arguments: ChunkSamples.all.map(\.name))
    func sampleRoundTripsThroughVerifier(name: String) throws {
        let chunk = try #require(ChunkSamples.all.first { $0.name == name }?.chunk)
        let bytes = chunk.encoded
        #expect(bytes.count % 4 == 0)
        CodecVerifier<Chunk>.chunk().verify(bytes, expected: chunk)
    }

    @Test func everyKnownTypeHasASample() {
        let sampled = Set(ChunkSamples.all.map(\.chunk.type))
        for type in ChunkType.known {
            #expect(sampled.contains(type), "no sample for \(type)")
        }
    }

    /// `bytes` decodes to `expected`, and `expected` encodes back to `bytes`.
    func check(_ bytes: [UInt8], _ expected: Chunk, sourceLocation: SourceLocation = #_sourceLocation) {
        let verified = CodecVerifier<Chunk>.chunk().verify(bytes, expected: expected, sourceLocation: sourceLocation)
        #expect(verified == expected, sourceLocation: sourceLocation)
        #expect(expected.encoded == bytes, sourceLocation: sourceLocation)
    }

    @Test func dataLayout() {
        // RFC 9260 §3.3.1: flags U|B|E, length 19 (16 + 3 bytes of user data), one byte of padding.
        self.check(
            [
                0x00, 0x07, 0x00, 0x13, 0x00, 0x00, 0x00, 0x2A, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x2E,
                0x61, 0x62, 0x63, 0x00,
            ],
            .data(
                DataChunk(
                    flags: [.unordered, .beginning, .ending], tsn: 42, streamID: 1, streamSequence: 2,
                    ppid: 46, userData: [0x61, 0x62, 0x63])))
    }

    @Test func initLayout() {
        // RFC 9260 §3.2: the chunk length (26) counts the padding of every parameter but the last.
        self.check(
            [
                0x01, 0x00, 0x00, 0x1A, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x10, 0x00, 0x00, 0x0A, 0x00, 0x0B,
                0x00, 0x00, 0x00, 0x05, 0x00, 0x0C, 0x00, 0x06, 0x00, 0x05, 0x00, 0x00,
            ],
            .initiation(
                InitChunk(
                    initiateTag: 1, advertisedReceiverWindow: 4096, outboundStreams: 10,
                    inboundStreams: 11, initialTSN: 5,
                    parameters: [.supportedAddressTypes(SupportedAddressTypesParameter(addressTypes: [5]))])))
    }

    @Test func initAckLayout() {
        self.check(
            [
                0x02, 0x00, 0x00, 0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01,
                0x80, 0x00, 0x00, 0x00, 0x00, 0x07, 0x00, 0x04,
            ],
            .initiationAck(
                InitAckChunk(
                    initiateTag: .max, advertisedReceiverWindow: 0, outboundStreams: 1,
                    inboundStreams: 1, initialTSN: 0x8000_0000,
                    parameters: [.stateCookie(StateCookieParameter(cookie: []))])))
    }

    @Test func sackLayout() {
        // RFC 9260 §3.3.4: 1 gap block (2..3), 1 duplicate TSN.
        self.check(
            [
                0x03, 0x00, 0x00, 0x18, 0x00, 0x00, 0x00, 0x64, 0x00, 0x00, 0x20, 0x00, 0x00, 0x01, 0x00, 0x01,
                0x00, 0x02, 0x00, 0x03, 0x00, 0x00, 0x00, 0x63,
            ],
            .sack(
                SACKChunk(
                    cumulativeTSNAck: 100, advertisedReceiverWindow: 8192,
                    gapBlocks: [GapAckBlock(start: 2, end: 3)], duplicateTSNs: [99])))
    }

    @Test func nrSackLayout() {
        // draft-natarajan-tsvwg-sctp-nrsack: counts N, M, X then reserved, then gaps, NR gaps, dups.
        self.check(
            [
                0x10, 0x01, 0x00, 0x1C, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00, 0x14, 0x00, 0x01, 0x00, 0x01,
                0x00, 0x00, 0x12, 0x34, 0x00, 0x02, 0x00, 0x02, 0x00, 0x04, 0x00, 0x05,
            ],
            .nrSack(
                NRSACKChunk(
                    flags: .allNonRenegable, cumulativeTSNAck: 10, advertisedReceiverWindow: 20,
                    gapBlocks: [GapAckBlock(start: 2, end: 2)], nrGapBlocks: [GapAckBlock(start: 4, end: 5)],
                    reserved: 0x1234)))
    }

    @Test func heartbeatLayouts() {
        let info: Parameter = .heartbeatInfo(HeartbeatInfoParameter(info: [0xDE, 0xAD]))
        self.check(
            [0x04, 0x00, 0x00, 0x0A, 0x00, 0x01, 0x00, 0x06, 0xDE, 0xAD, 0x00, 0x00],
            .heartbeat(HeartbeatChunk(parameters: [info])))
        self.check(
            [0x05, 0x00, 0x00, 0x0A, 0x00, 0x01, 0x00, 0x06, 0xDE, 0xAD, 0x00, 0x00],
            .heartbeatAck(HeartbeatAckChunk(parameters: [info])))
    }

    @Test func abortAndErrorLayouts() {
        // ABORT with T bit and a No User Data cause (code 9, length 8).
        self.check(
            [0x06, 0x01, 0x00, 0x0C, 0x00, 0x09, 0x00, 0x08, 0x00, 0x00, 0x00, 0x07],
            .abort(AbortChunk(flags: .tBit, causes: [.noUserData(NoUserDataCause(tsn: 7))])))
        self.check([0x06, 0x00, 0x00, 0x04], .abort(AbortChunk()))
        self.check(
            [0x09, 0x00, 0x00, 0x0C, 0x00, 0x01, 0x00, 0x08, 0x00, 0x05, 0x00, 0x00],
            .error(ErrorChunk(causes: [.invalidStreamIdentifier(InvalidStreamIdentifierCause(streamIdentifier: 5))])))
    }

    @Test func fixedLayouts() {
        self.check(
            [0x07, 0x00, 0x00, 0x08, 0x01, 0x02, 0x03, 0x04], .shutdown(ShutdownChunk(cumulativeTSNAck: 0x0102_0304)))
        self.check([0x08, 0x00, 0x00, 0x04], .shutdownAck(ShutdownAckChunk()))
        self.check([0x0B, 0x00, 0x00, 0x04], .cookieAck(CookieAckChunk()))
        self.check([0x0E, 0x01, 0x00, 0x04], .shutdownComplete(ShutdownCompleteChunk(flags: .tBit)))
        self.check([0x0C, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x09], .ecne(ECNEChunk(lowestTSN: 9)))
        self.check(
            [0x0C, 0x00, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x02],
            .ecne(ECNEChunk(lowestTSN: 9, packetCount: 2)))
        self.check([0x0D, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x09], .cwr(CWRChunk(lowestTSN: 9)))
    }

    @Test func opaqueLayouts() {
        self.check([0x0A, 0x00, 0x00, 0x07, 0x01, 0x02, 0x03, 0x00], .cookieEcho(CookieEchoChunk(cookie: [1, 2, 3])))
        self.check([0x84, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00], .pad(PadChunk(padding: [0, 0])))
        // RFC 4895 §4.1: key id 2, HMAC id 1 (SHA-1), HMAC bytes.
        self.check(
            [0x0F, 0x00, 0x00, 0x0A, 0x00, 0x02, 0x00, 0x01, 0xAA, 0xBB, 0x00, 0x00],
            .auth(AuthChunk(sharedKeyID: 2, hmacID: 1, hmac: [0xAA, 0xBB])))
    }

    @Test func iDataLayout() {
        // RFC 8260 §2.1: TSN, SID, reserved, MID, PPID (B set), user data.
        self.check(
            [
                0x40, 0x03, 0x00, 0x15, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,
                0x00, 0x00, 0x00, 0x04, 0xFF, 0x00, 0x00, 0x00,
            ],
            .iData(
                IDataChunk(flags: .completeMessage, tsn: 1, streamID: 2, messageID: 3, ppidOrFSN: 4, userData: [0xFF])))
    }

    @Test func forwardTSNLayouts() {
        // RFC 3758 §3.2: new cumulative TSN, then (stream, ssn) pairs.
        self.check(
            [0xC0, 0x00, 0x00, 0x0C, 0x00, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x06],
            .forwardTSN(ForwardTSNChunk(newCumulativeTSN: 256, streams: [.init(streamID: 5, streamSequence: 6)])))
        // RFC 8260 §2.3.1: new cumulative TSN, then (stream, reserved|U, MID).
        self.check(
            [0xC2, 0x00, 0x00, 0x10, 0x00, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00, 0x07],
            .iForwardTSN(
                IForwardTSNChunk(newCumulativeTSN: 256, streams: [.init(streamID: 5, unordered: true, messageID: 7)])))
    }

    @Test func asconfLayouts() {
        let address: Parameter = .ipv4Address(IPv4AddressParameter(address: IPv4AddressValue(192, 0, 2, 1)))
        // RFC 5061 §4.1.1: serial, address parameter (IPv4, length 8), no further parameters.
        self.check(
            [0xC1, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x01, 0x00, 0x05, 0x00, 0x08, 0xC0, 0x00, 0x02, 0x01],
            .asconf(ASCONFChunk(serialNumber: 1, address: address)))
        // RFC 5061 §4.1.2: serial, Success Indication (0xC005, length 8).
        self.check(
            [0x80, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x01, 0xC0, 0x05, 0x00, 0x08, 0x00, 0x00, 0x00, 0x09],
            .asconfAck(
                ASCONFAckChunk(
                    serialNumber: 1, parameters: [.successIndication(SuccessIndicationParameter(correlationID: 9))])))
    }

    @Test func reConfigLayout() {
        // RFC 6525 §4.3: SSN/TSN Reset Request (type 15, length 8).
        self.check(
            [0x82, 0x00, 0x00, 0x0C, 0x00, 0x0F, 0x00, 0x08, 0x00, 0x00, 0x00, 0x2A],
            .reConfig(
                ReConfigChunk(parameters: [.ssnTSNResetRequest(SSNTSNResetRequestParameter(requestSequenceNumber: 42))])
            ))
    }

    @Test func chunkLengthCountingTheLastParameterPaddingDecodesToTheSameValue() throws {
        // Some stacks count the last parameter's padding in the chunk length (28 instead of 26). The
        // typed value is the same; only the raw view shows the difference.
        let counted: [UInt8] = [
            0x01, 0x00, 0x00, 0x1C, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x10, 0x00, 0x00, 0x0A,
            0x00, 0x0B, 0x00, 0x00, 0x00, 0x05, 0x00, 0x0C, 0x00, 0x06, 0x00, 0x05, 0x00, 0x00,
        ]
        var rfc = counted
        rfc[3] = 0x1A
        #expect(try Chunk(decoding: counted) == Chunk(decoding: rfc))
        #expect(try Chunk(decoding: counted).encoded == rfc)
        #expect(RawChunk(bytes: counted, offset: 0).declaredLength == 28)
    }

    @Test func nonZeroPaddingIsAcceptedAndNotKept() throws {
        let bytes: [UInt8] = [0x0A, 0x00, 0x00, 0x05, 0x01, 0xFF, 0xEE, 0xDD]
        let chunk = try Chunk(decoding: bytes)
        #expect(chunk == .cookieEcho(CookieEchoChunk(cookie: [1])))
        #expect(chunk.encoded == [0x0A, 0x00, 0x00, 0x05, 0x01, 0x00, 0x00, 0x00])
    }
}
