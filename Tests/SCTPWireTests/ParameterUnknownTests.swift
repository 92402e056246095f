import SCTPWire
import Testing

/// Parameter types without a typed representation survive decode and encode byte for byte, and their
/// two high bits tell what a receiver must do with them (RFC 9260 §3.2.1).
@Suite struct ParameterUnknownTests {
    static let actionCases: [(UInt16, UnrecognizedParameterAction)] = [
        (0x0003, .stop), (0x3FFF, .stop), (0x4003, .stopAndReport), (0x7ABC, .stopAndReport),
        (0x8123, .skip), (0xBFFF, .skip), (0xC123, .skipAndReport), (0xFFFF, .skipAndReport),
    ]

    @Test(arguments: Self.actionCases)
    func actionBitsAreExposed(type: UInt16, action: UnrecognizedParameterAction) {
        #expect(UnknownParameter(type: type).action == action)
        #expect(ParameterType(type).action == action)
        #expect(UnrecognizedParameterAction(parameterType: type) == action)
        #expect(action.typeBits == type & 0xC000)
        #expect(action.continuesProcessing == (type & 0x8000 != 0))
        #expect(action.reportsToSender == (type & 0x4000 != 0))
    }

    @Test(arguments: Self.actionCases)
    func unknownTypesRoundTripWithEveryActionAndValueLength(type: UInt16, action: UnrecognizedParameterAction) {
        for valueLength in [0, 1, 2, 3, 4, 7] {
            let value = (0..<valueLength).map { UInt8(truncatingIfNeeded: 0xF0 + $0) }
            var writer = ByteWriter()
            writer.writeUInt16(type)
            writer.writeUInt16(UInt16(4 + valueLength))
            writer.writeBytes(value)
            writer.padToFourBytes()
            let decoded = ParameterTestSupport.parameterVerifier.verify(
                writer.bytes, expected: .unknown(UnknownParameter(type: type, value: value)))
            #expect(decoded?.type == type)
            #expect(decoded?.kind == "unknown-parameter")
            let digits = String(type, radix: 16)
            let hex = "0x" + String(repeating: "0", count: 4 - digits.count) + digits
            #expect(decoded?.name == "Unknown parameter " + hex)
        }
    }

    @Test func unknownTypesKeepNonZeroPaddingOutOfTheirValue() throws {
        var reader = ByteReader(ParameterTestSupport.hex("8123 0005 aa bbccdd"), context: "test")
        let parameter = try Parameter.decode(from: &reader)
        #expect(parameter == .unknown(UnknownParameter(type: 0x8123, value: [0xAA])))
        #expect(reader.isAtEnd)
    }

    @Test func anUnknownParameterMayCarryAKnownTypeToSendMalformedBytes() {
        let malformed = Parameter.unknown(UnknownParameter(type: 5, value: [1, 2, 3]))
        #expect(malformed.encoded == ParameterTestSupport.hex("0005 0007 010203 00"))
        #expect(malformed.kind == "unknown-parameter")
        #expect(
            ParameterTestSupport.parameterError(malformed.encoded)?.reason
                == .lengthTooShort(declared: 7, minimum: 8))
        #expect(throws: Never.self) { try Parameter(fieldRecord: malformed.fieldRecord) == malformed }
    }

    @Test func knownTypesNeverDecodeAsUnknown() {
        for fixture in ParameterCodecTests.fixtures {
            #expect(fixture.value.parameterType.isKnown, "\(fixture.name)")
            if case .unknown = fixture.value {
                Issue.record("\(fixture.name) is unknown")
            }
        }
        #expect(!ParameterType(0).isKnown)
        #expect(!ParameterType(0x8123).isKnown)
    }
}
