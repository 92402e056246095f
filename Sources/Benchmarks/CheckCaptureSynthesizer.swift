import Captures
import NetworkLayers
import SCTPWire
import VirtualTime

/// Writes the capture `sctpconform-bench check` times: a busy link rather than one tidy
/// association. Thousands of associations run at once, their packets interleaved at random
/// (seeded, so every run writes the same file); each goes through a handshake, bundles a SACK for
/// what it received ahead of one to three DATA chunks (RFC 9260 §6.10), exchanges heartbeats now and
/// then, and shuts down, after which a new association takes its place. One in eight associations
/// is UDP-encapsulated (RFC 6951, port 9899); the rest are SCTP over IPv4; all on Ethernet.
/// Checksums, tags, TSNs and acknowledgements follow the rules, so the capture is clean.
struct CheckCaptureSynthesizer {
    /// Associations running at once.
    var concurrentAssociations = 2_000
    /// Established-phase packets per association, drawn uniformly from this range.
    var establishedPackets = 20...600
    var seed: UInt64 = 0x5C7C_BE7C_0001

    /// What was written.
    struct Summary {
        var packets = 0
        /// Associations that sent at least their INIT, and how many of them over UDP.
        var associations = 0
        var udpEncapsulated = 0
        var chunks = 0
    }

    /// Writes `count` packets to `path` (the associations still open at the end stop mid-way, as in a
    /// capture cut off).
    func write(count: Int, path: String) throws -> Summary {
        var random = SplitMix64(seed: self.seed)
        let writer = try PcapWriter(path: path, linkType: .ethernet)
        var summary = Summary()
        var active: [SynthesizedAssociation] = []
        active.reserveCapacity(self.concurrentAssociations)
        var started = 0
        func start() -> SynthesizedAssociation {
            started += 1
            return SynthesizedAssociation(
                number: started - 1,
                establishedPackets: Int(random.next() % UInt64(self.establishedPackets.count))
                    + self.establishedPackets.lowerBound,
                random: &random)
        }
        for _ in 0..<self.concurrentAssociations { active.append(start()) }
        var frame: [UInt8] = []
        frame.reserveCapacity(2_048)
        while summary.packets < count {
            let index = Int(random.next() % UInt64(active.count))
            if case .initiate = active[index].phase {
                summary.associations += 1
                if active[index].isUDPEncapsulated { summary.udpEncapsulated += 1 }
            }
            let packet = active[index].nextPacket(random: &random)
            try active[index].frame(packet, into: &frame)
            try writer.write(frame, timestamp: CaptureTimestamp(totalNanoseconds: UInt64(summary.packets) * 1_000))
            summary.packets += 1
            summary.chunks += packet.chunks.count
            if active[index].isFinished {
                active[index] = start()
            }
        }
        try writer.finish()
        return summary
    }
}

/// One packet of a synthesized association: its direction, chunks and verification tag.
struct SynthesizedPacket {
    var fromA: Bool
    var chunks: [Chunk]
    var tag: UInt32
}

/// One association of the synthesized capture, advanced a packet at a time. A (the client)
/// initiates and shuts down; both sides send DATA.
struct SynthesizedAssociation {
    enum Phase {
        case initiate, initAck, cookieEcho, cookieAck, established, heartbeatAck(fromA: Bool, info: [UInt8])
        case finalSACK, shutdown, shutdownAck, shutdownComplete, finished
    }

    static let streams: UInt16 = 10
    static let window: UInt32 = 1 << 20
    static let payload = [UInt8](repeating: 0x61, count: 100)
    static let cookie = [UInt8](repeating: 0xc0, count: 64)

