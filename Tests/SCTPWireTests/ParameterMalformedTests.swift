import SCTPWire
import Testing

/// Bytes that cannot be read as the parameter they claim to be are rejected with a typed error that
/// says where and in which parameter; bytes that merely break protocol rules are not.
@Suite struct ParameterMalformedTests {
    let hex = ParameterTestSupport.hex

    @Test func headerCutShortIsTruncated() {
        let error = ParameterTestSupport.parameterError([0x00, 0x05, 0x00])
        #expect(error?.reason == .truncated(needed: 2, available: 1))
        #expect(error?.offset == 2)
        #expect(error?.context == "ipv4-address parameter")
        #expect(ParameterTestSupport.parameterError([0x00])?.context == "parameter")
        #expect(ParameterTestSupport.parameterError([])?.reason == .truncated(needed: 2, available: 0))
    }

    @Test(arguments: [0, 1, 2, 3])
    func lengthBelowTheHeaderIsTooShort(length: Int) {
        let error = ParameterTestSupport.parameterError([0x00, 0x07, 0x00, UInt8(length), 0, 0, 0, 0])
        #expect(error?.reason == .lengthTooShort(declared: length, minimum: 4))
        #expect(error?.offset == 2)
        #expect(error?.context == "state-cookie parameter")
    }

    @Test func lengthPastTheDataIsRejected() {
        let error = ParameterTestSupport.parameterError(self.hex("0007 0010 aabbccdd"))
        #expect(error?.reason == .lengthBeyondData(declared: 16, available: 8))
        #expect(error?.offset == 2)
    }

    @Test func lengthPastTheReaderRangeIsRejectedEvenWhenTheBufferGoesOn() {
        let buffer = self.hex("0007 0008 aabbccdd")
        var reader = ByteReader(buffer, range: 0..<6, context: "test")
        #expect(
            throws: WireDecodingError(
                offset: 2, context: "state-cookie parameter",
                reason: .lengthBeyondData(declared: 8, available: 6))
        ) {
            try Parameter.decode(from: &reader)
        }
        #expect(reader.offset == 0)
    }

    @Test func fixedLengthTypesRejectShorterLengths() {
        let error = ParameterTestSupport.parameterError(self.hex("0005 0007 c61200 00"))
        #expect(error?.reason == .lengthTooShort(declared: 7, minimum: 8))
        #expect(error?.context == "ipv4-address parameter")
        #expect(
            ParameterTestSupport.parameterError(self.hex("0006 0008 00000000"))?.reason
                == .lengthTooShort(declared: 8, minimum: 20))
        #expect(
            ParameterTestSupport.parameterError(self.hex("0009 0004"))?.reason
                == .lengthTooShort(declared: 4, minimum: 8))
    }

    @Test func fixedLengthTypesRejectLongerLengths() {
        let ipv4 = ParameterTestSupport.parameterError(self.hex("0005 000c c6120001 00000000"))
        #expect(ipv4?.reason == .invalidValue("length 12 is not the fixed length 8"))
        #expect(ipv4?.offset == 2)
        let ecn = ParameterTestSupport.parameterError(self.hex("8000 0005 01 000000"))
        #expect(ecn?.reason == .invalidValue("length 5 is not the fixed length 4"))
        #expect(ecn?.context == "ecn-capable parameter")
    }

    @Test func listsOfTwoByteItemsRejectOddLengths() {
        for bytes in [
            self.hex("000c 0007 000500 00"), self.hex("8004 0005 00 000000"),
            self.hex("000d 0011 00000001 00000002 00000003 00 000000"), self.hex("000e 0009 00000001 00 000000"),
        ] {
            let error = ParameterTestSupport.parameterError(bytes)
            #expect(error?.reason == .lengthNotMultiple(declared: Int(bytes[3]), of: 2), "\(bytes)")
            #expect(error?.offset == 2)
        }
    }

    @Test func variableTypesRejectLengthsBelowTheirFixedPart() {
        #expect(
            ParameterTestSupport.parameterError(self.hex("000d 000c 00000001 00000002"))?.reason
                == .lengthTooShort(declared: 12, minimum: 16))
        #expect(
            ParameterTestSupport.parameterError(self.hex("c001 000a 00000001 0000 0000"))?.reason
                == .lengthTooShort(declared: 10, minimum: 12))
        #expect(
            ParameterTestSupport.parameterError(self.hex("c003 0006 0000 0000"))?.reason
                == .lengthTooShort(declared: 6, minimum: 8))
    }

    @Test func reconfigurationResponseAcceptsOnlyItsTwoLengths() {
        let error = ParameterTestSupport.parameterError(self.hex("0010 0010 00000001 00000000 00000005"))
        #expect(error?.reason == .invalidValue("length 16 is not 12 or 20"))
        #expect(
            ParameterTestSupport.parameterError(self.hex("0010 0008 00000001"))?.reason
                == .lengthTooShort(declared: 8, minimum: 12))
    }

    @Test func nestedAddressErrorsCarryTheNestedContextAndAbsoluteOffset() {
        let error = ParameterTestSupport.parameterError(self.hex("c001 000c 00000001 | 0005 0004"))
        #expect(error?.reason == .lengthTooShort(declared: 4, minimum: 8))
        #expect(error?.offset == 10)
        #expect(error?.context == "ipv4-address parameter")
    }

    @Test func bytesAfterTheNestedAddressAreRejected() {
        let error = ParameterTestSupport.parameterError(self.hex("c001 0014 00000001 | 0005 0008 c6120001 | 00000000"))
        #expect(error?.reason == .invalidValue("4 bytes follow the address parameter"))
        #expect(error?.offset == 16)
        #expect(error?.context == "add-ip-address parameter")
    }

    @Test func nestedCauseErrorsInAnErrorCauseIndicationAreReported() {
        let error = ParameterTestSupport.parameterError(self.hex("c003 000e 00000001 | 0003 0006 0000 0000"))
        #expect(error?.reason == .lengthTooShort(declared: 6, minimum: 8))
        #expect(error?.offset == 10)
        #expect(error?.context == "stale-cookie-error error cause")
    }

    @Test func protocolViolationsAreNotDecodingErrors() throws {
        // A State Cookie of zero bytes, reserved bits set, a Host Name without a terminator, a
        // Supported Address Types listing a non-address type, a nested non-address parameter:
        // all structurally readable, so they decode; rules judge them.
        for bytes in [
            self.hex("0007 0004"), self.hex("0011 000c 00000001 0005 ffff"), self.hex("000b 0005 61 000000"),
            self.hex("000c 0006 0007 0000"), self.hex("c001 000c 00000001 | 8000 0004"),
            self.hex("0007 0005 aa ffffff"),
        ] {
            var reader = ByteReader(bytes, context: "test")
            _ = try Parameter.decode(from: &reader)
            #expect(reader.isAtEnd)
        }
    }

    @Test func aFailedDecodeLeavesTheReaderWhereItWas() {
        var reader = ByteReader(self.hex("0005 0008 c6120001 | 0005 0007 c61200"), context: "test")
        #expect(throws: Never.self) { _ = try Parameter.decode(from: &reader) }
        #expect(reader.offset == 8)
        #expect(throws: WireDecodingError.self) { _ = try Parameter.decode(from: &reader) }
        #expect(reader.offset == 8)
        #expect(reader.context == "test")
    }
}

