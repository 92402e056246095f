import SCTPWire
import Testing

/// Bytes that cannot be read as the cause they claim to be are rejected with a typed, located error;
/// lists of causes tolerate a missing final padding (RFC 9260 §3.2, §3.3.10).
@Suite struct ErrorCauseMalformedTests {
    let hex = ParameterTestSupport.hex

    @Test func headerAndLengthErrors() {
        #expect(
            ParameterTestSupport.causeError([0x00])
                == WireDecodingError(offset: 0, context: "error cause", reason: .truncated(needed: 2, available: 1)))
        #expect(
            ParameterTestSupport.causeError(self.hex("0003 0002"))
                == WireDecodingError(
                    offset: 2, context: "stale-cookie-error error cause",
                    reason: .lengthTooShort(declared: 2, minimum: 4)))
        #expect(
            ParameterTestSupport.causeError(self.hex("000c 0009 6162"))?.reason
                == .lengthBeyondData(declared: 9, available: 6))
    }

    @Test func fixedLengthCausesRejectOtherLengths() {
        #expect(
            ParameterTestSupport.causeError(self.hex("0003 0006 0000 0000"))?.reason
                == .lengthTooShort(declared: 6, minimum: 8))
        #expect(
            ParameterTestSupport.causeError(self.hex("0001 000c 0001 0000 00000000"))?.reason
                == .invalidValue("length 12 is not the fixed length 8"))
        #expect(
            ParameterTestSupport.causeError(self.hex("0004 0008 00000000"))?.reason
                == .invalidValue("length 8 is not the fixed length 4"))
        #expect(
            ParameterTestSupport.causeError(self.hex("0105 0008 0001 0002"))?.reason
                == .invalidValue("length 8 is not the fixed length 6"))
    }

    @Test func missingMandatoryParameterNeedsWholeTypes() {
        let error = ParameterTestSupport.causeError(self.hex("0002 0009 00000001 00 000000"))
        #expect(error?.reason == .lengthNotMultiple(declared: 9, of: 2))
        #expect(error?.context == "missing-mandatory-parameter error cause")
        #expect(
            ParameterTestSupport.causeError(self.hex("0002 0006 0000 0000"))?.reason
                == .lengthTooShort(declared: 6, minimum: 8))
    }

    @Test func restartAddressesMustBeWholeParameters() {
        let error = ParameterTestSupport.causeError(self.hex("000b 0006 0005 0000"))
        #expect(
            error
                == WireDecodingError(
                    offset: 6, context: "ipv4-address parameter", reason: .truncated(needed: 2, available: 0)))
        let nested = ParameterTestSupport.causeError(self.hex("000b 000c 0005 0008 c61200"))
        #expect(nested?.reason == .lengthBeyondData(declared: 12, available: 11))
    }

    @Test func listsDecodeWithAndWithoutFinalPadding() throws {
        let unpadded = self.hex("0003 0008 00000001 | 000d 0005 21")
        let expected: [ErrorCause] = [
            .staleCookieError(StaleCookieErrorCause(stalenessMicroseconds: 1)),
            .protocolViolation(ProtocolViolationCause(additionalInformation: [0x21])),
        ]
        for bytes in [unpadded, unpadded + [0, 0, 0]] {
            var reader = ByteReader(bytes, context: "ABORT chunk")
            #expect(try ErrorCause.decodeList(from: &reader) == expected)
            #expect(reader.isAtEnd)
        }
        var writer = ByteWriter()
        ErrorCause.encodeList(expected.reversed(), into: &writer)
        #expect(writer.bytes == self.hex("000d 0005 21 000000 | 0003 0008 00000001"))
        var empty = ByteReader([], context: "ABORT chunk")
        #expect(try ErrorCause.decodeList(from: &empty) == [])
    }

    @Test func listErrorsAreLocatedAbsolutely() {
        let bytes = self.hex("ffffffff | 0004 0004 | 0003 0009 00000001 00")
        var reader = ByteReader(bytes, range: 4..<bytes.count, context: "ERROR chunk")
        #expect(
            throws: WireDecodingError(
                offset: 10, context: "stale-cookie-error error cause",
                reason: .invalidValue("length 9 is not the fixed length 8"))
        ) {
            try ErrorCause.decodeList(from: &reader)
        }
        #expect(reader.offset == 4)
    }

    @Test func unknownCodesRoundTripWithAnyValueLength() {
        for code: UInt16 in [0x000E, 0x00B0, 0x1234, 0xFFFF] {
            for valueLength in [0, 1, 2, 3, 4, 5] {
                let value = (0..<valueLength).map { UInt8(truncatingIfNeeded: 0x30 + $0) }
                var writer = ByteWriter()
                writer.writeUInt16(code)
                writer.writeUInt16(UInt16(4 + valueLength))
                writer.writeBytes(value)
                writer.padToFourBytes()
                let decoded = ParameterTestSupport.causeVerifier.verify(
                    writer.bytes, expected: .unknown(UnknownErrorCause(code: code, value: value)))
                #expect(decoded?.code == code)
                #expect(decoded?.kind == "unknown-error-cause")
            }
        }
        #expect(ErrorCause.unknown(UnknownErrorCause(code: 0xB0)).name == "Unknown error cause 0x00b0")
    }

    @Test func anUnknownCauseMayCarryAKnownCodeToSendMalformedBytes() {
        let malformed = ErrorCause.unknown(UnknownErrorCause(code: 3, value: [1, 2, 3]))
        #expect(malformed.encoded == self.hex("0003 0007 010203 00"))
        #expect(ParameterTestSupport.causeError(malformed.encoded)?.reason == .lengthTooShort(declared: 7, minimum: 8))
    }
}
