import Rules
import SCTPWire
import Testing

@Suite struct PacketFormatRulesTests {
    /// A clean SACK from B after the handshake, as raw bytes to damage.
    static func sackBytes(_ conversation: Conversation) -> RawPacket {
        RawPacket(
            SCTPPacket(
                header: CommonHeader(sourcePort: 7, destinationPort: 5000, verificationTag: conversation.tagA),
                chunks: [conversation.sack(cumulative: conversation.initialTSNA &- 1)]))
    }

    @Test func shortPacketBreaksFraming() {
        var conversation = Conversation()
        let found = conversation.sendBytes(.a, [0x13, 0x88, 0x00, 0x07, 0x00])
        expectSingle(found, "packet.framing", by: Conversation.endpointA, packet: 1)
        #expect(found.first?.associationID == nil)
    }

    @Test func lyingChunkLengthBreaksFraming() {
        var conversation = Conversation()
        conversation.handshake()
        var raw = Self.sackBytes(conversation)
        raw.setChunkLength(200, ofChunkAt: 12)
        raw.fillChecksum()
        let found = conversation.sendBytes(.b, raw.bytes)
        expectSingle(found, "packet.framing", by: Conversation.endpointB)
        #expect(found.first?.message.contains("declares length 200") == true)
    }

    @Test func chunkLengthBelowHeaderBreaksFraming() {
        var conversation = Conversation()
        conversation.handshake()
        var raw = Self.sackBytes(conversation)
        raw.setChunkLength(2, ofChunkAt: 12)
        raw.fillChecksum()
        let found = conversation.sendBytes(.b, raw.bytes)
        #expect(found.map(\.ruleID) == ["packet.framing"])
    }

    @Test func nonZeroPaddingIsFlaggedAndZeroPaddingIsNot() {
        var conversation = Conversation()
        conversation.handshake()
        var raw = RawPacket(
            SCTPPacket(
                header: CommonHeader(sourcePort: 5000, destinationPort: 7, verificationTag: conversation.tagB),
                chunks: []))
        let value: [UInt8] = [0, 0, 0x03, 0xe8, 0, 0, 0, 0, 0, 0, 0, 0x33, 0x61]  // TSN 1000, 1 byte of data
        raw.appendChunk(type: .data, flags: 0x03, value: value, padding: [0, 0x55, 0])
        raw.fillChecksum()
        let found = conversation.sendBytes(.a, raw.bytes)
        expectSingle(found, "packet.padding-zero", by: Conversation.endpointA)

        var clean = Conversation()
        clean.handshake()
        var good = raw
        good.bytes = Array(raw.bytes.dropLast(3)) + [0, 0, 0]
        good.fillChecksum()
        expectClean(clean.sendBytes(.a, good.bytes))
    }

    /// An ERROR from B whose first cause, User-Initiated Abort with 1 byte of reason (length 5), is
    /// followed by `padding`, then an Invalid Stream Identifier cause.
    static func errorBytes(_ conversation: Conversation, padding: [UInt8]) -> [UInt8] {
        var raw = RawPacket(
            SCTPPacket(
                header: CommonHeader(sourcePort: 7, destinationPort: 5000, verificationTag: conversation.tagA),
                chunks: []))
        raw.appendChunk(type: .error, value: [0, 12, 0, 5, 0x21] + padding + [0, 1, 0, 8, 0, 3, 0, 0])
        raw.fillChecksum()
        return raw.bytes
    }

    @Test func nonZeroErrorCausePaddingIsFlaggedAndZeroIsNot() {
        var conversation = Conversation()
        conversation.handshake()
        let found = conversation.sendBytes(.b, Self.errorBytes(conversation, padding: [0, 0x55, 0]))
        expectSingle(found, "packet.parameter-padding-zero", by: Conversation.endpointB, packet: 5)
        #expect(found.first?.message.contains("error cause 1 (type 0x000c) of chunk 1 (ERROR) is padded with") == true)
        expectClean(conversation.sendBytes(.b, Self.errorBytes(conversation, padding: [0, 0, 0])))
    }

    /// The last parameter's padding lies past the chunk's length, where it is the chunk's padding
    /// (RFC 9260 §3.2): non-zero bytes there are `packet.padding-zero`, and reported once.
    @Test func lastParameterPaddingOutsideTheChunkIsChunkPadding() {
        var conversation = Conversation()
        conversation.handshake()
        var raw = RawPacket(
            SCTPPacket(
                header: CommonHeader(sourcePort: 5000, destinationPort: 7, verificationTag: conversation.tagB),
                chunks: []))
        raw.appendChunk(type: .heartbeat, value: [0, 1, 0, 5, 0x42], padding: [0x55, 0, 0])
        raw.fillChecksum()
        let found = conversation.sendBytes(.a, raw.bytes)
        expectSingle(found, "packet.padding-zero", by: Conversation.endpointA)
    }

