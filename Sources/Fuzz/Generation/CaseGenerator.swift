import Runner
import SCTPWire
import Targets

/// Generates fuzz cases from the state a prefix left: packets of typed chunks that fit the association
/// (its tags, next TSN, stream counts, cookie) with now and then a boundary value, bundles of a few
/// chunks, virtual time steps so the SUT's timers fire between packets, and application actions
/// (send, shutdown, abort, close, socket options) interleaved.
///
/// A generated case is tracked on a copy of the model as it goes (a DATA moves the next TSN), so the
/// second DATA of a case follows the first unless a boundary value says otherwise.
public struct CaseGenerator: Sendable {
    public let records: RecordGenerator
    public var baseline: FuzzBaseline
    /// Whether a prefix set an association up (otherwise: out-of-the-blue packets to a listener).
    public let associated: Bool
    /// Most steps a generated case has.
    public var maximumSteps: Int
    /// `chunkWeights`, worked out once; their weights alone, for the draw.
    private let weights: [(kind: String, weight: Int)]
    private let weightValues: [Int]

    public init(
        baseline: FuzzBaseline, associated: Bool, records: RecordGenerator = RecordGenerator(), maximumSteps: Int = 6
    ) {
        self.baseline = baseline
        self.associated = associated
        self.records = records
        self.maximumSteps = maximumSteps
        self.weights = Self.chunkWeights(associated: associated, records: records)
        self.weightValues = self.weights.map(\.weight)
    }

    /// Chunk kinds and how often each is drawn: on an association mostly DATA, SACK and the chunks of
    /// its extensions; out of the blue mostly the chunks that may start or end one (RFC 9260 §8.4).
    var chunkWeights: [(kind: String, weight: Int)] { self.weights }

    private static func chunkWeights(associated: Bool, records: RecordGenerator) -> [(kind: String, weight: Int)] {
        let inAssociation: [(String, Int)] = [
            ("data", 22), ("sack", 10), ("heartbeat", 5), ("heartbeat-ack", 3), ("shutdown", 4), ("shutdown-ack", 3),
            ("shutdown-complete", 2), ("abort", 2), ("error", 3), ("cookie-echo", 3), ("cookie-ack", 2), ("init", 3),
            ("init-ack", 2), ("forward-tsn", 5), ("re-config", 7), ("asconf", 2), ("asconf-ack", 1), ("auth", 2),
            ("ecne", 2), ("cwr", 2), ("i-data", 2), ("i-forward-tsn", 1), ("nr-sack", 2), ("pad", 2),
            ("unknown-chunk", 4),
        ]
        let outOfTheBlue: [(String, Int)] = [
            ("init", 20), ("cookie-echo", 8), ("abort", 4), ("shutdown-ack", 4), ("shutdown-complete", 4),
            ("init-ack", 3), ("data", 3), ("heartbeat", 3), ("error", 2), ("unknown-chunk", 3),
        ]
        let table = associated ? inAssociation : outOfTheBlue
        let known = Set(records.chunkKinds)
        return table.filter { known.contains($0.0) }.map { (kind: $0.0, weight: $0.1) }
    }

    /// A new case.
    public func generate(random: inout FuzzRandom) -> FuzzCase {
        var model = self.baseline.model
        var steps: [FuzzCaseStep] = []
        let count = random.smallCount(from: 1, more: 0.55, limit: self.maximumSteps)
        for _ in 0..<count {
            if self.associated && random.chance(0.04) {
                steps += self.shutdownWithDataInFlight(model: model, random: &random)
            } else {
                steps.append(self.step(model: &model, random: &random))
            }
        }
        return FuzzCase(steps: steps)
    }

    /// One step, learnt into `model`.
    public func step(model: inout AssociationModel, random: inout FuzzRandom) -> FuzzCaseStep {
        switch random.weighted([76, 12, self.associated ? 12 : 2]) {
        case 1: return .advance(milliseconds: Self.advance(random: &random))
        case 2: return .action(self.action(model: model, random: &random))
        default:
            let packet = self.packet(model: model, random: &random)
            model.observeSent(tag: packet.verificationTag, chunks: packet.chunks.compactMap(\.typed))
            return .packet(packet)
        }
    }

    /// An application send followed at once by a shutdown: the SUT has data in flight when it is asked
    /// to close, the way into SHUTDOWN-PENDING (RFC 9260 §9.2).
    func shutdownWithDataInFlight(model: AssociationModel, random: inout FuzzRandom) -> [FuzzCaseStep] {
        let stream = UInt16(truncatingIfNeeded: random.pick(BoundaryValues(model: model).streams) ?? 0)
        let payload = [UInt8](repeating: UInt8(ascii: "p"), count: random.pick([1, 100, 1_500]) ?? 1)
        let send = ApplicationAction.send(
            stream: random.chance(0.7) ? 0 : stream, ppid: 0, payload: payload, unordered: random.chance(0.25))
        return [.action(send), .action(.shutdown)]
    }

    /// How long a time step lets the clock run: a tick, an RTO or two, a heartbeat interval, a cookie life.
    static func advance(random: inout FuzzRandom) -> UInt32 {
        random.pick([1, 10, 200, 1_000, 3_000, 6_000, 30_000, 61_000, UInt32(random.below(5_000))]) ?? 1_000
    }