    var phase = Phase.initiate
    var establishedLeft: Int
    let isUDPEncapsulated: Bool
    let forward: SCTPEncapsulation
    let macA: MACAddress
    let macB: MACAddress
    let portA: UInt16
    let portB: UInt16 = 36_412
    let tags: [UInt32]
    let initialTSNs: [UInt32]
    /// Next new TSN of A (index 0) and B (1).
    var nextTSN: [UInt32]
    /// Whether A (0) or B (1) received DATA it has not acknowledged yet.
    var owesSACK = [false, false]
    /// Next stream sequence number per stream, of A and of B.
    var sequences: [[UInt16]] = [Array(repeating: 0, count: Int(streams)), Array(repeating: 0, count: Int(streams))]
    var heartbeats: UInt64 = 0

    init(number: Int, establishedPackets: Int, random: inout SplitMix64) {
        self.establishedLeft = establishedPackets
        self.isUDPEncapsulated = number % 8 == 7
        let client = IPAddress.v4(
            IPv4Address(10, UInt8(truncatingIfNeeded: number >> 16), UInt8(truncatingIfNeeded: number >> 8),
                UInt8(truncatingIfNeeded: number)))
        let server = IPAddress.v4(IPv4Address(198, 18, 0, UInt8(1 + number % 4)))
        self.forward = SCTPEncapsulation(
            source: client, destination: server,
            carriage: self.isUDPEncapsulated
                ? .udpEncapsulated(sourcePort: UDPHeader.sctpEncapsulationPort,
                    destinationPort: UDPHeader.sctpEncapsulationPort) : .ip)
        self.macA = MACAddress(0x02, 0, 0, 0, UInt8(truncatingIfNeeded: number >> 8), UInt8(truncatingIfNeeded: number))
        self.macB = MACAddress(0x02, 0xff, 0, 0, 0, UInt8(1 + number % 4))
        self.portA = UInt16(1_024 + number % 60_000)
        // Tags are never 0 (RFC 9260 §3.3.2); TSNs start anywhere, so some wrap past 2^32.
        self.tags = [UInt32(truncatingIfNeeded: random.next()) | 1, UInt32(truncatingIfNeeded: random.next()) | 1]
        self.initialTSNs = [UInt32(truncatingIfNeeded: random.next()), UInt32(truncatingIfNeeded: random.next())]
        self.nextTSN = self.initialTSNs
    }

    var isFinished: Bool {
        if case .finished = self.phase { return true }
        return false
    }

    /// The tag a packet from A (or from B) carries: its peer's Initiate Tag.
    func tag(fromA: Bool) -> UInt32 {
        fromA ? self.tags[1] : self.tags[0]
    }

