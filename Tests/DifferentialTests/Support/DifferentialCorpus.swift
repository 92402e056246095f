import SCTPWire

/// One packet of the differential corpus and what the independent decoders must read in it.
struct DifferentialCase {
    var name: String
    var packet: SCTPPacket
    /// tshark fields beyond the common ones (ports, tag, chunk types/flags/lengths, checksum
    /// status), with `-E occurrence=a -E aggregator=,` formatting.
    var tshark: [String: String]
    /// Per chunk, scapy field values (as the scapy script prints them); nil when scapy does not
    /// know a chunk of the packet (NR-SACK, ECNE, CWR, unknown types).
    var scapy: [[String: String]]?
}

/// Formatting the way tshark prints fields.
enum TsharkFormat {
    static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
    }
    static func hex8(_ value: UInt8) -> String { Self.hex(UInt64(value), digits: 2) }
    static func hex16(_ value: UInt16) -> String { Self.hex(UInt64(value), digits: 4) }
    static func hex32(_ value: UInt32) -> String { Self.hex(UInt64(value), digits: 8) }
    static func bytes(_ value: [UInt8]) -> String {
        value.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
    static func list<T>(_ values: [T], _ format: (T) -> String) -> String { values.map(format).joined(separator: ",") }
}

/// One packet per chunk type (all of RFC 9260 and its extensions, plus an unregistered type), with
/// parameters and error causes inside, and a bundle. Values are chosen so that no field is zero
/// by accident.
enum DifferentialCorpus {
    typealias F = TsharkFormat

