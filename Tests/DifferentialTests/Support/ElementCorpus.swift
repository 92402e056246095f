import SCTPWire

/// One packet per parameter type and per error cause code (every one the codec knows, RFC 9260 and
/// its extensions, plus an unregistered one of each), each inside a chunk that may carry it, with
/// what tshark must report for it field by field. The values are written out by hand from the
/// RFCs' layouts, not computed by our encoder.
///
/// `ElementCorpus.strictFields` are the element-level fields tshark has (type, length, the two
/// action bits, value, padding and every type-specific field): in these packets each of them must
/// be exactly as listed, and empty where a case lists nothing, so an element tshark reads
/// differently (or sees where we meant none) fails. tshark 4.0 has no fields of its own for two
/// parameters, Zero Checksum Acceptable (RFC 9653, newer than its dissector) and Padding
/// (RFC 4820): for those it shows the generic `sctp.parameter_value`, which is compared instead.
///
/// The padding of the last parameter or cause of a chunk is the chunk's padding: the chunk length
/// counts the padding of every parameter but the last (RFC 9260 §3.2), so tshark reports it as
/// `sctp.chunk_padding`; padding inside a TLV (an echoed parameter) stays `sctp.parameter_padding`.
enum ElementCorpus {
    typealias F = TsharkFormat

    /// Element-level tshark fields that are compared in every packet of this corpus.
    static let strictFields: [String] = {
        var fields: Set<String> = [
            "sctp.parameter_type", "sctp.parameter_length", "sctp.parameter_bit_1", "sctp.parameter_bit_2",
            "sctp.parameter_value", "sctp.parameter_padding", "sctp.cause_code", "sctp.cause_length",
            "sctp.cause_information", "sctp.cause_padding", "sctp.chunk_value", "sctp.chunk_padding",
        ]
        for testCase in Self.cases {
            fields.formUnion(testCase.tshark.keys.filter { Self.isElementField($0) })
        }
        return fields.sorted()
    }()

    /// Fields of parameters and causes (not of the chunks that carry them).
    static func isElementField(_ field: String) -> Bool {
        let chunkLevel = [
            "sctp.chunk_type", "sctp.chunk_flags", "sctp.chunk_length", "sctp.asconf_seq_nr_number",
            "sctp.asconf_ack_seq_nr_number",
        ]
        return field.hasPrefix("sctp.") && !chunkLevel.contains(field) && !field.hasPrefix("sctp.init")
    }

    /// Type/code, length, action bits and padding of the TLVs tshark lists in a packet, in its order:
    /// (type or code, declared length, whether it is a parameter).
    static func framing(_ elements: [(code: UInt16, length: Int, parameter: Bool)]) -> [String: String] {
        let parameters = elements.filter(\.parameter)
        let causes = elements.filter { !$0.parameter }
        var fields: [String: String] = [:]
        if !parameters.isEmpty {
            fields["sctp.parameter_type"] = F.list(parameters.map(\.code), F.hex16)
            fields["sctp.parameter_length"] = F.list(parameters.map(\.length)) { String($0) }
            // RFC 9260 §3.2.1: the two high bits of the type say what a receiver that does not know it does.
            fields["sctp.parameter_bit_1"] = F.list(parameters.map(\.code)) { String($0 >> 15) }
            fields["sctp.parameter_bit_2"] = F.list(parameters.map(\.code)) { String($0 >> 14 & 1) }
        }
        if !causes.isEmpty {
            fields["sctp.cause_code"] = F.list(causes.map(\.code), F.hex16)
            fields["sctp.cause_length"] = F.list(causes.map(\.length)) { String($0) }
        }
        return fields
    }

    static func padding(_ count: Int) -> String {
        F.bytes([UInt8](repeating: 0, count: count))
    }

    static func packet(_ tag: UInt32, _ chunk: Chunk) -> SCTPPacket {
        SCTPPacket(header: CommonHeader(sourcePort: 5_001, destinationPort: 9, verificationTag: tag), chunks: [chunk])
    }