    @Test func missingPaddingOnTheLastChunkIsFlagged() {
        var conversation = Conversation()
        conversation.handshake()
        var raw = RawPacket(
            SCTPPacket(
                header: CommonHeader(sourcePort: 5000, destinationPort: 7, verificationTag: conversation.tagB),
                chunks: []))
        let value: [UInt8] = [0, 0, 0x03, 0xe8, 0, 0, 0, 0, 0, 0, 0, 0x33, 0x61]
        raw.appendChunk(type: .data, flags: 0x03, value: value, padding: [])
        raw.fillChecksum()
        let found = conversation.sendBytes(.a, raw.bytes)
        expectSingle(found, "packet.padding-length", by: Conversation.endpointA)
        #expect(found.first?.message.contains("0 of its 3 padding bytes") == true)
    }

    @Test func extraZeroBytesAfterPaddingAreTooMuchPadding() {
        var conversation = Conversation()
        conversation.handshake()
        var raw = Self.sackBytes(conversation)
        raw.bytes += [0, 0, 0, 0]
        raw.fillChecksum()
        let found = conversation.sendBytes(.b, raw.bytes)
        expectSingle(found, "packet.padding-length")
        #expect(found.first?.message.contains("4 more zero bytes") == true)
    }

    @Test func undecodableChunkBreaksLayout() {
        var conversation = Conversation()
        conversation.handshake()
        var raw = RawPacket(
            SCTPPacket(
                header: CommonHeader(sourcePort: 7, destinationPort: 5000, verificationTag: conversation.tagA),
                chunks: []))
        // SACK announcing one gap block but carrying none.
        raw.appendChunk(type: .sack, value: [0, 0, 0x13, 0x87, 0, 1, 0, 0, 0, 1, 0, 0])
        raw.fillChecksum()
        let found = conversation.sendBytes(.b, raw.bytes)
        expectSingle(found, "packet.chunk-layout", by: Conversation.endpointB)
    }

    @Test func packetWithoutChunksIsSuspicious() {
        var conversation = Conversation()
        conversation.handshake()
        var raw = RawPacket(
            SCTPPacket(
                header: CommonHeader(sourcePort: 5000, destinationPort: 7, verificationTag: conversation.tagB),
                chunks: []))
        raw.fillChecksum()
        expectSingle(conversation.sendBytes(.a, raw.bytes), "packet.has-chunks")
    }

    @Test func wrongChecksumIsFlaggedAndItsDataMustNotBeAcknowledged() {
        var conversation = Conversation()
        conversation.handshake()
        let bad = conversation.send(.a, conversation.data(tsn: 1000), checksum: .value(0xdead_beef))
        expectSingle(bad, "packet.checksum", by: Conversation.endpointA)
        // B acknowledges TSN 1000 although it only came in the damaged packet.
        let ack = conversation.send(.b, conversation.sack(cumulative: 1000))
        expectSingle(ack, "packet.checksum-discard", by: Conversation.endpointB)
    }

    @Test func retransmissionAfterBadChecksumMayBeAcknowledged() {
        var conversation = Conversation()
        conversation.handshake()
        conversation.send(.a, conversation.data(tsn: 1000), checksum: .value(0xdead_beef))
        expectClean(conversation.send(.a, conversation.data(tsn: 1000)))
        expectClean(conversation.send(.b, conversation.sack(cumulative: 1000)))
        #expect(conversation.findings.map(\.ruleID) == ["packet.checksum"])
    }

    @Test func zeroChecksumOnlyAfterZeroChecksumAcceptable() {
        var conversation = Conversation()
        conversation.handshake()
        let found = conversation.send(.a, conversation.data(tsn: 1000), checksum: .zero)
        expectSingle(found, "packet.zero-checksum", by: Conversation.endpointA)
        // B did not accept zero checksums, so it must discard the DATA.
        expectSingle(conversation.send(.b, conversation.sack(cumulative: 1000)), "packet.checksum-discard")
    }

    @Test func zeroChecksumAllowedOnceThePeerAnnouncedIt() {
        var conversation = Conversation()
        let acceptable = Parameter.zeroChecksumAcceptable(ZeroChecksumAcceptableParameter(errorDetectionMethod: 1))
        conversation.send(
            .a, conversation.initChunk(tag: conversation.tagA, tsn: 1000, parameters: [acceptable]), tag: 0)
        conversation.send(
            .b,
            conversation.initAckChunk(
                tag: conversation.tagB, tsn: 5000, cookie: conversation.cookie, parameters: [acceptable]))
        conversation.send(.a, .cookieEcho(CookieEchoChunk(cookie: conversation.cookie)), checksum: .zero)
        conversation.send(.b, .cookieAck(CookieAckChunk()), checksum: .zero)
        conversation.send(.a, conversation.data(tsn: 1000), checksum: .zero)
        conversation.send(.b, conversation.sack(cumulative: 1000), checksum: .zero)
        expectClean(conversation.findings)
        // Never on an INIT, even to a peer that accepts zero checksums.
        let found = conversation.send(.a, conversation.initChunk(tag: 0x3333_3333, tsn: 9), tag: 0, checksum: .zero)
        #expect(found.map(\.ruleID).contains("packet.zero-checksum"))
    }
}
