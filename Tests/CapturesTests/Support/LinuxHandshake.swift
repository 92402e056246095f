import Captures
import NetworkLayers
import SCTPWire

/// The Linux kernel association of the seed captures (shared/seeds/001: `nc --sctp` between
/// two pods, tcpdump lines), rebuilt packet by packet with our encoder. Tag, TSN, window, stream
/// and port values come from seed 001's tcpdump lines; what tcpdump does not show (parameters,
/// cookie and heartbeat-info sizes, IP header fields, MAC addresses) from the same kernel's
/// exchange decoded in full by tshark in seed 000. Checksums are correct CRC32c throughout.
///
/// It is the source of `Scenarios/captures/linux-handshake.pcap`, the README's `decode` example.
enum LinuxHandshake {
    static let client = IPv4Address(10, 128, 0, 81)
    static let server = IPv4Address(10, 128, 0, 79)
    static let clientPort: UInt16 = 60_002
    static let serverPort: UInt16 = 30_102
    static let clientMAC = MACAddress(0x0A, 0x58, 0x0A, 0x80, 0x00, 0x51)
    static let serverMAC = MACAddress(0x0A, 0x58, 0x0A, 0x80, 0x00, 0x4F)
    static let clientTag: UInt32 = 1_008_070_933
    static let serverTag: UInt32 = 1_296_372_942
    static let clientTSN: UInt32 = 2_431_437_204
    static let serverTSN: UInt32 = 2_317_599_708
    /// 2020-07-23 14:50:55 UTC.
    static let startSeconds: UInt64 = 1_595_515_855

    /// The 228-byte state cookie: the first bytes Linux sent in seed 000, then a fixed filler.
    static let cookie: [UInt8] = {
        let head: [UInt8] = [
            0x77, 0x54, 0x95, 0x8A, 0x8D, 0x7E, 0x18, 0x09, 0x4F, 0x52, 0x0B, 0x50,
            0x6E, 0x87, 0x2D, 0x0C, 0x68, 0xBF, 0xE8, 0xF2, 0x00, 0x00, 0x00, 0x00,
        ]
        var random = TestRandom(seed: 0x5EED_0001)
        return head + random.bytes(228 - head.count)
    }()

    /// Linux's heartbeat information (struct sctp_sender_hb_info without its parameter header):
    /// the destination as a sockaddr (family 2 little-endian, port, address, zero padding to 28
    /// bytes), then the jiffies it was sent at and a nonce, 44 bytes in all.
    static func heartbeatInfo(to address: IPv4Address, port: UInt16, sentAt: UInt64, nonce: UInt64) -> [UInt8] {
        var info: [UInt8] = [0x02, 0x00, UInt8(port >> 8), UInt8(port & 0xFF)] + address.bytes
        info += [UInt8](repeating: 0, count: 28 - info.count)
        info += (0..<8).map { UInt8(truncatingIfNeeded: sentAt >> (8 * UInt64($0))) }
        info += (0..<8).map { UInt8(truncatingIfNeeded: nonce >> (8 * UInt64($0))) }
        return info
    }

    struct Step {
        var fromClient: Bool
        var seconds: UInt64
        var microseconds: UInt32
        var chunk: Chunk
        var ipIdentification: UInt16
    }