    static func initChunk(_ parameters: [Parameter]) -> Chunk {
        .initiation(
            InitChunk(
                initiateTag: 0x0101_0101, advertisedReceiverWindow: 4_096, outboundStreams: 2, inboundStreams: 2,
                initialTSN: 1, parameters: parameters))
    }

    static func initAckChunk(_ parameters: [Parameter]) -> Chunk {
        .initiationAck(
            InitAckChunk(
                initiateTag: 0x0202_0202, advertisedReceiverWindow: 4_096, outboundStreams: 2, inboundStreams: 2,
                initialTSN: 1, parameters: parameters))
    }

    static let asconfAddress = IPv4AddressValue(192, 0, 2, 10)

    /// An ASCONF with its mandatory Address Parameter (RFC 5061 §4.1.1, 192.0.2.10) and `parameter`.
    static func asconfChunk(_ parameter: Parameter) -> Chunk {
        .asconf(
            ASCONFChunk(
                serialNumber: 6, address: .ipv4Address(IPv4AddressParameter(address: Self.asconfAddress)),
                parameters: [parameter]))
    }

    /// A parameter case: `elements` lists every TLV tshark sees, `fields` the specific values.
    static func parameterCase(
        _ name: String, _ chunk: Chunk, _ elements: [(code: UInt16, length: Int, parameter: Bool)],
        _ fields: [String: String] = [:]
    ) -> DifferentialCase {
        var tshark = Self.framing(elements)
        tshark.merge(fields) { _, specific in specific }
        return DifferentialCase(
            name: "parameter: " + name, packet: Self.packet(0x0E1E_0001, chunk), tshark: tshark, scapy: nil)
    }

    /// A cause case: the cause alone in an ERROR chunk.
    static func causeCase(
        _ name: String, _ cause: ErrorCause, _ elements: [(code: UInt16, length: Int, parameter: Bool)],
        _ fields: [String: String] = [:]
    ) -> DifferentialCase {
        var tshark = Self.framing(elements)
        tshark.merge(fields) { _, specific in specific }
        return DifferentialCase(
            name: "cause: " + name, packet: Self.packet(0x0E1E_0002, .error(ErrorChunk(causes: [cause]))),
            tshark: tshark, scapy: nil)
    }

    static let ipv4 = IPv4AddressValue(192, 0, 2, 11)
    static let ipv4Parameter = Parameter.ipv4Address(IPv4AddressParameter(address: Self.ipv4))
    static let cookie: [UInt8] = (0..<13).map { UInt8(0x30 + $0) }
    static let random: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    static let heartbeatInfo: [UInt8] = (0..<10).map { UInt8(0xE0 + $0) }

    static var cases: [DifferentialCase] {
        Self.parameterCases + Self.causeCases
    }

    // MARK: Parameters

