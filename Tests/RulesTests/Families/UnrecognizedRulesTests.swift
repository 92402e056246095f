import Rules
import SCTPWire
import Testing

@Suite struct UnrecognizedRulesTests {
    static func unknown(_ type: UInt8) -> Chunk {
        .unknown(UnknownChunk(type: type, value: [0xde, 0xad]))
    }

    static func unrecognizedChunkError(_ type: UInt8) -> Chunk {
        let echoed = UnknownChunk(type: type, value: [0xde, 0xad])
        var writer = ByteWriter()
        echoed.encode(into: &writer)
        let cause = ErrorCause.unrecognizedChunkType(
            UnrecognizedChunkTypeCause(chunkBytes: Array(writer.bytes.prefix(6))))
        return .error(ErrorChunk(causes: [cause]))
    }

    // MARK: Skip (high bits 10, 11): the rest of the packet is processed

    /// The audit's case, live: the DATA behind a 0xbf chunk is never acknowledged; the next SACK is
    /// judged.
    @Test func dataAfterSkipChunkLeftUnacknowledgedIsFlaggedLive() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, [Self.unknown(0xbf), conversation.data(tsn: 1000)])
        let found = conversation.send(.b, conversation.sack(cumulative: 999))
        expectSingle(found, "unrecognized.chunk-skip", by: Conversation.endpointB, packet: 6)
        #expect(found.first?.relatedPackets == [5])
        // Reported once, not again on the next SACK.
        expectClean(conversation.send(.b, conversation.sack(cumulative: 999)))
    }

    /// Offline, a SACK that covers nothing newer may have crossed the DATA in flight: not judged.
    @Test func offlineASACKThatMayHaveCrossedTheDataIsNotJudged() {
        var conversation = Conversation(configuration: .capture)
        conversation.handshake()
        conversation.send(.a, [Self.unknown(0xbf), conversation.data(tsn: 1000)])
        expectClean(conversation.send(.b, conversation.sack(cumulative: 999)))
        conversation.send(.a, conversation.data(tsn: 1001))
        let found = conversation.send(.b, conversation.sack(cumulative: 999, gaps: [GapAckBlock(start: 2, end: 2)]))
        expectSingle(found, "unrecognized.chunk-skip", by: Conversation.endpointB, packet: 8)
    }

    @Test(arguments: [UInt8(0xbf), 0xff])
    func dataAfterSkipChunkAcknowledgedIsFine(_ type: UInt8) {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, [Self.unknown(type), conversation.data(tsn: 1000)])
        if type == 0xff {
            conversation.send(.b, [Self.unrecognizedChunkError(0xff), conversation.sack(cumulative: 1000)])
        } else {
            conversation.send(.b, conversation.sack(cumulative: 1000))
        }
        expectClean(conversation.findings + conversation.finish())
    }

    /// A receiver that advertised a zero window must drop new DATA (RFC 9260 §6.2): not judged.
    @Test func dataAfterSkipChunkIntoAClosedWindowMayBeDropped() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.sendData(.a)
        conversation.send(
            .b, .sack(SACKChunk(cumulativeTSNAck: 1000, advertisedReceiverWindow: 0, gapBlocks: [], duplicateTSNs: [])))
        conversation.send(.a, [Self.unknown(0xbf), conversation.data(tsn: 1001)])
        conversation.send(
            .b, .sack(SACKChunk(cumulativeTSNAck: 1000, advertisedReceiverWindow: 0, gapBlocks: [], duplicateTSNs: [])))
        expectClean(conversation.findings + conversation.finish())
    }

    /// DATA behind a skip chunk that is not the next in sequence may wait or be dropped for
    /// reordering reasons: only in-sequence DATA with nothing outstanding is judged.
    @Test func outOfSequenceDataAfterSkipChunkIsNotJudged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, [Self.unknown(0xbf), conversation.data(tsn: 1001)])
        conversation.send(.a, conversation.data(tsn: 1002))
        conversation.send(.b, conversation.sack(cumulative: 999, gaps: [GapAckBlock(start: 3, end: 3)]))
        #expect(conversation.findings(of: "unrecognized.chunk-skip").isEmpty)
    }

    @Test func stopAndReportChunkDiscardsTheRestOfThePacket() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, [Self.unknown(0x7f), conversation.data(tsn: 1000)])
        // The DATA after a 01 chunk must not be processed, let alone acknowledged.
        let found = conversation.send(.b, conversation.sack(cumulative: 1000))
        expectSingle(found, "unrecognized.chunk-stop", by: Conversation.endpointB)
        // ... and the chunk must be reported.
        expectSingle(conversation.finish(), "unrecognized.chunk-reported", by: Conversation.endpointB, packet: 5)
    }

    @Test func stopAndReportChunkHandledRightIsFine() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, [Self.unknown(0x7f), conversation.data(tsn: 1000)])
        conversation.send(.b, Self.unrecognizedChunkError(0x7f))
        conversation.send(.a, conversation.data(tsn: 1000))
        conversation.send(.b, conversation.sack(cumulative: 1000))
        conversation.finish()
        expectClean(conversation.findings)
    }

    @Test func skipChunkLetsTheRestThroughWithoutReport() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, [Self.unknown(0xbf), conversation.data(tsn: 1000)])
        conversation.send(.b, conversation.sack(cumulative: 1000))
        conversation.finish()
        expectClean(conversation.findings)
    }

    @Test func skipAndReportChunkNeedsAReport() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, [Self.unknown(0xff), conversation.data(tsn: 1000)])
        conversation.send(.b, conversation.sack(cumulative: 1000))
        expectSingle(conversation.finish(), "unrecognized.chunk-reported")
        var reported = Conversation()
        reported.handshake()
        reported.send(.a, [Self.unknown(0xff), reported.data(tsn: 1000)])
        reported.send(.b, [reported.sack(cumulative: 1000), Self.unrecognizedChunkError(0xff)])
        reported.finish()
        expectClean(reported.findings)
    }

    @Test func silentStopChunkNeedsNoReportButStillStops() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, [Self.unknown(0x3f), conversation.data(tsn: 1000)])
        conversation.send(.a, conversation.heartbeat([1]))
        conversation.send(.b, conversation.heartbeatAck([1]))
        conversation.finish()
        expectClean(conversation.findings)
    }

    @Test func reportIsOnlyJudgedOnceTheReceiverSentSomething() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, Self.unknown(0x7f))
        expectClean(conversation.finish())
    }

    static let reportedParameter = Parameter.unknown(UnknownParameter(type: 0x4123, value: [1, 2, 3, 4]))

    @Test func unknownInitParameterMustComeBackInTheInitAck() {
        var conversation = Conversation()
        conversation.send(
            .a, conversation.initChunk(tag: conversation.tagA, tsn: 1000, parameters: [Self.reportedParameter]), tag: 0)
        let found = conversation.send(
            .b, conversation.initAckChunk(tag: conversation.tagB, tsn: 5000, cookie: conversation.cookie))
        expectSingle(found, "unrecognized.init-parameter-reported", by: Conversation.endpointB)
        #expect(found.first?.message.contains("0x4123") == true)
    }

    @Test func unknownInitParameterReportedIsFine() {
        var conversation = Conversation()
        conversation.send(
            .a, conversation.initChunk(tag: conversation.tagA, tsn: 1000, parameters: [Self.reportedParameter]), tag: 0)
        let report = Parameter.unrecognizedParameter(UnrecognizedParameter(reporting: Self.reportedParameter))
        expectClean(
            conversation.send(
                .b,
                conversation.initAckChunk(
                    tag: conversation.tagB, tsn: 5000, cookie: conversation.cookie, parameters: [report])))
    }

    @Test func parametersAfterAStopParameterAreNotReported() {
        var conversation = Conversation()
        let stop = Parameter.unknown(UnknownParameter(type: 0x0123, value: [1]))
        conversation.send(
            .a, conversation.initChunk(tag: conversation.tagA, tsn: 1000, parameters: [stop, Self.reportedParameter]),
            tag: 0)
        expectClean(
            conversation.send(
                .b, conversation.initAckChunk(tag: conversation.tagB, tsn: 5000, cookie: conversation.cookie)))
    }

    @Test func unknownInitAckParameterShouldBeReportedWithTheCookieEcho() {
        let parameter = Parameter.unknown(UnknownParameter(type: 0xc123, value: [9]))
        var conversation = Conversation()
        conversation.send(.a, conversation.initChunk(tag: conversation.tagA, tsn: 1000), tag: 0)
        conversation.send(
            .b,
            conversation.initAckChunk(
                tag: conversation.tagB, tsn: 5000, cookie: conversation.cookie, parameters: [parameter]))
        conversation.send(.a, .cookieEcho(CookieEchoChunk(cookie: conversation.cookie)))
        conversation.send(.b, .cookieAck(CookieAckChunk()))
        expectSingle(
            conversation.finish(), "unrecognized.init-ack-parameter-reported", by: Conversation.endpointA, packet: 3)

        var reported = Conversation()
        reported.send(.a, reported.initChunk(tag: reported.tagA, tsn: 1000), tag: 0)
        reported.send(
            .b, reported.initAckChunk(tag: reported.tagB, tsn: 5000, cookie: reported.cookie, parameters: [parameter]))
        let cause = ErrorCause.unrecognizedParameters(UnrecognizedParametersCause(reportedBytes: parameter.encoded))
        reported.send(.a, [.cookieEcho(CookieEchoChunk(cookie: reported.cookie)), .error(ErrorChunk(causes: [cause]))])
        reported.send(.b, .cookieAck(CookieAckChunk()))
        reported.finish()
        expectClean(reported.findings)
    }
}
