import SCTPWire

/// Typed chunks of every registered type, several variants each (optional parts present and absent,
/// maximum values, reserved flag bits set), shared by the codec, field-record and formatting tests.
enum ChunkSamples {
    static let parametersOfInit: [Parameter] = [
        .supportedAddressTypes(SupportedAddressTypesParameter(addressTypes: [5])),
        .ecnCapable(ECNCapableParameter()),
        .forwardTSNSupported(ForwardTSNSupportedParameter()),
    ]

    static let cookie: [UInt8] = (0..<37).map { UInt8($0 &* 7 &+ 1) }

    static let all: [(name: String, chunk: Chunk)] = [
        ("data B/E", .data(DataChunk(tsn: 1, streamID: 2, streamSequence: 3, ppid: 4, userData: [0x68, 0x69]))),
        (
            "data U/I + reserved bits, 4-aligned payload",
            .data(
                DataChunk(
                    flags: DataChunkFlags(rawValue: 0xF0).union([.unordered, .immediate]), tsn: .max,
                    streamID: .max, streamSequence: .max, ppid: .max, userData: [1, 2, 3, 4]))
        ),
        ("data middle fragment, empty payload", .data(DataChunk(flags: [], tsn: 0, userData: []))),
        (
            "init with parameters",
            .initiation(
                InitChunk(
                    initiateTag: 0xf3dc3087, advertisedReceiverWindow: 106_496, outboundStreams: 10,
                    inboundStreams: 65535, initialTSN: 3_207_583_439, parameters: Self.parametersOfInit))
        ),
        (
            "init bare, reserved flags",
            .initiation(
                InitChunk(
                    flags: ReservedChunkFlags(rawValue: 0xFF), initiateTag: .max,
                    advertisedReceiverWindow: .max, outboundStreams: .max, inboundStreams: .max,
                    initialTSN: .max))
        ),
        (
            "init-ack with cookie",
            .initiationAck(
                InitAckChunk(
                    initiateTag: 1, advertisedReceiverWindow: 2, outboundStreams: 3,
                    inboundStreams: 4, initialTSN: 5,
                    parameters: [
                        .stateCookie(StateCookieParameter(cookie: Self.cookie)),
                        .ecnCapable(ECNCapableParameter()),
                    ]))
        ),
        (
            "init-ack ending in an unpadded parameter",
            .initiationAck(
                InitAckChunk(
                    initiateTag: 1, advertisedReceiverWindow: 2, outboundStreams: 3,
                    inboundStreams: 4, initialTSN: 5,
                    parameters: [.stateCookie(StateCookieParameter(cookie: [1, 2, 3]))]))
        ),
        ("sack empty", .sack(SACKChunk(cumulativeTSNAck: 2_322_614_346, advertisedReceiverWindow: 106_490))),
        (
            "sack with gaps and duplicates",
            .sack(
                SACKChunk(
                    cumulativeTSNAck: .max, advertisedReceiverWindow: 0,
                    gapBlocks: [GapAckBlock(start: 2, end: 3), GapAckBlock(start: .max, end: .max)],
                    duplicateTSNs: [7, .max, 0]))
        ),
        (
            "heartbeat",
            .heartbeat(HeartbeatChunk(parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: [9, 8, 7]))]))
        ),
        (
            "heartbeat-ack",
            .heartbeatAck(HeartbeatAckChunk(parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: Array(0..<44)))]))
        ),
        ("abort bare", .abort(AbortChunk())),
        (
            "abort T with causes",
            .abort(
                AbortChunk(
                    flags: .tBit,
                    causes: [
                        .userInitiatedAbort(UserInitiatedAbortCause(reason: Array("bye".utf8))),
                        .protocolViolation(ProtocolViolationCause(additionalInformation: [1, 2, 3, 4])),
                    ]))
        ),
        ("shutdown", .shutdown(ShutdownChunk(cumulativeTSNAck: 3_207_583_439))),
        ("shutdown-ack", .shutdownAck(ShutdownAckChunk())),
        ("shutdown-ack reserved flags", .shutdownAck(ShutdownAckChunk(flags: ReservedChunkFlags(rawValue: 0xA5)))),
        (
            "error",
            .error(ErrorChunk(causes: [.invalidStreamIdentifier(InvalidStreamIdentifierCause(streamIdentifier: 9))]))
        ),
        ("error bare", .error(ErrorChunk())),
        ("cookie-echo", .cookieEcho(CookieEchoChunk(cookie: Self.cookie))),
        ("cookie-ack", .cookieAck(CookieAckChunk())),
        ("ecne short", .ecne(ECNEChunk(lowestTSN: 77))),
        ("ecne with packet count", .ecne(ECNEChunk(lowestTSN: 77, packetCount: .max))),
        ("cwr", .cwr(CWRChunk(lowestTSN: 78))),
        ("shutdown-complete", .shutdownComplete(ShutdownCompleteChunk())),
        (
            "shutdown-complete T + reserved",
            .shutdownComplete(ShutdownCompleteChunk(flags: TBitChunkFlags(rawValue: 0x81)))
        ),
        ("auth", .auth(AuthChunk(sharedKeyID: 1, hmacID: 3, hmac: Array(repeating: 0xAB, count: 32)))),
        ("auth odd hmac", .auth(AuthChunk(sharedKeyID: .max, hmacID: 1, hmac: [1, 2, 3, 4, 5]))),
        (
            "nr-sack",
            .nrSack(
                NRSACKChunk(
                    flags: .allNonRenegable, cumulativeTSNAck: 10, advertisedReceiverWindow: 20,
                    gapBlocks: [GapAckBlock(start: 2, end: 2)],
                    nrGapBlocks: [GapAckBlock(start: 4, end: 5), GapAckBlock(start: 7, end: 9)],
                    duplicateTSNs: [3], reserved: 0xBEEF))
        ),
        ("nr-sack empty", .nrSack(NRSACKChunk(cumulativeTSNAck: 0, advertisedReceiverWindow: 0))),
        (
            "i-data first fragment",
            .iData(IDataChunk(flags: [.beginning], tsn: 5, streamID: 6, messageID: 7, ppidOrFSN: 51, userData: [1]))
        ),
        (
            "i-data later fragment, reserved set",
            .iData(
                IDataChunk(
                    flags: [.ending, .unordered, .immediate], tsn: 5, streamID: 6, reserved: 0xFFFF,
                    messageID: .max, ppidOrFSN: 2, userData: Array(0..<9)))
        ),
        (
            "asconf-ack",
            .asconfAck(
                ASCONFAckChunk(
                    serialNumber: 12,
                    parameters: [.successIndication(SuccessIndicationParameter(correlationID: 1))]))
        ),
        ("asconf-ack bare", .asconfAck(ASCONFAckChunk(serialNumber: .max))),
        (
            "re-config",
            .reConfig(
                ReConfigChunk(parameters: [
                    .outgoingSSNResetRequest(
                        OutgoingSSNResetRequestParameter(
                            requestSequenceNumber: 1, responseSequenceNumber: 2, lastAssignedTSN: 3,
                            streamIdentifiers: [4]))
                ]))
        ),
        ("pad", .pad(PadChunk(padding: Array(repeating: 0, count: 11)))),
        ("pad empty", .pad(PadChunk(padding: []))),
        (
            "forward-tsn",
            .forwardTSN(
                ForwardTSNChunk(
                    newCumulativeTSN: 99,
                    streams: [
                        ForwardTSNChunk.SkippedStream(streamID: 1, streamSequence: 2),
                        ForwardTSNChunk.SkippedStream(streamID: .max, streamSequence: .max),
                    ]))
        ),
        ("forward-tsn bare", .forwardTSN(ForwardTSNChunk(newCumulativeTSN: 0))),
        (
            "asconf",
            .asconf(
                ASCONFChunk(
                    serialNumber: 5,
                    address: .ipv4Address(IPv4AddressParameter(address: IPv4AddressValue(10, 0, 0, 1))),
                    parameters: [
                        .addIPAddress(
                            AddIPAddressParameter(
                                correlationID: 1,
                                address: .ipv4Address(IPv4AddressParameter(address: IPv4AddressValue(10, 0, 0, 2)))))
                    ]))
        ),
        (
            "asconf address only",
            .asconf(
                ASCONFChunk(
                    serialNumber: 5, address: .ipv4Address(IPv4AddressParameter(address: IPv4AddressValue(1, 2, 3, 4))))
            )
        ),
        (
            "i-forward-tsn",
            .iForwardTSN(
                IForwardTSNChunk(
                    newCumulativeTSN: 1,
                    streams: [
                        IForwardTSNChunk.SkippedStream(streamID: 1, unordered: true, messageID: 2),
                        IForwardTSNChunk.SkippedStream(streamID: 3, flags: 0xFFFE, messageID: .max),
                    ]))
        ),
        ("unknown 0x3f stop", .unknown(UnknownChunk(type: 0x3F, flags: 1, value: [1, 2, 3]))),
        ("unknown 0x7f stop+report", .unknown(UnknownChunk(type: 0x7F, flags: 0xFF, value: []))),
        ("unknown 0xbf skip", .unknown(UnknownChunk(type: 0xBF, flags: 0, value: Array(0..<8)))),
        ("unknown 0xff skip+report", .unknown(UnknownChunk(type: 0xFF, flags: 2, value: [0xAA]))),
    ]
}