    static var parameterCases: [DifferentialCase] {
        var cases: [DifferentialCase] = []
        // RFC 9260 §3.2.1 / §3.3.2 / §3.3.3 / §3.3.5.
        cases.append(
            Self.parameterCase(
                "Heartbeat Info",
                .heartbeat(HeartbeatChunk(parameters: [.heartbeatInfo(.init(info: Self.heartbeatInfo))])),
                [(1, 14, true)],
                [
                    "sctp.parameter_heartbeat_information": F.bytes(Self.heartbeatInfo),
                    "sctp.chunk_padding": Self.padding(2),
                ]))
        cases.append(
            Self.parameterCase(
                "IPv4 Address", Self.initChunk([Self.ipv4Parameter]), [(5, 8, true)],
                ["sctp.parameter_ipv4_address": "192.0.2.11"]))
        cases.append(
            Self.parameterCase(
                "IPv6 Address",
                Self.initChunk([
                    .ipv6Address(IPv6AddressParameter(address: IPv6AddressValue(high: 0x2001_0DB8_0001_0002, low: 3)))
                ]),
                [(6, 20, true)], ["sctp.parameter_ipv6_address": "2001:db8:1:2::3"]))
        cases.append(
            Self.parameterCase(
                "State Cookie", Self.initAckChunk([.stateCookie(StateCookieParameter(cookie: Self.cookie))]),
                [(7, 17, true)],
                ["sctp.parameter_state_cookie": F.bytes(Self.cookie), "sctp.chunk_padding": Self.padding(3)]))
        // The reported parameter is copied with its padding: 7 bytes + 1, so the outer length is 12.
        cases.append(
            Self.parameterCase(
                "Unrecognized Parameter",
                Self.initAckChunk([
                    .unrecognizedParameter(
                        UnrecognizedParameter(reporting: .unknown(UnknownParameter(type: 0x8123, value: [9, 8, 7]))))
                ]),
                [(8, 12, true), (0x8123, 7, true)],
                ["sctp.parameter_value": "090807", "sctp.parameter_padding": Self.padding(1)]))
        cases.append(
            Self.parameterCase(
                "Cookie Preservative",
                Self.initChunk([.cookiePreservative(CookiePreservativeParameter(lifeSpanIncrementMilliseconds: 70_000))]
                ),
                [(9, 8, true)], ["sctp.parameter_cookie_preservative_incr": "70000"]))
        // "sctp.example" and one NUL: 13 bytes of value.
        cases.append(
            Self.parameterCase(
                "Host Name Address",
                Self.initChunk([.hostNameAddress(HostNameAddressParameter(hostName: "sctp.example"))]),
                [(11, 17, true)], ["sctp.parameter_hostname": "sctp.example", "sctp.chunk_padding": Self.padding(3)]))
        cases.append(
            Self.parameterCase(
                "Supported Address Types",
                Self.initChunk([.supportedAddressTypes(SupportedAddressTypesParameter(addressTypes: [5, 6, 11]))]),
                [(12, 10, true)],
                ["sctp.parameter_supported_address_type": "5,6,11", "sctp.chunk_padding": Self.padding(2)]))
        // RFC 6525 §4.1 to §4.6, in RE-CONFIG chunks.
        cases.append(
            Self.parameterCase(
                "Outgoing SSN Reset Request",
                .reConfig(
                    ReConfigChunk(parameters: [
                        .outgoingSSNResetRequest(
                            OutgoingSSNResetRequestParameter(
                                requestSequenceNumber: 21, responseSequenceNumber: 22, lastAssignedTSN: 23,
                                streamIdentifiers: [1, 2, 3]))
                    ])),
                [(13, 22, true)],
                [
                    "sctp.parameter_reconfig_request_sequence_number": "21",
                    "sctp.parameter_reconfig_response_sequence_number": "22",
                    "sctp.parameter_senders_last_assigned_tsn": "23", "sctp.parameter_reconfig_sid": "1,2,3",
                    "sctp.chunk_padding": Self.padding(2),
                ]))
        cases.append(
            Self.parameterCase(
                "Incoming SSN Reset Request",
                .reConfig(
                    ReConfigChunk(parameters: [
                        .incomingSSNResetRequest(
                            IncomingSSNResetRequestParameter(requestSequenceNumber: 31, streamIdentifiers: [7, 8, 9]))
                    ])),
                [(14, 14, true)],
                [
                    "sctp.parameter_reconfig_request_sequence_number": "31", "sctp.parameter_reconfig_sid": "7,8,9",
                    "sctp.chunk_padding": Self.padding(2),
                ]))
        cases.append(
            Self.parameterCase(
                "SSN/TSN Reset Request",
                .reConfig(
                    ReConfigChunk(parameters: [
                        .ssnTSNResetRequest(SSNTSNResetRequestParameter(requestSequenceNumber: 41))
                    ])),
                [(15, 8, true)], ["sctp.parameter_reconfig_request_sequence_number": "41"]))
        cases.append(
            Self.parameterCase(
                "Re-configuration Response",
                .reConfig(
                    ReConfigChunk(parameters: [
                        .reconfigurationResponse(
                            ReconfigurationResponseParameter(
                                responseSequenceNumber: 51, result: ReconfigurationResult(rawValue: 2)))
                    ])),
                [(16, 12, true)],
                [
                    "sctp.parameter_reconfig_response_sequence_number": "51",
                    "sctp.parameter_reconfig_response_result": "2",
                ]))
        cases.append(
            Self.parameterCase(
                "Re-configuration Response with next TSNs",
                .reConfig(
                    ReConfigChunk(parameters: [
                        .reconfigurationResponse(
                            ReconfigurationResponseParameter(
                                responseSequenceNumber: 52, result: ReconfigurationResult(rawValue: 1),
                                nextTSNs: .init(sender: 1_000_001, receiver: 2_000_002)))
                    ])),
                [(16, 20, true)],
                [
                    "sctp.parameter_reconfig_response_sequence_number": "52",
                    "sctp.parameter_reconfig_response_result": "1", "sctp.parameter_senders_next_tsn": "1000001",
                    "sctp.parameter_receivers_next_tsn": "2000002",
                ]))
        cases.append(
            Self.parameterCase(
                "Add Outgoing Streams Request",
                .reConfig(
                    ReConfigChunk(parameters: [
                        .addOutgoingStreamsRequest(
                            AddOutgoingStreamsRequestParameter(requestSequenceNumber: 61, newStreams: 300))
                    ])),
                [(17, 12, true)],
                [
                    "sctp.parameter_reconfig_request_sequence_number": "61",
                    "sctp.parameter_add_outgoing_streams_number": "300",
                    "sctp.parameter_add_outgoing_streams_reserved": "0",
                ]))
        cases.append(
            Self.parameterCase(
                "Add Incoming Streams Request",
                .reConfig(
                    ReConfigChunk(parameters: [
                        .addIncomingStreamsRequest(
                            AddIncomingStreamsRequestParameter(requestSequenceNumber: 71, newStreams: 400, reserved: 5))
                    ])),
                [(18, 12, true)],
                [
                    "sctp.parameter_reconfig_request_sequence_number": "71",
                    "sctp.parameter_add_incoming_streams_number": "400",
                    "sctp.parameter_add_incoming_streams_reserved": "5",
                ]))
        cases.append(
            Self.parameterCase("ECN Capable", Self.initChunk([.ecnCapable(ECNCapableParameter())]), [(0x8000, 4, true)])
        )
        // RFC 9653 §3: tshark 4.0 predates it and shows the value (the error detection method) as bytes.
        cases.append(
            Self.parameterCase(
                "Zero Checksum Acceptable",
                Self.initChunk([.zeroChecksumAcceptable(ZeroChecksumAcceptableParameter(errorDetectionMethod: 1))]),
                [(0x8001, 8, true)], ["sctp.parameter_value": "00000001"]))
        // RFC 4895 §3.1 to §3.3.
        cases.append(
            Self.parameterCase(
                "Random", Self.initChunk([.random(RandomParameter(randomNumber: Self.random))]), [(0x8002, 36, true)],
                ["sctp.random_number": F.bytes(Self.random)]))
        cases.append(
            Self.parameterCase(
                "Chunk List", Self.initChunk([.chunkList(ChunkListParameter(chunkTypes: [0x00, 0xC1, 0x80]))]),
                [(0x8003, 7, true)], ["sctp.chunk_type_to_auth": "0,193,128", "sctp.chunk_padding": Self.padding(1)]))
        cases.append(
            Self.parameterCase(
                "Requested HMAC Algorithm",
                Self.initChunk([.requestedHMACAlgorithm(RequestedHMACAlgorithmParameter(hmacIdentifiers: [3, 1, 2]))]),
                [(0x8004, 10, true)], ["sctp.hmac_id": "3,1,2", "sctp.chunk_padding": Self.padding(2)]))
        // RFC 4820 §3: tshark 4.0 has no field for the padding parameter's data, only the value.
        cases.append(
            Self.parameterCase(
                "Padding",
                Self.initChunk([.padding(PaddingParameter(paddingData: [UInt8](repeating: 0x5A, count: 6)))]),
                [(0x8005, 10, true)], ["sctp.parameter_value": "5a5a5a5a5a5a", "sctp.chunk_padding": Self.padding(2)]))
        // RFC 5061 §4.2.7.
        cases.append(
            Self.parameterCase(
                "Supported Extensions",
                Self.initChunk([.supportedExtensions(SupportedExtensionsParameter(chunkTypes: [0x82, 0xC0, 0x40]))]),
                [(0x8008, 7, true)], ["sctp.supported_chunk_type": "130,192,64", "sctp.chunk_padding": Self.padding(1)])
        )
        // RFC 3758 §3.1.
        cases.append(
            Self.parameterCase(
                "Forward-TSN-Supported", Self.initChunk([.forwardTSNSupported(ForwardTSNSupportedParameter())]),
                [(0xC000, 4, true)]))
        // RFC 5061 §4.2.1 to §4.2.6, after the ASCONF's own Address Parameter.
        for (name, code, correlation, parameter) in [
            (
                "Add IP Address", UInt16(0xC001), UInt32(0x11),
                Parameter.addIPAddress(AddIPAddressParameter(correlationID: 0x11, address: Self.ipv4Parameter))
            ),
            (
                "Delete IP Address", 0xC002, 0x12,
                .deleteIPAddress(DeleteIPAddressParameter(correlationID: 0x12, address: Self.ipv4Parameter))
            ),
            (
                "Set Primary Address", 0xC004, 0x13,
                .setPrimaryAddress(SetPrimaryAddressParameter(correlationID: 0x13, address: Self.ipv4Parameter))
            ),
        ] {
            cases.append(
                Self.parameterCase(
                    name, Self.asconfChunk(parameter), [(5, 8, true), (code, 16, true), (5, 8, true)],
                    [
                        "sctp.asconf_seq_nr_number": F.hex32(6), "sctp.correlation_id": F.hex32(correlation),
                        "sctp.parameter_ipv4_address": "192.0.2.10,192.0.2.11",
                    ]))
        }
        cases.append(
            Self.parameterCase(
                "Error Cause Indication",
                .asconfAck(
                    ASCONFAckChunk(
                        serialNumber: 7,
                        parameters: [
                            .errorCauseIndication(
                                ErrorCauseIndicationParameter(
                                    correlationID: 0x21,
                                    causes: [
                                        .invalidStreamIdentifier(InvalidStreamIdentifierCause(streamIdentifier: 17)),
                                        .illegalASCONFAck(IllegalASCONFAckCause(information: [])),
                                    ]))
                        ])),
                [(0xC003, 20, true), (1, 8, false), (0xA3, 4, false)],
                [
                    "sctp.asconf_ack_seq_nr_number": F.hex32(7), "sctp.correlation_id": F.hex32(0x21),
                    "sctp.cause_stream_identifier": "17", "sctp.cause_reserved": "0",
                ]))
        cases.append(
            Self.parameterCase(
                "Success Indication",
                .asconfAck(
                    ASCONFAckChunk(
                        serialNumber: 8,
                        parameters: [.successIndication(SuccessIndicationParameter(correlationID: 0x31))])),
                [(0xC005, 8, true)],
                ["sctp.asconf_ack_seq_nr_number": F.hex32(8), "sctp.correlation_id": F.hex32(0x31)]))
        // RFC 5061 §4.2.8.
        cases.append(
            Self.parameterCase(
                "Adaptation Layer Indication",
                Self.initChunk([
                    .adaptationLayerIndication(AdaptationLayerIndicationParameter(adaptationCodePoint: 0xCAFE_F00D))
                ]),
                [(0xC006, 8, true)], ["sctp.adaptation_layer_indication": F.hex32(0xCAFE_F00D)]))
        cases.append(
            Self.parameterCase(
                "unregistered type 0x4444",
                Self.initChunk([.unknown(UnknownParameter(type: 0x4444, value: [1, 2, 3, 4, 5]))]),
                [(0x4444, 9, true)], ["sctp.parameter_value": "0102030405", "sctp.chunk_padding": Self.padding(3)]))
        return cases
    }

