import NetworkLayers
import Rules
import SCTPWire
import Testing

/// The two endpoints of a test conversation.
enum Peer {
    case a
    case b

    var other: Peer { self == .a ? .b : .a }
}

/// One packet of a conversation: who sent it, when (virtual nanoseconds), and its SCTP bytes.
struct SentPacket {
    var from: Peer
    var time: UInt64
    var bytes: [UInt8]
}

/// A scripted exchange between endpoints A and B fed to a `RuleEngine`, packet by packet, built
/// with the codec. `handshake()` sets up a standard association (tags, Initial TSNs, 10 streams each
/// way); the helpers then send the usual chunks with the right tags unless told otherwise.
struct Conversation {
    static let endpointA = TransportEndpoint(host: .ip(IPAddress("10.0.0.1")!), port: 5000)
    static let endpointB = TransportEndpoint(host: .ip(IPAddress("10.0.0.2")!), port: 7)

    var engine: RuleEngine
    var number = 0
    var time: UInt64 = 0
    /// Every finding so far.
    var findings: [Finding] = []
    /// Every packet sent so far, in order, as it went on the wire (for writing captures).
    var sent: [SentPacket] = []

    /// A's Initiate Tag: what B puts in its packets.
    var tagA: UInt32 = 0x1111_1111
    /// B's Initiate Tag.
    var tagB: UInt32 = 0x2222_2222
    var initialTSNA: UInt32 = 1000
    var initialTSNB: UInt32 = 5000
    var cookie: [UInt8] = Array("cookie of B, authenticated".utf8)
    /// Next new TSN of each side.
    var nextTSNA: UInt32 = 1000
    var nextTSNB: UInt32 = 5000

    init(configuration: RuleConfiguration = .live) {
        self.engine = RuleEngine(configuration: configuration)
    }

    func endpoint(_ peer: Peer) -> TransportEndpoint {
        peer == .a ? Self.endpointA : Self.endpointB
    }

    /// The tag `from`'s packets carry (the peer's Initiate Tag).
    func peerTag(of from: Peer) -> UInt32 {
        from == .a ? self.tagB : self.tagA
    }

    /// Sends raw bytes from `from`; returns the findings of that packet.
    @discardableResult
    mutating func sendBytes(_ from: Peer, _ bytes: [UInt8]) -> [Finding] {
        self.number += 1
        self.time += 1_000_000
        self.sent.append(SentPacket(from: from, time: self.time, bytes: bytes))
        let observation = SCTPObservation(
            number: self.number, time: self.time, source: self.endpoint(from), destination: self.endpoint(from.other),
            bytes: bytes)
        let found = self.engine.process(observation)
        self.findings += found
        return found
    }

    /// Sends `chunks` from `from` with `tag` (default: the peer's tag) and a checksum.
    @discardableResult
    mutating func send(
        _ from: Peer, _ chunks: [Chunk], tag: UInt32? = nil, checksum: ChecksumMode = .crc32c
    ) -> [Finding] {
        let header = CommonHeader(
            sourcePort: self.endpoint(from).port, destinationPort: self.endpoint(from.other).port,
            verificationTag: tag ?? self.peerTag(of: from))
        return self.sendBytes(from, SCTPPacket(header: header, chunks: chunks).encoded(checksum: checksum))
    }

    @discardableResult
    mutating func send(_ from: Peer, _ chunk: Chunk, tag: UInt32? = nil, checksum: ChecksumMode = .crc32c) -> [Finding]
    {
        self.send(from, [chunk], tag: tag, checksum: checksum)
    }

    /// Judges what was still owed; returns those findings.
    @discardableResult
    mutating func finish() -> [Finding] {
        let found = self.engine.finish()
        self.findings += found
        return found
    }

    // MARK: Chunks

    func initChunk(
        tag: UInt32, tsn: UInt32, outbound: UInt16 = 10, inbound: UInt16 = 10, parameters: [Parameter] = []
    ) -> Chunk {
        .initiation(
            InitChunk(
                initiateTag: tag, advertisedReceiverWindow: 65_536, outboundStreams: outbound,
                inboundStreams: inbound, initialTSN: tsn, parameters: parameters))
    }

    func initAckChunk(
        tag: UInt32, tsn: UInt32, cookie: [UInt8]?, outbound: UInt16 = 10, inbound: UInt16 = 10,
        parameters: [Parameter] = []
    ) -> Chunk {
        let cookieParameter = cookie.map { [Parameter.stateCookie(StateCookieParameter(cookie: $0))] } ?? []
        return .initiationAck(
            InitAckChunk(
                initiateTag: tag, advertisedReceiverWindow: 65_536, outboundStreams: outbound,
                inboundStreams: inbound, initialTSN: tsn, parameters: parameters + cookieParameter))
    }

