import Rules
import SCTPWire
import Testing

/// `packet.parameter-padding-zero` in every chunk the chunk registry gives a TLV list, not only INIT
/// (RFC 9260 §3.2.1; RFC 5061 §4.1.1, §4.1.2 for ASCONF and ASCONF-ACK; RFC 6525 §3.1 for RE-CONFIG):
/// for each, a violation (non-zero padding between two parameters) and its near miss (the same bytes
/// padded with zeros).
@Suite struct TLVListPaddingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var type: ChunkType
        /// The parameter the finding names (`parameter 2 (type 0x8123)`).
        var flagged: String
        /// The chunk value with `padding` between its first parameters.
        var value: @Sendable (_ padding: [UInt8]) -> [UInt8]

        var testDescription: String { self.name }
    }

    /// An IPv4 Address parameter (RFC 9260 §3.3.2.1) for 10.0.0.1.
    static let addressParameter: [UInt8] = [0, 5, 0, 8, 10, 0, 0, 1]
    /// A parameter of an unregistered type (skip, no report) with a 2-byte value: 2 padding bytes follow.
    static let oddParameter: [UInt8] = [0x81, 0x23, 0, 6, 0xAB, 0xCD]
    /// A Success Indication parameter (RFC 5061 §4.2.5), correlation ID 1.
    static let successIndication: [UInt8] = [0xC0, 0x05, 0, 8, 0, 0, 0, 1]

    static let cases: [Case] = [
        Case(name: "ASCONF", type: .asconf, flagged: "parameter 2 (type 0x8123)") { padding in
            [0, 0, 0, 1] + Self.addressParameter + Self.oddParameter + padding + Self.successIndication
        },
        Case(name: "ASCONF-ACK", type: .asconfAck, flagged: "parameter 1 (type 0x8123)") { padding in
            [0, 0, 0, 1] + Self.oddParameter + padding + Self.successIndication
        },
        Case(name: "RE-CONFIG", type: .reConfig, flagged: "parameter 1 (type 0x000d)") { padding in
            // Outgoing SSN Reset Request for one stream (length 18), then Add Outgoing Streams.
            [0, 13, 0, 18, 0, 0, 0, 7, 0, 0, 0, 6, 0, 0, 0x03, 0xE7, 0, 1] + padding
                + [0, 17, 0, 12, 0, 0, 0, 8, 0, 1, 0, 0]
        },
    ]

    /// After the handshake (packets 1 to 4), A sends the chunk as packet 5.
    static func findings(_ testCase: Case, padding: [UInt8]) -> [Finding] {
        var conversation = Conversation()
        conversation.handshake()
        var raw = RawPacket(
            SCTPPacket(
                header: CommonHeader(sourcePort: 5000, destinationPort: 7, verificationTag: conversation.tagB),
                chunks: []))
        raw.appendChunk(type: testCase.type, value: testCase.value(padding))
        raw.fillChecksum()
        conversation.sendBytes(.a, raw.bytes)
        conversation.finish()
        return conversation.findings
    }

    @Test(arguments: Self.cases)
    func nonZeroParameterPaddingIsFlagged(_ testCase: Case) {
        let found = Self.findings(testCase, padding: [0x55, 0x55])
        let flagged = found.filter { $0.ruleID == "packet.parameter-padding-zero" }
        #expect(flagged.count == 1, "\(found.map(\.description))")
        #expect(flagged.first?.packetNumber == 5)
        #expect(flagged.first?.violator == Conversation.endpointA)
        #expect(flagged.first?.message.contains(testCase.flagged) == true, "\(flagged)")
        #expect(!found.contains { $0.ruleID == "packet.chunk-layout" }, "\(found.map(\.description))")
    }

    @Test(arguments: Self.cases)
    func zeroParameterPaddingIsNot(_ testCase: Case) {
        let found = Self.findings(testCase, padding: [0, 0])
        #expect(!found.contains { $0.ruleID == "packet.parameter-padding-zero" }, "\(found.map(\.description))")
        #expect(!found.contains { $0.ruleID == "packet.chunk-layout" }, "\(found.map(\.description))")
    }
}