    // MARK: Error causes

    static var causeCases: [DifferentialCase] {
        var cases: [DifferentialCase] = []
        // RFC 9260 §3.3.10.1 to §3.3.10.13.
        cases.append(
            Self.causeCase(
                "Invalid Stream Identifier",
                .invalidStreamIdentifier(InvalidStreamIdentifierCause(streamIdentifier: 300)),
                [(1, 8, false)], ["sctp.cause_stream_identifier": "300", "sctp.cause_reserved": "0"]))
        cases.append(
            Self.causeCase(
                "Missing Mandatory Parameter",
                .missingMandatoryParameter(MissingMandatoryParameterCause(missingTypes: [7, 9, 11])), [(2, 14, false)],
                [
                    "sctp.cause_nr_of_missing_parameters": "3",
                    "sctp.cause_missing_parameter_type": F.list([7, 9, 11], F.hex16),
                    "sctp.chunk_padding": Self.padding(2),
                ]))
        cases.append(
            Self.causeCase(
                "Stale Cookie Error", .staleCookieError(StaleCookieErrorCause(stalenessMicroseconds: 123_456)),
                [(3, 8, false)], ["sctp.cause_measure_of_staleness": "123456"]))
        cases.append(Self.causeCase("Out of Resource", .outOfResource(OutOfResourceCause()), [(4, 4, false)]))
        // The address parameter is echoed without its padding; the cause's padding follows (RFC 9260 §3.2).
        cases.append(
            Self.causeCase(
                "Unresolvable Address",
                .unresolvableAddress(
                    UnresolvableAddressCause(reporting: .hostNameAddress(HostNameAddressParameter(hostName: "host")))),
                [(5, 13, false), (11, 9, true)],
                ["sctp.parameter_hostname": "host", "sctp.chunk_padding": Self.padding(3)]))
        // The whole unrecognized chunk, type 0x55 flags 0x01 length 7, with its padding.
        cases.append(
            Self.causeCase(
                "Unrecognized Chunk Type",
                .unrecognizedChunkType(UnrecognizedChunkTypeCause(chunkBytes: [0x55, 0x01, 0x00, 0x07, 1, 2, 3, 0])),
                [(6, 12, false)],
                [
                    "sctp.chunk_type": "9,85", "sctp.chunk_flags": "0x00,0x01", "sctp.chunk_length": "16,7",
                    "sctp.chunk_value": "010203", "sctp.chunk_padding": Self.padding(1),
                ]))
        cases.append(
            Self.causeCase(
                "Invalid Mandatory Parameter", .invalidMandatoryParameter(InvalidMandatoryParameterCause()),
                [(7, 4, false)]))
        // The unrecognized parameters are copied with their padding (RFC 9260 §3.3.10.8).
        cases.append(
            Self.causeCase(
                "Unrecognized Parameters",
                .unrecognizedParameters(
                    UnrecognizedParametersCause(reporting: [
                        .unknown(UnknownParameter(type: 0x8123, value: [1, 2, 3])), .ecnCapable(ECNCapableParameter()),
                    ])),
                [(8, 16, false), (0x8123, 7, true), (0x8000, 4, true)],
                ["sctp.parameter_value": "010203", "sctp.parameter_padding": Self.padding(1)]))
        cases.append(
            Self.causeCase(
                "No User Data", .noUserData(NoUserDataCause(tsn: 4_000_000_001)), [(9, 8, false)],
                ["sctp.cause_tsn": "4000000001"]))
        cases.append(
            Self.causeCase(
                "Cookie Received While Shutting Down",
                .cookieReceivedWhileShuttingDown(CookieReceivedWhileShuttingDownCause()), [(10, 4, false)]))
        cases.append(
            Self.causeCase(
                "Restart of an Association with New Addresses",
                .restartWithNewAddresses(
                    RestartWithNewAddressesCause(newAddresses: [
                        Self.ipv4Parameter,
                        .ipv6Address(
                            IPv6AddressParameter(address: IPv6AddressValue(high: 0x2001_0DB8_0000_0000, low: 9))),
                    ])),
                [(11, 32, false), (5, 8, true), (6, 20, true)],
                ["sctp.parameter_ipv4_address": "192.0.2.11", "sctp.parameter_ipv6_address": "2001:db8::9"]))
        cases.append(
            Self.causeCase(
                "User-Initiated Abort", .userInitiatedAbort(UserInitiatedAbortCause(reason: Array("stop".utf8))),
                [(12, 8, false)], ["sctp.cause_information": F.bytes(Array("stop".utf8))]))
        cases.append(
            Self.causeCase(
                "Protocol Violation",
                .protocolViolation(ProtocolViolationCause(additionalInformation: Array("bad tsn".utf8))),
                [(13, 11, false)],
                ["sctp.cause_information": F.bytes(Array("bad tsn".utf8)), "sctp.chunk_padding": Self.padding(1)]))
        // RFC 5061 §5.1: each echoes the ASCONF parameter that was refused, without padding.
        let refused = Parameter.addIPAddress(AddIPAddressParameter(correlationID: 0x41, address: Self.ipv4Parameter))
        for (name, code, cause) in [
            (
                "Delete Last Remaining IP Address", UInt16(0xA0),
                ErrorCause.deleteLastRemainingAddress(DeleteLastRemainingAddressCause(refusing: refused))
            ),
            (
                "Operation Refused Due to Resource Shortage", 0xA1,
                .operationRefusedResourceShortage(OperationRefusedResourceShortageCause(refusing: refused))
            ),
            ("Delete Source IP Address", 0xA2, .deleteSourceAddress(DeleteSourceAddressCause(refusing: refused))),
            ("Request Refused - No Authorization", 0xA4, .noAuthorization(NoAuthorizationCause(refusing: refused))),
        ] {
            cases.append(
                Self.causeCase(
                    name, cause, [(code, 20, false), (0xC001, 16, true), (5, 8, true)],
                    ["sctp.correlation_id": F.hex32(0x41), "sctp.parameter_ipv4_address": "192.0.2.11"]))
        }
        cases.append(
            Self.causeCase(
                "Illegal ASCONF-ACK", .illegalASCONFAck(IllegalASCONFAckCause(information: [5, 6])), [(0xA3, 6, false)],
                ["sctp.cause_information": "0506", "sctp.chunk_padding": Self.padding(2)]))
        // RFC 4895 §4.1: the HMAC identifier, then two bytes of padding.
        cases.append(
            Self.causeCase(
                "Unsupported HMAC Identifier",
                .unsupportedHMACIdentifier(UnsupportedHMACIdentifierCause(hmacIdentifier: 2)),
                [(0x105, 6, false)], ["sctp.hmac_id": "2", "sctp.chunk_padding": Self.padding(2)]))
        cases.append(
            Self.causeCase(
                "unregistered code 0x7777", .unknown(UnknownErrorCause(code: 0x7777, value: [1, 2, 3])),
                [(0x7777, 7, false)],
                ["sctp.cause_information": "010203", "sctp.chunk_padding": Self.padding(1)]))
        return cases
    }
}
