import SCTPWire
import Testing

/// Lists of parameters (the tail of INIT, INIT ACK, HEARTBEAT, ASCONF, RE-CONFIG): the last one may
/// lack its padding, which the enclosing chunk provides and does not count (RFC 9260 §3.2).
@Suite struct ParameterListTests {
    let hex = ParameterTestSupport.hex
    static let cookie = Parameter.stateCookie(StateCookieParameter(cookie: [0xAA, 0xBB, 0xCC]))

    func decodeList(_ bytes: [UInt8]) throws(WireDecodingError) -> [Parameter] {
        var reader = ByteReader(bytes, context: "test")
        let list = try Parameter.decodeList(from: &reader)
        #expect(reader.isAtEnd)
        return list
    }

    @Test func decodesWithAndWithoutFinalPadding() throws {
        let unpadded = self.hex("0005 0008 c6120001 | 0007 0007 aabbcc")
        let padded = unpadded + [0]
        #expect(try self.decodeList(unpadded) == [ParameterTestSupport.ipv4, Self.cookie])
        #expect(try self.decodeList(padded) == [ParameterTestSupport.ipv4, Self.cookie])
    }

    @Test func encodesEveryParameterButTheLastPadded() {
        var writer = ByteWriter()
        Parameter.encodeList([Self.cookie, Self.cookie], into: &writer)
        #expect(writer.bytes == self.hex("0007 0007 aabbcc 00 | 0007 0007 aabbcc"))
        var single = ByteWriter()
        Parameter.encodeList([Self.cookie], into: &single)
        #expect(single.bytes == self.hex("0007 0007 aabbcc"))
    }

    @Test func anEmptyListIsEmpty() throws {
        #expect(try self.decodeList([]) == [])
        var writer = ByteWriter()
        Parameter.encodeList([], into: &writer)
        #expect(writer.bytes.isEmpty)
    }

    @Test func listsRoundTripThroughEncodeList() throws {
        let list = ParameterCodecTests.fixtures.map(\.value)
        var writer = ByteWriter()
        Parameter.encodeList(list, into: &writer)
        #expect(try self.decodeList(writer.bytes) == list)
    }

    @Test func decodingRespectsTheReaderRange() throws {
        let bytes = self.hex("ffff | 0005 0008 c6120001 | 0007 0007 aabbcc 00 | ffffffff")
        var reader = ByteReader(bytes, range: 2..<18, context: "test")
        #expect(try Parameter.decodeList(from: &reader) == [ParameterTestSupport.ipv4, Self.cookie])
        #expect(reader.offset == 18)
    }

    @Test func anErrorInALaterParameterIsReportedAtItsAbsoluteOffset() {
        let bytes = self.hex("ffff | 0005 0008 c6120001 | 0007 0009 aabbcc")
        var reader = ByteReader(bytes, range: 2..<bytes.count, context: "INIT chunk")
        #expect(
            throws: WireDecodingError(
                offset: 12, context: "state-cookie parameter", reason: .lengthBeyondData(declared: 9, available: 7))
        ) {
            try Parameter.decodeList(from: &reader)
        }
        #expect(reader.offset == 2)
    }

    @Test func trailingBytesTooShortForAHeaderAreTruncated() {
        #expect(
            throws: WireDecodingError(
                offset: 10, context: "state-cookie parameter", reason: .truncated(needed: 2, available: 1))
        ) {
            try self.decodeList(self.hex("0005 0008 c6120001 | 0007 00"))
        }
        #expect(
            throws: WireDecodingError(
                offset: 8, context: "parameter", reason: .truncated(needed: 2, available: 1))
        ) {
            try self.decodeList(self.hex("0005 0008 c6120001 | 00"))
        }
    }
}