    func data(tsn: UInt32, stream: UInt16 = 0, sequence: UInt16 = 0, payload: [UInt8] = Array("hello".utf8)) -> Chunk {
        .data(DataChunk(tsn: tsn, streamID: stream, streamSequence: sequence, ppid: 51, userData: payload))
    }

    func sack(cumulative: UInt32, gaps: [GapAckBlock] = [], duplicates: [UInt32] = []) -> Chunk {
        .sack(
            SACKChunk(
                cumulativeTSNAck: cumulative, advertisedReceiverWindow: 65_536, gapBlocks: gaps,
                duplicateTSNs: duplicates))
    }

    func heartbeat(_ info: [UInt8]) -> Chunk {
        .heartbeat(HeartbeatChunk(parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: info))]))
    }

    func heartbeatAck(_ info: [UInt8]) -> Chunk {
        .heartbeatAck(HeartbeatAckChunk(parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: info))]))
    }

    func abort(tBit: Bool = false, causes: [ErrorCause] = []) -> Chunk {
        .abort(AbortChunk(flags: tBit ? .tBit : [], causes: causes))
    }

    func shutdownComplete(tBit: Bool = false) -> Chunk {
        .shutdownComplete(ShutdownCompleteChunk(flags: tBit ? .tBit : []))
    }

    // MARK: Whole steps

    /// INIT, INIT ACK, COOKIE ECHO, COOKIE ACK, A initiating.
    mutating func handshake(
        outboundA: UInt16 = 10, inboundA: UInt16 = 10, outboundB: UInt16 = 10, inboundB: UInt16 = 10
    ) {
        self.send(
            .a, self.initChunk(tag: self.tagA, tsn: self.initialTSNA, outbound: outboundA, inbound: inboundA), tag: 0)
        self.send(
            .b,
            self.initAckChunk(
                tag: self.tagB, tsn: self.initialTSNB, cookie: self.cookie, outbound: outboundB, inbound: inboundB))
        self.send(.a, .cookieEcho(CookieEchoChunk(cookie: self.cookie)))
        self.send(.b, .cookieAck(CookieAckChunk()))
    }

    /// Sends new DATA from `from` (next TSN) and returns the TSN used.
    @discardableResult
    mutating func sendData(_ from: Peer, stream: UInt16 = 0, payload: [UInt8] = Array("hello".utf8)) -> UInt32 {
        let tsn = from == .a ? self.nextTSNA : self.nextTSNB
        if from == .a { self.nextTSNA &+= 1 } else { self.nextTSNB &+= 1 }
        self.send(from, self.data(tsn: tsn, stream: stream, payload: payload))
        return tsn
    }

    /// `from` acknowledges everything the peer sent.
    mutating func acknowledgeAll(_ from: Peer) {
        let cumulative = (from == .a ? self.nextTSNB : self.nextTSNA) &- 1
        self.send(from, self.sack(cumulative: cumulative))
    }

    /// SHUTDOWN from `from`, SHUTDOWN ACK, SHUTDOWN COMPLETE.
    mutating func shutdown(_ from: Peer) {
        let cumulative = (from == .a ? self.nextTSNB : self.nextTSNA) &- 1
        self.send(from, .shutdown(ShutdownChunk(cumulativeTSNAck: cumulative)))
        self.send(from.other, .shutdownAck(ShutdownAckChunk()))
        self.send(from, self.shutdownComplete())
    }

    // MARK: Expectations

    func findings(of id: String) -> [Finding] {
        self.findings.filter { $0.ruleID == id }
    }
}

/// Expects `findings` to hold exactly one finding, of rule `id`, by `violator`, at `packet`, with the
/// catalogue's section and severity.
func expectSingle(
    _ findings: [Finding], _ id: String, by violator: TransportEndpoint? = nil, packet: Int? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(findings.map(\.ruleID) == [id], "\(findings.map(\.description))", sourceLocation: sourceLocation)
    guard let finding = findings.first, findings.count == 1 else { return }
    let rule = RuleCatalogue.rule(id)
    #expect(rule != nil, "no rule \(id) in the catalogue", sourceLocation: sourceLocation)
    // The main section, or another of the rule's that states the case more exactly (`citing`).
    #expect(rule?.sections.contains(finding.section) == true, sourceLocation: sourceLocation)
    #expect(finding.severity == rule?.severity, sourceLocation: sourceLocation)
    if let violator {
        #expect(finding.violator == violator, sourceLocation: sourceLocation)
    }
    if let packet {
        #expect(finding.packetNumber == packet, sourceLocation: sourceLocation)
    }
}

/// Expects no findings at all.
func expectClean(_ findings: [Finding], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))", sourceLocation: sourceLocation)
}
