import SCTPWire
import Testing

/// Every parameter type, in several variants, through the shared verifier: byte-for-byte round trip,
/// every truncated prefix rejected (or, when only padding is dropped, decoded to the same value),
/// absolute error offsets, and the field-record round trip.
@Suite struct ParameterCodecTests {
    typealias Fixture = TLVCodecFixture<Parameter>
    static let ipv4 = ParameterTestSupport.ipv4
    static let ipv6 = ParameterTestSupport.ipv6
    static let cookie65531 = [UInt8](repeating: 0xAB, count: 65531)

    static let fixtures: [Fixture] = [
        Fixture("heartbeat-info empty", "0001 0004", .heartbeatInfo(HeartbeatInfoParameter(info: []))),
        Fixture(
            "heartbeat-info 5 bytes, padded", "0001 0009 0102030405 000000",
            .heartbeatInfo(HeartbeatInfoParameter(info: [1, 2, 3, 4, 5]))),
        Fixture(
            "heartbeat-info 8 bytes", "0001 000c 0102030405060708",
            .heartbeatInfo(HeartbeatInfoParameter(info: [1, 2, 3, 4, 5, 6, 7, 8]))),
        Fixture("ipv4-address", "0005 0008 c6120001", Self.ipv4),
        Fixture(
            "ipv4-address 255.255.255.255", "0005 0008 ffffffff",
            .ipv4Address(IPv4AddressParameter(address: IPv4AddressValue(rawValue: .max)))),
        Fixture("ipv6-address", "0006 0014 20010db8 00000000 00000000 00000001", Self.ipv6),
        Fixture("state-cookie empty", "0007 0004", .stateCookie(StateCookieParameter(cookie: []))),
        Fixture(
            "state-cookie 3 bytes, padded", "0007 0007 aabbcc 00",
            .stateCookie(StateCookieParameter(cookie: [0xAA, 0xBB, 0xCC]))),
        Fixture(
            "state-cookie maximum length", bytes: [0x00, 0x07, 0xFF, 0xFF] + Self.cookie65531 + [0x00],
            .stateCookie(StateCookieParameter(cookie: Self.cookie65531))),
        Fixture(
            "unrecognized-parameter holding a padded parameter", "0008 000c | 8123 0007 010203 00",
            .unrecognizedParameter(
                UnrecognizedParameter(reportedBytes: ParameterTestSupport.hex("8123 0007 010203 00")))),
        Fixture(
            "unrecognized-parameter holding an unpadded parameter", "0008 000b | 8123 0007 010203 | 00",
            .unrecognizedParameter(UnrecognizedParameter(reportedBytes: ParameterTestSupport.hex("8123 0007 010203")))),
        Fixture(
            "unrecognized-parameter holding garbage", "0008 0006 | ffff | 0000",
            .unrecognizedParameter(UnrecognizedParameter(reportedBytes: [0xFF, 0xFF]))),
        Fixture(
            "unrecognized-parameter holding an ipv4-address", "0008 000c | 0005 0008 c6120001",
            .unrecognizedParameter(UnrecognizedParameter(reporting: Self.ipv4))),
        Fixture(
            "cookie-preservative", "0009 0008 00002710",
            .cookiePreservative(CookiePreservativeParameter(lifeSpanIncrementMilliseconds: 10_000))),
        Fixture(
            "host-name-address, padded", "000b 000e 612e6578616d706c6500 0000",
            .hostNameAddress(HostNameAddressParameter(hostName: "a.example"))),
        Fixture(
            "host-name-address without terminator", "000b 0007 616263 00",
            .hostNameAddress(HostNameAddressParameter(value: [0x61, 0x62, 0x63]))),
        Fixture(
            "host-name-address with two terminators", "000b 0008 61620000",
            .hostNameAddress(HostNameAddressParameter(value: [0x61, 0x62, 0, 0]))),
        Fixture(
            "supported-address-types empty", "000c 0004",
            .supportedAddressTypes(SupportedAddressTypesParameter(addressTypes: []))),
        Fixture(
            "supported-address-types one, padded", "000c 0006 0005 0000",
            .supportedAddressTypes(SupportedAddressTypesParameter(addressTypes: [5]))),
        Fixture(
            "supported-address-types three, padded", "000c 000a 0005 0006 000b 0000",
            .supportedAddressTypes(SupportedAddressTypesParameter(addressTypes: [5, 6, 11]))),
        Fixture(
            "outgoing-ssn-reset-request all streams", "000d 0010 00000001 00000002 00000003",
            .outgoingSSNResetRequest(
                OutgoingSSNResetRequestParameter(
                    requestSequenceNumber: 1, responseSequenceNumber: 2, lastAssignedTSN: 3))),
        Fixture(
            "outgoing-ssn-reset-request one stream, padded", "000d 0012 00000001 00000002 00000003 0007 0000",
            .outgoingSSNResetRequest(
                OutgoingSSNResetRequestParameter(
                    requestSequenceNumber: 1, responseSequenceNumber: 2, lastAssignedTSN: 3, streamIdentifiers: [7]))),
        Fixture(
            "outgoing-ssn-reset-request two streams", "000d 0014 ffffffff 00000000 80000000 0001 ffff",
            .outgoingSSNResetRequest(
                OutgoingSSNResetRequestParameter(
                    requestSequenceNumber: .max, responseSequenceNumber: 0, lastAssignedTSN: 0x8000_0000,
                    streamIdentifiers: [1, .max]))),
        Fixture(
            "incoming-ssn-reset-request all streams", "000e 0008 0000000a",
            .incomingSSNResetRequest(IncomingSSNResetRequestParameter(requestSequenceNumber: 10))),
        Fixture(
            "incoming-ssn-reset-request three streams, padded", "000e 000e 0000000a 0001 0002 0003 0000",
            .incomingSSNResetRequest(
                IncomingSSNResetRequestParameter(requestSequenceNumber: 10, streamIdentifiers: [1, 2, 3]))),
        Fixture(
            "ssn-tsn-reset-request", "000f 0008 12345678",
            .ssnTSNResetRequest(SSNTSNResetRequestParameter(requestSequenceNumber: 0x1234_5678))),
        Fixture(
            "reconfiguration-response short", "0010 000c 00000005 00000001",
            .reconfigurationResponse(
                ReconfigurationResponseParameter(responseSequenceNumber: 5, result: .successPerformed))),
        Fixture(
            "reconfiguration-response with next TSNs", "0010 0014 00000005 00000006 00000100 00000200",
            .reconfigurationResponse(
                ReconfigurationResponseParameter(
                    responseSequenceNumber: 5, result: .inProgress,
                    nextTSNs: .init(sender: 0x100, receiver: 0x200)))),
        Fixture(
            "add-outgoing-streams-request", "0011 000c 00000001 0005 0000",
            .addOutgoingStreamsRequest(AddOutgoingStreamsRequestParameter(requestSequenceNumber: 1, newStreams: 5))),
        Fixture(
            "add-outgoing-streams-request with reserved bits", "0011 000c 00000001 0005 8001",
            .addOutgoingStreamsRequest(
                AddOutgoingStreamsRequestParameter(requestSequenceNumber: 1, newStreams: 5, reserved: 0x8001))),
        Fixture(
            "add-incoming-streams-request", "0012 000c 00000002 ffff 0000",
            .addIncomingStreamsRequest(AddIncomingStreamsRequestParameter(requestSequenceNumber: 2, newStreams: .max))),
        Fixture("ecn-capable", "8000 0004", .ecnCapable(ECNCapableParameter())),
        Fixture(
            "zero-checksum-acceptable", "8001 0008 00000001",
            .zeroChecksumAcceptable(ZeroChecksumAcceptableParameter(errorDetectionMethod: 1))),
        Fixture(
            "random 32 bytes", "8002 0024" + String(repeating: "5a", count: 32),
            .random(RandomParameter(randomNumber: [UInt8](repeating: 0x5A, count: 32)))),
        Fixture("random 1 byte, padded", "8002 0005 01 000000", .random(RandomParameter(randomNumber: [1]))),
        Fixture(
            "chunk-list 2 types, padded", "8003 0006 80c1 0000",
            .chunkList(ChunkListParameter(chunkTypes: [0x80, 0xC1]))),
        Fixture("chunk-list empty", "8003 0004", .chunkList(ChunkListParameter(chunkTypes: []))),
        Fixture(
            "requested-hmac-algorithm", "8004 0008 0003 0001",
            .requestedHMACAlgorithm(RequestedHMACAlgorithmParameter(hmacIdentifiers: [3, 1]))),
        Fixture(
            "requested-hmac-algorithm one, padded", "8004 0006 0001 0000",
            .requestedHMACAlgorithm(RequestedHMACAlgorithmParameter(hmacIdentifiers: [1]))),
        Fixture("padding empty", "8005 0004", .padding(PaddingParameter(paddingData: []))),
        Fixture(
            "padding 5 bytes, padded", "8005 0009 ffffffffff 000000",
            .padding(PaddingParameter(paddingData: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF]))),
        Fixture(
            "supported-extensions, padded", "8008 0007 80c1c0 00",
            .supportedExtensions(SupportedExtensionsParameter(chunkTypes: [0x80, 0xC1, 0xC0]))),
        Fixture("forward-tsn-supported", "c000 0004", .forwardTSNSupported(ForwardTSNSupportedParameter())),
        Fixture(
            "add-ip-address ipv4", "c001 0010 00000001 | 0005 0008 c6120001",
            .addIPAddress(AddIPAddressParameter(correlationID: 1, address: Self.ipv4))),
        Fixture(
            "delete-ip-address ipv6", "c002 001c 00000002 | 0006 0014 20010db8 00000000 00000000 00000001",
            .deleteIPAddress(DeleteIPAddressParameter(correlationID: 2, address: Self.ipv6))),
        Fixture(
            "set-primary-address with a nested odd-length parameter", "c004 000f 00000003 | 000b 0007 616200 | 00",
            .setPrimaryAddress(
                SetPrimaryAddressParameter(
                    correlationID: 3, address: .hostNameAddress(HostNameAddressParameter(hostName: "ab"))))),
        Fixture(
            "error-cause-indication one cause", "c003 0010 00000004 | 0003 0008 000003e8",
            .errorCauseIndication(
                ErrorCauseIndicationParameter(
                    correlationID: 4,
                    causes: [.staleCookieError(StaleCookieErrorCause(stalenessMicroseconds: 1000))]))),
        Fixture(
            "error-cause-indication two causes, the last unpadded",
            "c003 0013 00000004 | 0004 0004 | 000d 0007 616263 | 00",
            .errorCauseIndication(
                ErrorCauseIndicationParameter(
                    correlationID: 4,
                    causes: [
                        .outOfResource(OutOfResourceCause()),
                        .protocolViolation(ProtocolViolationCause(additionalInformation: [0x61, 0x62, 0x63])),
                    ]))),
        Fixture(
            "error-cause-indication no causes", "c003 0008 00000004",
            .errorCauseIndication(ErrorCauseIndicationParameter(correlationID: 4, causes: []))),
        Fixture(
            "success-indication", "c005 0008 00000009",
            .successIndication(SuccessIndicationParameter(correlationID: 9))),
        Fixture(
            "adaptation-layer-indication", "c006 0008 00000abc",
            .adaptationLayerIndication(AdaptationLayerIndicationParameter(adaptationCodePoint: 0xABC))),
    ]

    @Test(arguments: Self.fixtures)
    func verifies(_ fixture: Fixture) {
        ParameterTestSupport.parameterVerifier.verify(fixture.bytes, expected: fixture.value)
    }

    @Test(arguments: Self.fixtures)
    func encodesTheFixtureFromTheTypedValue(_ fixture: Fixture) {
        #expect(fixture.value.encoded == fixture.bytes)
        #expect(fixture.value.encodedLength == Int(fixture.bytes[2]) << 8 | Int(fixture.bytes[3]))
    }

    /// Every typed parameter type appears in the fixtures, so none goes untested.
    @Test func fixturesCoverEveryKnownType() {
        let covered = Set(Self.fixtures.map { $0.value.type })
        for schema in Parameter.fieldSchemas where schema.kind != UnknownParameter.kind {
            let type = Self.fixtures.first { $0.value.kind == schema.kind }?.value.type
            #expect(type.map { covered.contains($0) } == true, "no fixture for \(schema.kind)")
        }
        #expect(Parameter.fieldSchemas.count == 29)
    }

    @Test func decodingStopsAfterPaddingAndLeavesTheRest() throws {
        var reader = ByteReader(ParameterTestSupport.hex("0007 0005 aa 000000 | 0005"), context: "test")
        let parameter = try Parameter.decode(from: &reader)
        #expect(parameter == .stateCookie(StateCookieParameter(cookie: [0xAA])))
        #expect(reader.offset == 8)
    }

    @Test func nestedErrorCauseIndicationCausesKeepTheirTypedValues() throws {
        let bytes = ParameterTestSupport.hex("c003 0010 00000004 | 0001 0008 0007 0000")
        var reader = ByteReader(bytes, context: "test")
        guard case .errorCauseIndication(let indication) = try Parameter.decode(from: &reader) else {
            Issue.record("not an error-cause-indication")
            return
        }
        #expect(indication.causes == [.invalidStreamIdentifier(InvalidStreamIdentifierCause(streamIdentifier: 7))])
    }
}