    mutating func nextPacket(random: inout SplitMix64) -> SynthesizedPacket {
        switch self.phase {
        case .initiate:
            self.phase = .initAck
            return SynthesizedPacket(
                fromA: true,
                chunks: [
                    .initiation(
                        InitChunk(
                            initiateTag: self.tags[0], advertisedReceiverWindow: Self.window,
                            outboundStreams: Self.streams, inboundStreams: Self.streams,
                            initialTSN: self.initialTSNs[0]))
                ], tag: 0)
        case .initAck:
            self.phase = .cookieEcho
            return SynthesizedPacket(
                fromA: false,
                chunks: [
                    .initiationAck(
                        InitAckChunk(
                            initiateTag: self.tags[1], advertisedReceiverWindow: Self.window,
                            outboundStreams: Self.streams, inboundStreams: Self.streams,
                            initialTSN: self.initialTSNs[1],
                            parameters: [.stateCookie(StateCookieParameter(cookie: Self.cookie))]))
                ], tag: self.tag(fromA: false))
        case .cookieEcho:
            self.phase = .cookieAck
            return SynthesizedPacket(
                fromA: true, chunks: [.cookieEcho(CookieEchoChunk(cookie: Self.cookie))], tag: self.tag(fromA: true))
        case .cookieAck:
            self.phase = .established
            return SynthesizedPacket(fromA: false, chunks: [.cookieAck(CookieAckChunk())], tag: self.tag(fromA: false))
        case .established:
            self.establishedLeft -= 1
            if self.establishedLeft <= 0 { self.phase = .finalSACK }
            let fromA = random.next() & 1 == 0
            if self.establishedLeft > 0, random.next() % 32 == 0 {
                self.heartbeats += 1
                var info = [UInt8](repeating: 0, count: 16)
                for index in 0..<8 { info[index] = UInt8(truncatingIfNeeded: self.heartbeats >> (8 * index)) }
                self.phase = .heartbeatAck(fromA: !fromA, info: info)
                return SynthesizedPacket(
                    fromA: fromA,
                    chunks: [.heartbeat(HeartbeatChunk(parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: info))]))],
                    tag: self.tag(fromA: fromA))
            }
            return self.bundle(fromA: fromA, dataChunks: Int(random.next() % 3) + 1)
        case .heartbeatAck(let fromA, let info):
            self.phase = .established
            return SynthesizedPacket(
                fromA: fromA,
                chunks: [
                    .heartbeatAck(HeartbeatAckChunk(parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: info))]))
                ], tag: self.tag(fromA: fromA))
        case .finalSACK:
            // B acknowledges all of A's DATA, so that A may shut down (RFC 9260 §9.2).
            self.phase = .shutdown
            return self.bundle(fromA: false, dataChunks: 0)
        case .shutdown:
            self.phase = .shutdownAck
            self.owesSACK[0] = false
            return SynthesizedPacket(
                fromA: true, chunks: [.shutdown(ShutdownChunk(cumulativeTSNAck: self.nextTSN[1] &- 1))],
                tag: self.tag(fromA: true))
        case .shutdownAck:
            self.phase = .shutdownComplete
            return SynthesizedPacket(fromA: false, chunks: [.shutdownAck(ShutdownAckChunk())], tag: self.tag(fromA: false))
        case .shutdownComplete, .finished:
            self.phase = .finished
            return SynthesizedPacket(
                fromA: true, chunks: [.shutdownComplete(ShutdownCompleteChunk())], tag: self.tag(fromA: true))
        }
    }

    /// A SACK for everything the sender received, if it owes one, then `dataChunks` new DATA chunks.
    private mutating func bundle(fromA: Bool, dataChunks: Int) -> SynthesizedPacket {
        let side = fromA ? 0 : 1
        let peer = 1 - side
        var chunks: [Chunk] = []
        if self.owesSACK[side] || dataChunks == 0 {
            chunks.append(
                .sack(SACKChunk(cumulativeTSNAck: self.nextTSN[peer] &- 1, advertisedReceiverWindow: Self.window)))
            self.owesSACK[side] = false
        }
        for _ in 0..<dataChunks {
            let tsn = self.nextTSN[side]
            self.nextTSN[side] &+= 1
            let stream = UInt16(tsn % UInt32(Self.streams))
            let sequence = self.sequences[side][Int(stream)]
            self.sequences[side][Int(stream)] &+= 1
            chunks.append(
                .data(DataChunk(tsn: tsn, streamID: stream, streamSequence: sequence, ppid: 60, userData: Self.payload)))
        }
        if dataChunks > 0 { self.owesSACK[peer] = true }
        return SynthesizedPacket(fromA: fromA, chunks: chunks, tag: self.tag(fromA: fromA))
    }

    /// The Ethernet frame of `packet`, with a correct CRC32c.
    func frame(_ packet: SynthesizedPacket, into frame: inout [UInt8]) throws {
        let header = CommonHeader(
            sourcePort: packet.fromA ? self.portA : self.portB, destinationPort: packet.fromA ? self.portB : self.portA,
            verificationTag: packet.tag)
        let sctp = SCTPPacket(header: header, chunks: packet.chunks).encoded()
        frame = try (packet.fromA ? self.forward : self.forward.reversed).ethernetFrame(
            wrapping: sctp, source: packet.fromA ? self.macA : self.macB, destination: packet.fromA ? self.macB : self.macA)
    }
}