    /// A packet of 1 to 4 chunks, header filled as RFC 9260 §8.5 says unless a boundary value is drawn.
    public func packet(model: AssociationModel, random: inout FuzzRandom) -> FuzzPacket {
        var working = model
        var chunks: [FuzzChunk] = []
        let count = random.smallCount(from: 1, more: 0.3, limit: 4)
        for _ in 0..<count {
            let chunk = self.chunk(model: working, random: &random)
            if let typed = chunk.typed { working.observeSent(tag: working.lastSentTag ?? 0, chunks: [typed]) }
            chunks.append(chunk)
        }
        let endpoints = self.baseline.endpoints
        let values = BoundaryValues(model: model)
        let tag: UInt32 =
            random.chance(0.88)
            ? Self.defaultTag(first: chunks.first, model: model)
            : UInt32(truncatingIfNeeded: random.pick(values.tags) ?? 0)
        let checksum: FuzzChecksum =
            random.chance(0.94)
            ? .correct : (random.pick([.bad, .zero, .value(UInt32(truncatingIfNeeded: random.next()))]) ?? .bad)
        return FuzzPacket(
            sourcePort: endpoints.harnessPort, destinationPort: endpoints.sutPort, verificationTag: tag,
            checksum: checksum, chunks: chunks)
    }

    /// One chunk of a kind drawn from `chunkWeights`, typed and valid; unknown types come with each
    /// of the four action-bit patterns of their two high bits (RFC 9260 §3.2).
    public func chunk(model: AssociationModel, random: inout FuzzRandom) -> FuzzChunk {
        let kind = self.weights[random.weighted(self.weightValues)].kind
        if kind == "unknown-chunk" { return Self.unknownChunk(random: &random) }
        let values = BoundaryValues(model: model)
        guard let chunk = self.records.chunk(kind: kind, values: values, random: &random) else {
            return Self.unknownChunk(random: &random)
        }
        return FuzzChunk(chunk)
    }

    /// A chunk of a type no registry entry claims, its two high bits one of the four action patterns.
    static func unknownChunk(random: inout FuzzRandom) -> FuzzChunk {
        let action = UInt8(random.below(4)) << 6
        var type = action | UInt8(random.within(0x10...0x3F))
        while ChunkType(type).name != nil { type = action | UInt8(random.within(0x10...0x3F)) }
        return FuzzChunk(
            type: type, flags: UInt8(random.below(2)), value: random.bytes(random.pick([0, 4, 5, 12]) ?? 4))
    }

    /// RFC 9260 §8.5, §8.5.1: 0 for INIT; the harness's own tag for ABORT or SHUTDOWN COMPLETE with the T
    /// bit; otherwise the SUT's tag (0 while unknown).
    static func defaultTag(first: FuzzChunk?, model: AssociationModel) -> UInt32 {
        guard let first else { return model.peerTag ?? 0 }
        if first.type == ChunkType.initiation.rawValue { return 0 }
        let reflects = first.flags & 0x01 != 0
        if reflects && (first.type == ChunkType.abort.rawValue || first.type == ChunkType.shutdownComplete.rawValue) {
            return model.ourTag
        }
        return model.peerTag ?? 0
    }

    /// An application action: mostly sends (on streams around the negotiated counts), else shutdown,
    /// abort, close or a socket option that changes timers (RFC 6458).
    public func action(model: AssociationModel, random: inout FuzzRandom) -> ApplicationAction {
        let values = BoundaryValues(model: model)
        switch random.weighted([50, 14, 6, 4, 26]) {
        case 1: return .shutdown
        case 2: return .abort(reason: random.chance(0.5) ? [] : Array("fuzz".utf8))
        case 3: return .close
        case 4: return .setOption(Self.option(random: &random))
        default:
            let stream = UInt16(truncatingIfNeeded: random.pick(values.streams) ?? 0)
            let size = random.pick([1, 4, 100, 1_200, 1_500, 4_000]) ?? 4
            return .send(
                stream: random.chance(0.7) ? 0 : stream, ppid: UInt32(random.below(60)),
                payload: [UInt8](repeating: UInt8(ascii: "a") &+ UInt8(random.below(26)), count: size),
                unordered: random.chance(0.25))
        }
    }

    static func option(random: inout FuzzRandom) -> SocketOption {
        switch random.below(6) {
        case 0: .rtoInfo(initial: UInt32(random.pick([1, 10, 100, 3_000, 60_000]) ?? 100), min: nil, max: nil)
        case 1: .heartbeatInterval(milliseconds: UInt32(random.pick([0, 1, 100, 30_000]) ?? 100))
        case 2: .delayedAck(milliseconds: UInt32(random.pick([0, 10, 200, 500]) ?? 200))
        case 3: .noDelay(random.chance(0.5))
        case 4: .maxRetransmissions(UInt16(random.pick([0, 1, 2, 10]) ?? 1))
        default: .cookieLife(milliseconds: UInt32(random.pick([1, 1_000, 60_000]) ?? 1_000))
        }
    }
}
