import SCTPWire
import Testing

/// The byte-level text builder behind `decode`'s lines and JSON: numbers as `String(_:)` and
/// `String(_:radix:)` print them, zero-padded to a width, and JSON escaping the same as for strings.
@Suite struct UTF8TextBufferTests {
    @Test func decimalsAsStringPrintsThem() {
        let values: [UInt64] = [0, 1, 9, 10, 99, 100, 65_535, 4_294_967_295, 1_000_000_000_000, .max]
        for value in values {
            var text = UTF8TextBuffer()
            text.append(decimal: value)
            #expect(text.string == String(value))
            var hex = UTF8TextBuffer()
            hex.append(hex: value)
            #expect(hex.string == String(value, radix: 16))
        }
        var signed = UTF8TextBuffer()
        signed.append(decimal: -42)
        signed.append(ascii: UInt8(ascii: " "))
        signed.append(decimal: Int.min)
        #expect(signed.string == "-42 \(Int.min)")
    }

    @Test func widthsPadWithZerosAndNeverCut() {
        var text = UTF8TextBuffer()
        text.append(decimal: 7, width: 2)
        text.append(":")
        text.append(decimal: 123, width: 2)
        text.append(".")
        text.append(decimal: 466, width: 6)
        text.append(" 0x")
        text.append(hex: 0xAB, width: 8)
        text.append(" ")
        text.append(decimal: 5, width: 30)
        #expect(text.string == "07:123.000466 0x000000ab " + String(repeating: "0", count: 29) + "5")
    }

    @Test func removesTrailingBytesDownToAStart() {
        var text = UTF8TextBuffer()
        text.append("ab  ")
        let start = text.count
        text.append("   ")
        text.removeTrailing(UInt8(ascii: " "), downTo: start)
        #expect(text.string == "ab  ")
        text.removeTrailing(UInt8(ascii: " "), downTo: 0)
        #expect(text.string == "ab")
    }

    @Test func jsonEscapingMatchesTheStringForm() {
        for sample in ["", "plain", "a\"b\\c\nd\re\tf\u{01}g\u{1F}h é 😀", "\n\t\t[gap ack block #1]"] {
            var bytes = UTF8TextBuffer()
            JSONStringLiteral.write(sample, into: &bytes)
            var string = ""
            JSONStringLiteral.write(sample, into: &string)
            #expect(bytes.string == string)
            #expect(bytes.string == JSONStringLiteral.quoted(sample))
        }
    }

    @Test func summariesAppendedMatchTheLines() {
        let packet = SCTPPacket(
            header: CommonHeader(sourcePort: 6_704, destinationPort: 7, verificationTag: 1),
            chunks: [
                .sack(
                    SACKChunk(
                        cumulativeTSNAck: 10, advertisedReceiverWindow: 20, gapBlocks: [.init(start: 2, end: 3)],
                        duplicateTSNs: [9])),
                .data(DataChunk(tsn: 1, streamID: 2, streamSequence: 3, ppid: 0xABCD, userData: [1])),
            ])
        let bytes = packet.encoded()
        var text = UTF8TextBuffer()
        text.append("prefix ")
        bytes.withUnsafeBytes { TcpdumpSummary.append($0, to: &text) }
        #expect(text.string == "prefix " + TcpdumpSummary.line(for: bytes))
        #expect(text.string.contains("[PPID 0xabcd]"))
        #expect(text.string.contains("sctp[ForCES HP] (1) [SACK] [cum ack 10]"))
    }
}