/// Hostile nesting cannot exhaust the stack: typed nesting stops at a fixed depth with a decoding error,
/// echoed parameters beyond a fixed depth are shown as bytes.
@Suite struct ParameterNestingTests {
    /// `levels` Add IP Address parameters, each holding the next, the innermost holding an IPv4 address.
    static func addIPChain(levels: Int) -> [UInt8] {
        var bytes = ParameterTestSupport.hex("0005 0008 c6120001")
        for level in 0..<levels {
            var writer = ByteWriter()
            writer.writeUInt16(0xC001)
            writer.writeUInt16(UInt16(8 + bytes.count))
            writer.writeUInt32(UInt32(level))
            writer.writeBytes(bytes)
            bytes = writer.bytes
        }
        return bytes
    }

    /// `levels` Unrecognized Parameter parameters, each echoing the next, around an IPv4 address.
    static func echoChain(levels: Int) -> [UInt8] {
        var bytes = ParameterTestSupport.hex("0005 0008 c6120001")
        for _ in 0..<levels {
            bytes =
                [0x00, 0x08] + [
                    UInt8(truncatingIfNeeded: (bytes.count + 4) >> 8), UInt8(truncatingIfNeeded: bytes.count + 4),
                ]
                + bytes
        }
        return bytes
    }

    @Test func sixteenNestedContainersDecode() throws {
        var reader = ByteReader(Self.addIPChain(levels: 16), context: "test")
        _ = try Parameter.decode(from: &reader)
        #expect(reader.isAtEnd)
    }

    @Test func seventeenNestedContainersAreRejected() {
        let bytes = Self.addIPChain(levels: 17)
        let error = ParameterTestSupport.parameterError(bytes)
        #expect(error?.reason == .invalidValue("nested more than 16 TLVs deep"))
        #expect(error?.offset == 16 * 8)
        #expect(error?.context == "add-ip-address parameter")
    }

    @Test func thousandsOfNestedContainersFailWithoutCrashing() {
        let bytes = Self.addIPChain(levels: 8000)
        #expect(bytes.count < 65536)
        #expect(ParameterTestSupport.parameterError(bytes)?.reason == .invalidValue("nested more than 16 TLVs deep"))
    }

    @Test func deepEchoesShowAsRecordsThenBytesAndRoundTrip() throws {
        var reader = ByteReader(Self.echoChain(levels: 12), context: "test")
        let parameter = try Parameter.decode(from: &reader)
        var record = parameter.fieldRecord
        var recordLevels = 0
        while case .record(let inner)? = record["parameter"] {
            recordLevels += 1
            record = inner
        }
        #expect(recordLevels == 8)
        #expect({ if case .bytes? = record["parameter"] { true } else { false } }())
        #expect(try Parameter(fieldRecord: parameter.fieldRecord) == parameter)
    }

    @Test func thousandsOfNestedEchoesDecodeAndPrintWithoutCrashing() throws {
        let bytes = Self.echoChain(levels: 10_000)
        var reader = ByteReader(bytes, context: "test")
        let parameter = try Parameter.decode(from: &reader)
        #expect(try Parameter(fieldRecord: parameter.fieldRecord) == parameter)
        #expect(parameter.encoded == bytes)
    }
}
