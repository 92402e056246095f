import SCTPWire
import Testing

/// Every error cause, in several variants, through the shared verifier: byte-for-byte round trip,
/// every truncated prefix rejected (or, when only padding is dropped, decoded to the same value),
/// absolute error offsets, and the field-record round trip.
@Suite struct ErrorCauseCodecTests {
    typealias Fixture = TLVCodecFixture<ErrorCause>
    static let ipv4 = ParameterTestSupport.ipv4
    static let ipv6 = ParameterTestSupport.ipv6
    static let hex = ParameterTestSupport.hex
    static let deleteIPv4 = "c002 0010 00000001 0005 0008 c6120001"
    static let reason65531 = [UInt8](repeating: 0x42, count: 65531)

    static let fixtures: [Fixture] = [
        Fixture(
            "invalid-stream-identifier", "0001 0008 0007 0000",
            .invalidStreamIdentifier(InvalidStreamIdentifierCause(streamIdentifier: 7))),
        Fixture(
            "invalid-stream-identifier with reserved bits", "0001 0008 ffff 1234",
            .invalidStreamIdentifier(InvalidStreamIdentifierCause(streamIdentifier: .max, reserved: 0x1234))),
        Fixture(
            "missing-mandatory-parameter none", "0002 0008 00000000",
            .missingMandatoryParameter(MissingMandatoryParameterCause(missingTypes: []))),
        Fixture(
            "missing-mandatory-parameter two", "0002 000c 00000002 0007 0009",
            .missingMandatoryParameter(MissingMandatoryParameterCause(missingTypes: [7, 9]))),
        Fixture(
            "missing-mandatory-parameter with a count that disagrees, padded", "0002 000a 00000005 0007 0000",
            .missingMandatoryParameter(MissingMandatoryParameterCause(missingTypes: [7], declaredCount: 5))),
        Fixture(
            "stale-cookie-error", "0003 0008 000f4240",
            .staleCookieError(StaleCookieErrorCause(stalenessMicroseconds: 1_000_000))),
        Fixture(
            "stale-cookie-error maximum", "0003 0008 ffffffff",
            .staleCookieError(StaleCookieErrorCause(stalenessMicroseconds: .max))),
        Fixture("out-of-resource", "0004 0004", .outOfResource(OutOfResourceCause())),
        Fixture(
            "unresolvable-address ipv4", "0005 000c | 0005 0008 c6120001",
            .unresolvableAddress(UnresolvableAddressCause(reporting: Self.ipv4))),
        Fixture(
            "unresolvable-address host name, inner padding left to the cause",
            "0005 000d | 000b 0009 7065657200 | 000000",
            .unresolvableAddress(
                UnresolvableAddressCause(reporting: .hostNameAddress(HostNameAddressParameter(hostName: "peer"))))),
        Fixture(
            "unresolvable-address host name with its padding inside", "0005 0010 | 000b 0009 7065657200 000000",
            .unresolvableAddress(UnresolvableAddressCause(addressBytes: Self.hex("000b 0009 7065657200 000000")))),
        Fixture(
            "unresolvable-address garbage", "0005 0005 ff 000000",
            .unresolvableAddress(UnresolvableAddressCause(addressBytes: [0xFF]))),
        Fixture(
            "unrecognized-chunk-type", "0006 0008 | e0 00 0004",
            .unrecognizedChunkType(UnrecognizedChunkTypeCause(chunkBytes: [0xE0, 0x00, 0x00, 0x04]))),
        Fixture(
            "unrecognized-chunk-type odd, padded", "0006 0009 | 4f 01 0005 aa | 000000",
            .unrecognizedChunkType(UnrecognizedChunkTypeCause(chunkBytes: [0x4F, 0x01, 0x00, 0x05, 0xAA]))),
        Fixture(
            "unrecognized-chunk-type empty", "0006 0004",
            .unrecognizedChunkType(UnrecognizedChunkTypeCause(chunkBytes: []))),
        Fixture(
            "invalid-mandatory-parameter", "0007 0004", .invalidMandatoryParameter(InvalidMandatoryParameterCause())),
        Fixture(
            "unrecognized-parameters each padded", "0008 0010 | 8123 0005 aa 000000 | c123 0004",
            .unrecognizedParameters(
                UnrecognizedParametersCause(reporting: [
                    .unknown(UnknownParameter(type: 0x8123, value: [0xAA])),
                    .unknown(UnknownParameter(type: 0xC123)),
                ]))),
        Fixture(
            "unrecognized-parameters last unpadded", "0008 0011 | 8123 0005 aa 000000 | c124 0005 bb | 000000",
            .unrecognizedParameters(
                UnrecognizedParametersCause(reportedBytes: Self.hex("8123 0005 aa 000000 c124 0005 bb")))),
        Fixture(
            "unrecognized-parameters garbage", "0008 0007 | 000102 | 00",
            .unrecognizedParameters(UnrecognizedParametersCause(reportedBytes: [0, 1, 2]))),
        Fixture("no-user-data", "0009 0008 00001234", .noUserData(NoUserDataCause(tsn: 0x1234))),
        Fixture(
            "cookie-received-while-shutting-down", "000a 0004",
            .cookieReceivedWhileShuttingDown(CookieReceivedWhileShuttingDownCause())),
        Fixture(
            "restart-with-new-addresses one", "000b 000c | 0005 0008 c6120001",
            .restartWithNewAddresses(RestartWithNewAddressesCause(newAddresses: [Self.ipv4]))),
        Fixture(
            "restart-with-new-addresses two",
            "000b 0020 | 0005 0008 c6120001 | 0006 0014 20010db8 00000000 00000000 00000001",
            .restartWithNewAddresses(RestartWithNewAddressesCause(newAddresses: [Self.ipv4, Self.ipv6]))),
        Fixture(
            "restart-with-new-addresses empty", "000b 0004",
            .restartWithNewAddresses(RestartWithNewAddressesCause(newAddresses: []))),
        Fixture("user-initiated-abort empty", "000c 0004", .userInitiatedAbort(UserInitiatedAbortCause(reason: []))),
        Fixture(
            "user-initiated-abort with a reason, padded", "000c 000b 676f6f64627965 00",
            .userInitiatedAbort(UserInitiatedAbortCause(reason: Array("goodbye".utf8)))),
        Fixture(
            "user-initiated-abort maximum", bytes: [0x00, 0x0C, 0xFF, 0xFF] + Self.reason65531 + [0],
            .userInitiatedAbort(UserInitiatedAbortCause(reason: Self.reason65531))),
        Fixture(
            "protocol-violation, padded", "000d 0005 21 000000",
            .protocolViolation(ProtocolViolationCause(additionalInformation: [0x21]))),
        Fixture(
            "delete-last-remaining-address", "00a0 0014 | " + Self.deleteIPv4,
            .deleteLastRemainingAddress(
                DeleteLastRemainingAddressCause(
                    refusing: .deleteIPAddress(DeleteIPAddressParameter(correlationID: 1, address: Self.ipv4))))),
        Fixture(
            "operation-refused-resource-shortage", "00a1 0014 | c001 0010 00000002 0005 0008 c6120001",
            .operationRefusedResourceShortage(
                OperationRefusedResourceShortageCause(
                    refusing: .addIPAddress(AddIPAddressParameter(correlationID: 2, address: Self.ipv4))))),
        Fixture(
            "delete-source-address", "00a2 0014 | " + Self.deleteIPv4,
            .deleteSourceAddress(DeleteSourceAddressCause(parameterBytes: Self.hex(Self.deleteIPv4)))),
        Fixture("illegal-asconf-ack", "00a3 0004", .illegalASCONFAck(IllegalASCONFAckCause())),
        Fixture(
            "illegal-asconf-ack with bytes, padded", "00a3 0006 abcd 0000",
            .illegalASCONFAck(IllegalASCONFAckCause(information: [0xAB, 0xCD]))),
        Fixture(
            "no-authorization", "00a4 0014 | c004 0010 00000003 0005 0008 c6120001",
            .noAuthorization(
                NoAuthorizationCause(
                    refusing: .setPrimaryAddress(SetPrimaryAddressParameter(correlationID: 3, address: Self.ipv4))))),
        Fixture(
            "no-authorization garbage", "00a4 0006 0102 0000",
            .noAuthorization(NoAuthorizationCause(parameterBytes: [1, 2]))),
        Fixture(
            "unsupported-hmac-identifier, padded", "0105 0006 0002 0000",
            .unsupportedHMACIdentifier(UnsupportedHMACIdentifierCause(hmacIdentifier: 2))),
    ]