    static var steps: [Step] {
        let clientHB = Self.heartbeatInfo(
            to: Self.server, port: Self.serverPort, sentAt: 4_295_012_808, nonce: 0x1B2D_3C4F_5A69_7887)
        let serverHB = Self.heartbeatInfo(
            to: Self.client, port: Self.clientPort, sentAt: 4_295_011_657, nonce: 0x6C5E_4F3A_2B1D_0E9F)
        return [
            Step(
                fromClient: true, seconds: 0, microseconds: 792_111,
                chunk: .initiation(
                    InitChunk(
                        initiateTag: Self.clientTag, advertisedReceiverWindow: 106_496, outboundStreams: 10,
                        inboundStreams: 65_535,
                        initialTSN: Self.clientTSN,
                        parameters: [
                            .supportedAddressTypes(SupportedAddressTypesParameter(addressTypes: [5])),
                            .ecnCapable(ECNCapableParameter()), .forwardTSNSupported(ForwardTSNSupportedParameter()),
                        ])),
                ipIdentification: 0),
            Step(
                fromClient: false, seconds: 0, microseconds: 792_577,
                chunk: .initiationAck(
                    InitAckChunk(
                        initiateTag: Self.serverTag, advertisedReceiverWindow: 106_496, outboundStreams: 10,
                        inboundStreams: 10,
                        initialTSN: Self.serverTSN,
                        parameters: [
                            .stateCookie(StateCookieParameter(cookie: Self.cookie)), .ecnCapable(ECNCapableParameter()),
                            .forwardTSNSupported(ForwardTSNSupportedParameter()),
                        ])),
                ipIdentification: 0),
            Step(
                fromClient: true, seconds: 0, microseconds: 792_594,
                chunk: .cookieEcho(CookieEchoChunk(cookie: Self.cookie)),
                ipIdentification: 0),
            Step(
                fromClient: false, seconds: 0, microseconds: 792_641, chunk: .cookieAck(CookieAckChunk()),
                ipIdentification: 0),
            Step(
                fromClient: true, seconds: 6, microseconds: 976_771,
                chunk: .data(
                    DataChunk(
                        flags: .completeMessage, tsn: Self.clientTSN, streamID: 0, streamSequence: 0, ppid: 0,
                        userData: Array("Send message\n".utf8))), ipIdentification: 1),
            Step(
                fromClient: false, seconds: 6, microseconds: 976_838,
                chunk: .sack(
                    SACKChunk(
                        cumulativeTSNAck: Self.clientTSN, advertisedReceiverWindow: 106_491, gapBlocks: [],
                        duplicateTSNs: [])),
                ipIdentification: 27_941),
            Step(
                fromClient: false, seconds: 36, microseconds: 357_135,
                chunk: .heartbeat(
                    HeartbeatChunk(
                        parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: serverHB))])), ipIdentification: 27_942
            ),
            Step(
                fromClient: true, seconds: 36, microseconds: 357_154,
                chunk: .heartbeatAck(
                    HeartbeatAckChunk(
                        parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: serverHB))])), ipIdentification: 2),
            Step(
                fromClient: true, seconds: 37, microseconds: 508_429,
                chunk: .heartbeat(
                    HeartbeatChunk(
                        parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: clientHB))])), ipIdentification: 3),
            Step(
                fromClient: false, seconds: 37, microseconds: 508_472,
                chunk: .heartbeatAck(
                    HeartbeatAckChunk(
                        parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: clientHB))])), ipIdentification: 27_943
            ),
            Step(
                fromClient: true, seconds: 74, microseconds: 404_148,
                chunk: .shutdown(
                    ShutdownChunk(
                        cumulativeTSNAck: Self.serverTSN &- 1)), ipIdentification: 4),
            Step(
                fromClient: false, seconds: 74, microseconds: 404_207, chunk: .shutdownAck(ShutdownAckChunk()),
                ipIdentification: 27_944),
            Step(
                fromClient: true, seconds: 74, microseconds: 404_219, chunk: .shutdownComplete(ShutdownCompleteChunk()),
                ipIdentification: 5),
        ]
    }

    /// The SCTP packets (common header onward), in order.
    static var packets: [[UInt8]] {
        Self.steps.map { step in
            // The INIT carries tag 0; everything else the peer's tag.
            let tag: UInt32
            if case .initiation = step.chunk {
                tag = 0
            } else {
                tag = step.fromClient ? Self.serverTag : Self.clientTag
            }
            let header = CommonHeader(
                sourcePort: step.fromClient ? Self.clientPort : Self.serverPort,
                destinationPort: step.fromClient ? Self.serverPort : Self.clientPort, verificationTag: tag)
            return SCTPPacket(header: header, chunks: [step.chunk]).encoded()
        }
    }

    /// Ethernet frames as a capture on the server's pod would hold them.
    static func records() throws -> [CaptureRecord] {
        try zip(Self.steps, Self.packets).map { step, packet in
            let encapsulation = SCTPEncapsulation(
                source: .v4(step.fromClient ? Self.client : Self.server),
                destination: .v4(step.fromClient ? Self.server : Self.client), hopLimit: 64, trafficClass: 0x02,
                identification: step.ipIdentification)
            let frame = try encapsulation.ethernetFrame(
                wrapping: packet, source: step.fromClient ? Self.clientMAC : Self.serverMAC,
                destination: step.fromClient ? Self.serverMAC : Self.clientMAC)
            return CaptureRecord(
                timestamp: CaptureTimestamp(
                    seconds: Self.startSeconds + step.seconds, nanoseconds: step.microseconds * 1_000),
                linkType: .ethernet, bytes: frame)
        }
    }

    /// Seed 001's tcpdump lines, kept in `Scenarios/captures/linux-handshake.txt`: what
    /// `sctpconform decode` must print for the capture.
    static var tcpdumpLines: [String] {
        let text = readFileBytes(repositoryRoot() + "/Scenarios/captures/linux-handshake.txt") ?? []
        return String(decoding: text, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