    static let cookie: [UInt8] = (0..<40).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    static let heartbeatInfo: [UInt8] = (0..<20).map { UInt8(truncatingIfNeeded: 200 &- $0) }
    static let random: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) }
    static let hmac: [UInt8] = (0..<20).map { UInt8(truncatingIfNeeded: $0 &+ 0xA0) }
    static let userData = Array("hello, sctp".utf8)

    static func packet(_ tag: UInt32, _ chunks: [Chunk], ports: (UInt16, UInt16) = (5_000, 7)) -> SCTPPacket {
        SCTPPacket(
            header: CommonHeader(sourcePort: ports.0, destinationPort: ports.1, verificationTag: tag), chunks: chunks)
    }

    static var cases: [DifferentialCase] {
        var cases: [DifferentialCase] = []

        cases.append(
            DifferentialCase(
                name: "DATA",
                packet: Self.packet(
                    0x0102_0304,
                    [
                        .data(
                            DataChunk(
                                flags: [.unordered, .beginning, .ending], tsn: 0xDEAD_BEEF, streamID: 7,
                                streamSequence: 42, ppid: 51,
                                userData: Self.userData))
                    ]),
                tshark: [
                    "sctp.data_tsn_raw": "3735928559", "sctp.data_sid": F.hex16(7), "sctp.data_ssn": "42",
                    "sctp.data_payload_proto_id": "51",
                ],
                scapy: [
                    [
                        "type": "0", "unordered": "1", "beginning": "1", "ending": "1", "len": "27",
                        "tsn": "3735928559",
                        "stream_id": "7", "stream_seq": "42", "proto_id": "51", "data": F.bytes(Self.userData),
                    ]
                ]))

        cases.append(
            DifferentialCase(
                name: "INIT with parameters",
                packet: Self.packet(
                    0,
                    [
                        .initiation(
                            InitChunk(
                                initiateTag: 0x3C15_F115, advertisedReceiverWindow: 106_496, outboundStreams: 10,
                                inboundStreams: 65_535,
                                initialTSN: 2_431_437_204,
                                parameters: [
                                    .ipv4Address(IPv4AddressParameter(address: IPv4AddressValue(192, 0, 2, 1))),
                                    .ipv6Address(
                                        IPv6AddressParameter(
                                            address: IPv6AddressValue(high: 0x2001_0DB8_0000_0000, low: 1))),
                                    .cookiePreservative(
                                        CookiePreservativeParameter(lifeSpanIncrementMilliseconds: 5_000)),
                                    .supportedAddressTypes(SupportedAddressTypesParameter(addressTypes: [5, 6])),
                                    .ecnCapable(ECNCapableParameter()),
                                    .forwardTSNSupported(ForwardTSNSupportedParameter()),
                                    .supportedExtensions(SupportedExtensionsParameter(chunkTypes: [0x82, 0xC1, 0x0F])),
                                    .random(RandomParameter(randomNumber: Self.random)),
                                    .requestedHMACAlgorithm(RequestedHMACAlgorithmParameter(hmacIdentifiers: [1, 3])),
                                    .chunkList(ChunkListParameter(chunkTypes: [0xC1, 0x80])),
                                    .adaptationLayerIndication(
                                        AdaptationLayerIndicationParameter(adaptationCodePoint: 0x1234_5678)),
                                ]))
                    ]),
                tshark: [
                    "sctp.init_initiate_tag": F.hex32(0x3C15_F115), "sctp.init_credit": "106496",
                    "sctp.init_nr_out_streams": "10", "sctp.init_nr_in_streams": "65535",
                    "sctp.init_initial_tsn": "2431437204",
                    "sctp.parameter_type": F.list(
                        [5, 6, 9, 12, 0x8000, 0xC000, 0x8008, 0x8002, 0x8004, 0x8003, 0xC006], F.hex16),
                    "sctp.parameter_ipv4_address": "192.0.2.1", "sctp.parameter_ipv6_address": "2001:db8::1",
                    "sctp.parameter_cookie_preservative_incr": "5000", "sctp.parameter_supported_address_type": "5,6",
                    "sctp.random_number": F.bytes(Self.random), "sctp.hmac_id": "1,3",
                    "sctp.adaptation_layer_indication": F.hex32(0x1234_5678),
                ],
                scapy: [
                    [
                        "type": "1", "init_tag": "1008070933", "a_rwnd": "106496", "n_out_streams": "10",
                        "n_in_streams": "65535", "init_tsn": "2431437204", "len": "140",
                        "params.types": "5,6,9,12,32768,49152,32776,32770,32772,32771,49158",
                        "params.0.addr": "192.0.2.1", "params.1.addr": "2001:db8::1", "params.2.sug_cookie_inc": "5000",
                        "params.3.addr_type_list": "5,6", "params.6.supported_extensions": "130,193,15",
                        "params.7.random": F.bytes(Self.random), "params.8.HMAC_functions_list": "1,3",
                        "params.9.chunk_list": "193,128", "params.10.indication": "305419896",
                    ]
                ]))

        cases.append(
            DifferentialCase(
                name: "INIT ACK with cookie and an unrecognized parameter",
                packet: Self.packet(
                    0x3C15_F115,
                    [
                        .initiationAck(
                            InitAckChunk(
                                initiateTag: 0x4D45_14CE, advertisedReceiverWindow: 65_000, outboundStreams: 5,
                                inboundStreams: 6,
                                initialTSN: 2_317_599_708,
                                parameters: [
                                    .stateCookie(StateCookieParameter(cookie: Self.cookie)),
                                    .unrecognizedParameter(
                                        UnrecognizedParameter(
                                            reporting: .unknown(UnknownParameter(type: 0x8123, value: [9, 8, 7])))),
                                    .ecnCapable(ECNCapableParameter()),
                                ]))
                    ]),
                tshark: [
                    "sctp.initack_initiate_tag": F.hex32(0x4D45_14CE), "sctp.initack_credit": "65000",
                    "sctp.initack_nr_out_streams": "5", "sctp.initack_nr_in_streams": "6",
                    "sctp.initack_initial_tsn": "2317599708", "sctp.parameter_state_cookie": F.bytes(Self.cookie),
                ],
                scapy: [
                    [
                        "type": "2", "init_tag": "1296372942", "a_rwnd": "65000", "n_out_streams": "5",
                        "n_in_streams": "6",
                        "init_tsn": "2317599708", "params.types": "7,8,32768", "params.0.cookie": F.bytes(Self.cookie),
                    ]
                ]))

        cases.append(
            DifferentialCase(
                name: "SACK with gaps and duplicates",
                packet: Self.packet(
                    0x1111_2222,
                    [
                        .sack(
                            SACKChunk(
                                cumulativeTSNAck: 100, advertisedReceiverWindow: 65_535,
                                gapBlocks: [GapAckBlock(start: 2, end: 3), GapAckBlock(start: 5, end: 5)],
                                duplicateTSNs: [98, 99]))
                    ]),
                tshark: [
                    "sctp.sack_cumulative_tsn_ack_raw": "100", "sctp.sack_a_rwnd": "65535",
                    "sctp.sack_number_of_gap_blocks": "2", "sctp.sack_number_of_duplicated_tsns": "2",
                    "sctp.sack_gap_block_start": "2,5", "sctp.sack_gap_block_end": "3,5",
                    "sctp.sack_duplicate_tsn": "98,99",
                ],
                scapy: [
                    [
                        "type": "3", "len": "32", "cumul_tsn_ack": "100", "a_rwnd": "65535", "n_gap_ack": "2",
                        "n_dup_tsn": "2",
                        "gap_ack_list": "2:3,5:5", "dup_tsn_list": "98,99",
                    ]
                ]))

        for (name, type, chunk) in [
            (
                "HEARTBEAT", 4,
                Chunk.heartbeat(
                    HeartbeatChunk(parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: Self.heartbeatInfo))]))
            ),
            (
                "HEARTBEAT ACK", 5,
                Chunk.heartbeatAck(
                    HeartbeatAckChunk(parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: Self.heartbeatInfo))]))
            ),
        ] {
            cases.append(
                DifferentialCase(
                    name: name, packet: Self.packet(0x0A0B_0C0D, [chunk]),
                    tshark: ["sctp.parameter_heartbeat_information": F.bytes(Self.heartbeatInfo)],
                    scapy: [
                        [
                            "type": String(type), "len": "28", "params.types": "1",
                            "params.0.data": F.bytes(Self.heartbeatInfo),
                        ]
                    ]))
        }

        cases.append(
            DifferentialCase(
                name: "ABORT with T bit and causes",
                packet: Self.packet(
                    0x0000_0042,
                    [
                        .abort(
                            AbortChunk(
                                flags: [.tBit],
                                causes: [
                                    .userInitiatedAbort(UserInitiatedAbortCause(reason: Array("bye".utf8))),
                                    .protocolViolation(ProtocolViolationCause(additionalInformation: [1, 2, 3, 4])),
                                ]))
                    ]),
                tshark: [
                    "sctp.abort_t_bit": "1", "sctp.cause_code": F.list([12, 13], F.hex16), "sctp.cause_length": "7,8",
                ],
                // scapy keeps error causes as raw bytes: user-initiated abort "bye" (+1 padding byte), then
                // protocol violation 01020304.
                scapy: [["type": "6", "TCB": "1", "len": "20", "error_causes": "000c000762796500000d000801020304"]]))

        cases.append(
            DifferentialCase(
                name: "SHUTDOWN", packet: Self.packet(7, [.shutdown(ShutdownChunk(cumulativeTSNAck: 12_345))]),
                tshark: ["sctp.shutdown_cumulative_tsn_ack": "12345"],
                scapy: [["type": "7", "len": "8", "cumul_tsn_ack": "12345"]]))
        cases.append(
            DifferentialCase(
                name: "SHUTDOWN ACK", packet: Self.packet(8, [.shutdownAck(ShutdownAckChunk())]), tshark: [:],
                scapy: [["type": "8", "len": "4"]]))

        cases.append(
            DifferentialCase(
                name: "ERROR with causes",
                packet: Self.packet(
                    9,
                    [
                        .error(
                            ErrorChunk(causes: [
                                .invalidStreamIdentifier(InvalidStreamIdentifierCause(streamIdentifier: 9)),
                                .staleCookieError(StaleCookieErrorCause(stalenessMicroseconds: 1_000)),
                                .missingMandatoryParameter(MissingMandatoryParameterCause(missingTypes: [7, 9])),
                            ]))
                    ]),
                tshark: [
                    "sctp.cause_code": F.list([1, 3, 2], F.hex16), "sctp.cause_length": "8,8,12",
                    "sctp.cause_stream_identifier": "9", "sctp.cause_measure_of_staleness": "1000",
                    "sctp.cause_nr_of_missing_parameters": "2",
                    "sctp.cause_missing_parameter_type": F.list([7, 9], F.hex16),
                ],
                scapy: [
                    [
                        "type": "9", "len": "32",
                        "error_causes": "000100080009000000030008000003e80002000c0000000200070009",
                    ]
                ]))

        cases.append(
            DifferentialCase(
                name: "COOKIE ECHO", packet: Self.packet(10, [.cookieEcho(CookieEchoChunk(cookie: Self.cookie))]),
                tshark: ["sctp.cookie": F.bytes(Self.cookie)],
                scapy: [["type": "10", "len": "44", "cookie": F.bytes(Self.cookie)]]))
        cases.append(
            DifferentialCase(
                name: "COOKIE ACK", packet: Self.packet(11, [.cookieAck(CookieAckChunk())]), tshark: [:],
                scapy: [["type": "11", "len": "4"]]))
        cases.append(
            DifferentialCase(
                name: "ECNE", packet: Self.packet(12, [.ecne(ECNEChunk(lowestTSN: 777))]),
                tshark: ["sctp.ecne_lowest_tsn": "777"], scapy: nil))
        cases.append(
            DifferentialCase(
                name: "CWR", packet: Self.packet(13, [.cwr(CWRChunk(lowestTSN: 888))]),
                tshark: ["sctp.cwr_lowest_tsn": "888"], scapy: nil))
        cases.append(
            DifferentialCase(
                name: "SHUTDOWN COMPLETE with T bit",
                packet: Self.packet(14, [.shutdownComplete(ShutdownCompleteChunk(flags: [.tBit]))]),
                tshark: ["sctp.shutdown_complete_t_bit": "1"], scapy: [["type": "14", "TCB": "1", "len": "4"]]))
        cases.append(
            DifferentialCase(
                name: "AUTH", packet: Self.packet(15, [.auth(AuthChunk(sharedKeyID: 1, hmacID: 1, hmac: Self.hmac))]),
                tshark: ["sctp.shared_key_id": "1", "sctp.hmac_id": "1", "sctp.hmac": F.bytes(Self.hmac)],
                scapy: [
                    ["type": "15", "len": "28", "shared_key_id": "1", "HMAC_function": "1", "HMAC": F.bytes(Self.hmac)]
                ]))
        cases.append(
            DifferentialCase(
                name: "NR-SACK",
                packet: Self.packet(
                    16,
                    [
                        .nrSack(
                            NRSACKChunk(
                                cumulativeTSNAck: 500, advertisedReceiverWindow: 4_096,
                                gapBlocks: [GapAckBlock(start: 2, end: 4)],
                                nrGapBlocks: [GapAckBlock(start: 6, end: 7)], duplicateTSNs: [499]))
                    ]),
                tshark: [
                    "sctp.nr_sack_cumulative_tsn_ack": "500", "sctp.nr_sack_a_rwnd": "4096",
                    "sctp.nr_sack_number_of_gap_blocks": "1", "sctp.nr_sack_number_of_nr_gap_blocks": "1",
                    "sctp.nr_sack_gap_block_start": "2", "sctp.nr_sack_gap_block_end": "4",
                    "sctp.nr_sack_nr_gap_block_start": "6", "sctp.nr_sack_nr_gap_block_end": "7",
                    "sctp.nr_sack_duplicate_tsn": "499",
                ],
                scapy: nil))
        cases.append(
            DifferentialCase(
                name: "I-DATA",
                packet: Self.packet(
                    64,
                    [
                        .iData(
                            IDataChunk(
                                flags: [.beginning], tsn: 4_000_000_000, streamID: 3, messageID: 77, ppidOrFSN: 46,
                                userData: ByteSlice(Self.userData)))
                    ]),
                tshark: [
                    "sctp.data_tsn_raw": "4000000000", "sctp.data_sid": F.hex16(3), "sctp.data_mid": "77",
                    "sctp.data_payload_proto_id": "46",
                ],
                scapy: [
                    [
                        "type": "64", "beginning": "1", "ending": "0", "len": "31", "tsn": "4000000000",
                        "stream_id": "3",
                        "message_id": "77", "ppid_fsn": "46", "data": F.bytes(Self.userData),
                    ]
                ]))
        cases.append(
            DifferentialCase(
                name: "ASCONF-ACK",
                packet: Self.packet(
                    128,
                    [
                        .asconfAck(
                            ASCONFAckChunk(
                                serialNumber: 5,
                                parameters: [.successIndication(SuccessIndicationParameter(correlationID: 77))]))
                    ]),
                tshark: ["sctp.asconf_ack_seq_nr_number": F.hex32(5), "sctp.correlation_id": F.hex32(77)],
                scapy: [
                    ["type": "128", "len": "16", "seq": "5", "params.types": "49157", "params.0.correlation_id": "77"]
                ]))
        cases.append(
            DifferentialCase(
                name: "RE-CONFIG",
                packet: Self.packet(
                    130,
                    [
                        .reConfig(
                            ReConfigChunk(parameters: [
                                .outgoingSSNResetRequest(
                                    OutgoingSSNResetRequestParameter(
                                        requestSequenceNumber: 1, responseSequenceNumber: 2, lastAssignedTSN: 3,
                                        streamIdentifiers: [4, 5]))
                            ]))
                    ]),
                tshark: [
                    "sctp.parameter_reconfig_request_sequence_number": "1",
                    "sctp.parameter_reconfig_response_sequence_number": "2",
                    "sctp.parameter_senders_last_assigned_tsn": "3", "sctp.parameter_reconfig_sid": "4,5",
                ],
                // scapy 2.x does not dissect parameters inside RE-CONFIG: they stay raw bytes.
                scapy: [
                    [
                        "type": "130", "len": "24",
                        "params": "000d0014" + "00000001" + "00000002" + "00000003" + "00040005",
                    ]
                ]))
        cases.append(
            DifferentialCase(
                name: "PAD", packet: Self.packet(132, [.pad(PadChunk(padding: [UInt8](repeating: 0xAB, count: 16)))]),
                tshark: ["sctp.padding_data": F.bytes([UInt8](repeating: 0xAB, count: 16))],
                // scapy 2.x takes the PAD header as 8 bytes (RFC 4820 §3 says 4): it reads 12 padding
                // bytes and leaves the last 4 as raw payload.
                scapy: [
                    ["type": "132", "len": "20", "padding": F.bytes([UInt8](repeating: 0xAB, count: 12))],
                    ["_class": "Raw", "load": "abababab"],
                ]))
        cases.append(
            DifferentialCase(
                name: "FORWARD-TSN",
                packet: Self.packet(
                    192,
                    [
                        .forwardTSN(
                            ForwardTSNChunk(
                                newCumulativeTSN: 1_000,
                                streams: [
                                    .init(streamID: 1, streamSequence: 10), .init(streamID: 2, streamSequence: 20),
                                ]))
                    ]),
                tshark: [
                    "sctp.forward_tsn_tsn": "1000", "sctp.forward_tsn_sid": "1,2", "sctp.forward_tsn_ssn": "10,20",
                ],
                // scapy 2.x parses the skipped streams as parameters; only the fixed part is compared.
                scapy: [["type": "192", "len": "16", "new_tsn": "1000"]]))
        cases.append(
            DifferentialCase(
                name: "ASCONF",
                packet: Self.packet(
                    193,
                    [
                        .asconf(
                            ASCONFChunk(
                                serialNumber: 6,
                                address: .ipv4Address(IPv4AddressParameter(address: IPv4AddressValue(192, 0, 2, 10))),
                                parameters: [
                                    .addIPAddress(
                                        AddIPAddressParameter(
                                            correlationID: 1,
                                            address: .ipv4Address(
                                                IPv4AddressParameter(address: IPv4AddressValue(192, 0, 2, 11)))))
                                ]))
                    ]),
                tshark: [
                    "sctp.asconf_seq_nr_number": F.hex32(6), "sctp.parameter_ipv4_address": "192.0.2.10,192.0.2.11",
                    "sctp.correlation_id": F.hex32(1),
                ],
                scapy: [
                    [
                        "type": "193", "len": "32", "seq": "6", "params.types": "5,49153",
                        "params.0.addr": "192.0.2.10",
                        "params.1.correlation_id": "1", "params.1.addr": "192.0.2.11",
                    ]
                ]))
        cases.append(
            DifferentialCase(
                name: "I-FORWARD-TSN",
                packet: Self.packet(
                    194,
                    [
                        .iForwardTSN(
                            IForwardTSNChunk(
                                newCumulativeTSN: 2_000,
                                streams: [
                                    .init(streamID: 3, unordered: true, messageID: 30)
                                ]))
                    ]),
                tshark: [
                    "sctp.i_forward_tsn_tsn": "2000", "sctp.i_forward_tsn_sid": "3", "sctp.forward_tsn_mid": "30",
                    "sctp.i_forward_tsn_u_bit": "1",
                ],
                scapy: [["type": "194", "len": "16", "new_tsn": "2000"]]))
        cases.append(
            DifferentialCase(
                name: "unregistered chunk type",
                packet: Self.packet(0x55, [.unknown(UnknownChunk(type: 0x55, flags: 0x80, value: [1, 2, 3, 4, 5]))]),
                tshark: ["sctp.chunk_value": F.bytes([1, 2, 3, 4, 5])], scapy: nil))
        cases.append(
            DifferentialCase(
                name: "bundle: COOKIE ECHO and DATA",
                packet: Self.packet(
                    0x4D45_14CE,
                    [
                        .cookieEcho(CookieEchoChunk(cookie: Array(Self.cookie.prefix(13)))),
                        .data(DataChunk(tsn: 1, streamID: 0, streamSequence: 0, ppid: 0, userData: Self.userData)),
                    ]),
                tshark: ["sctp.data_tsn_raw": "1", "sctp.cookie": F.bytes(Array(Self.cookie.prefix(13)))],
                scapy: [
                    ["type": "10", "len": "17", "cookie": F.bytes(Array(Self.cookie.prefix(13)))],
                    ["type": "0", "len": "27", "tsn": "1", "data": F.bytes(Self.userData)],
                ]))
        return cases
    }
}