    @Test(arguments: Self.fixtures)
    func verifies(_ fixture: Fixture) {
        ParameterTestSupport.causeVerifier.verify(fixture.bytes, expected: fixture.value)
    }

    @Test(arguments: Self.fixtures)
    func encodesTheFixtureFromTheTypedValue(_ fixture: Fixture) {
        #expect(fixture.value.encoded == fixture.bytes)
        #expect(fixture.value.encodedLength == Int(fixture.bytes[2]) << 8 | Int(fixture.bytes[3]))
    }

    @Test func fixturesCoverEveryKnownCode() {
        for schema in ErrorCause.fieldSchemas where schema.kind != UnknownErrorCause.kind {
            #expect(Self.fixtures.contains { $0.value.kind == schema.kind }, "no fixture for \(schema.kind)")
        }
        #expect(ErrorCause.fieldSchemas.count == 20)
    }

    @Test func echoedParametersHaveTypedViews() {
        let refused = Parameter.deleteIPAddress(DeleteIPAddressParameter(correlationID: 1, address: Self.ipv4))
        #expect(DeleteSourceAddressCause(parameterBytes: Self.hex(Self.deleteIPv4)).refusedParameter == refused)
        #expect(DeleteLastRemainingAddressCause(refusing: refused).refusedParameter == refused)
        #expect(NoAuthorizationCause(parameterBytes: [1, 2]).refusedParameter == nil)
        #expect(
            UnresolvableAddressCause(addressBytes: Self.hex("000b 0009 7065657200 000000")).unresolvableAddress
                == .hostNameAddress(HostNameAddressParameter(hostName: "peer")))
        #expect(UnresolvableAddressCause(addressBytes: [0xFF]).unresolvableAddress == nil)
        let reported = UnrecognizedParametersCause(reportedBytes: Self.hex("8123 0005 aa 000000 c124 0005 bb"))
        #expect(
            reported.reportedParameters == [
                .unknown(UnknownParameter(type: 0x8123, value: [0xAA])),
                .unknown(UnknownParameter(type: 0xC124, value: [0xBB])),
            ])
        #expect(UnrecognizedParametersCause(reportedBytes: [0, 1, 2]).reportedParameters == nil)
    }

    @Test func unrecognizedChunkTypeReadsTheChunkHeader() {
        let cause = UnrecognizedChunkTypeCause(chunkBytes: [0x4F, 0x01, 0x00, 0x05, 0xAA])
        #expect(cause.chunkType == 0x4F)
        #expect(cause.chunkFlags == 0x01)
        #expect(cause.chunkLength == 5)
        let short = UnrecognizedChunkTypeCause(chunkBytes: [0x4F])
        #expect(short.chunkType == 0x4F && short.chunkFlags == nil && short.chunkLength == nil)
        #expect(UnrecognizedChunkTypeCause(chunkBytes: []).chunkType == nil)
    }
}
