import Captures
import Foundation
import NetworkLayers
import Rules

/// Whether an offline check verifies SCTP checksums.
public enum ChecksumVerification: String, Hashable, Sendable, CaseIterable {
    /// Every checksum is verified (RFC 9260 §6.8): a wrong one is a finding, and its packet is one
    /// the receiver had to discard.
    case verify
    /// Every checksum counts as correct: for captures taken on a host that offloads checksums to
    /// its network card, whose own packets are captured before the card fills the checksum in.
    case ignore
}

/// Options of an offline check. The defaults are those of `sctpconform check`.
public struct CaptureCheckOptions: Hashable, Sendable {
    /// UDP ports taken as SCTP encapsulation (RFC 6951) on either end of a datagram.
    public var udpEncapsulationPorts: Set<UInt16>
    /// Also take UDP datagrams on other ports as SCTP when their payload's CRC32c verifies (a
    /// random payload does so once in 2^32); the ports are then taken for the rest of the capture.
    public var detectsUDPEncapsulationByChecksum: Bool
    public var configuration: RuleConfiguration
    public var checksums: ChecksumVerification
    /// Rule engines run in parallel, each on a thread of its own and on the associations of its
    /// share of SCTP port pairs (the result does not depend on it). Default: one per processor
    /// beside the one that reads and decodes, at most 8.
    public var ruleThreads: Int

    public init(
        udpEncapsulationPorts: Set<UInt16> = [UDPHeader.sctpEncapsulationPort],
        detectsUDPEncapsulationByChecksum: Bool = true, configuration: RuleConfiguration = .capture,
        checksums: ChecksumVerification = .verify, ruleThreads: Int = Self.defaultRuleThreads
    ) {
        self.udpEncapsulationPorts = udpEncapsulationPorts
        self.detectsUDPEncapsulationByChecksum = detectsUDPEncapsulationByChecksum
        self.configuration = configuration
        self.checksums = checksums
        self.ruleThreads = max(1, ruleThreads)
    }

    /// One rule thread per processor beside the reading thread's, at least 1, at most 8.
    public static var defaultRuleThreads: Int {
        min(8, max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
    }
}

/// What an offline check found.
public struct CaptureCheckResult: Sendable {
    /// The file name (or the name given to in-memory bytes).
    public var name: String
    /// The format, nil when the file could not be opened as a capture.
    public var format: CaptureFormat?
    /// Frames read.
    public var frames = 0
    /// SCTP packets found in them.
    public var sctpPackets = 0
    /// Frames whose link, IP or UDP headers could not be read, with the first reasons.
    public var unreadableFrames = 0
    public var unreadableFrameSamples: [String] = []
    /// Packets cut short by the snapshot length (not judged).
    public var incompletePackets = 0
    public var findings: [Finding] = []
    /// Findings dropped because a rule reached its per-association limit.
    public var suppressedFindings = 0
    public var associations: [AssociationSummary] = []
    /// Why reading stopped early (unopenable, not a capture, truncated or corrupt), nil when the
    /// whole file was read.
    public var readError: String?
    /// Whether checksums were verified.
    public var checksums = ChecksumVerification.verify

    /// An empty result for the capture called `name`.
    public init(name: String) {
        self.name = name
    }

    /// Endpoints that sent at least two packets in an association and got every checksum wrong,
    /// when checksums were verified: the mark of a capture taken on a host with checksum offload,
    /// whose false findings then spread to the peer (every packet it answered was one to discard).
    public var endpointsWithOnlyWrongChecksums: [TransportEndpoint] {
        self.endpointsWithOnlyWrongChecksums(adler32: false)
    }

    /// Those of `endpointsWithOnlyWrongChecksums` (or, with `adler32`, the others) whose checksums
    /// are RFC 2960's Adler-32: a stack older than 2002, not checksum offload.
    public func endpointsWithOnlyWrongChecksums(adler32: Bool) -> [TransportEndpoint] {
        guard self.checksums == .verify else { return [] }
        var endpoints: [TransportEndpoint] = []
        for association in self.associations {
            for side in association.endpoints.indices
            where association.packetsSent[side] >= 2
                && association.packetsWithWrongChecksum[side] == association.packetsSent[side]
                && association.sendsAdler32[side] == adler32
                && !endpoints.contains(association.endpoints[side]) {
                endpoints.append(association.endpoints[side])
            }
        }
        return endpoints
    }

    /// Whether some finding breaks a MUST.
    public var hasMustFinding: Bool {
        self.findings.contains { $0.severity == .must }
    }
}

/// Reads a pcap or pcapng file and judges every SCTP packet in it: SCTP over IPv4 or IPv6, directly
/// or UDP-encapsulated.
public enum CaptureChecker {
    /// Checks the capture at `path`.
    public static func check(path: String, options: CaptureCheckOptions = CaptureCheckOptions()) -> CaptureCheckResult {
        var result = CaptureCheckResult(name: path)
        let reader: CaptureReader
        do {
            reader = try CaptureReader(path: path)
        } catch {
            result.readError = error.description
            return result
        }
        Self.run(reader, options: options, into: &result)
        return result
    }

    /// Checks a capture held in memory.
    public static func check(
        bytes: [UInt8], name: String = "<memory>", options: CaptureCheckOptions = CaptureCheckOptions()
    ) -> CaptureCheckResult {
        var result = CaptureCheckResult(name: name)
        let reader: CaptureReader
        do {
            reader = try CaptureReader(bytes: bytes)
        } catch {
            result.readError = error.description
            return result
        }
        Self.run(reader, options: options, into: &result)
        return result
    }

    private static func run(
        _ reader: CaptureReader, options: CaptureCheckOptions, into result: inout CaptureCheckResult
    ) {
        result.format = reader.format
        result.checksums = options.checksums
        let pipeline = FramePipeline(reader: reader, options: options, shards: options.ruleThreads)
        pipeline.start()
        // Shard 0 on this thread, the others on threads of their own.
        let others = (1..<pipeline.shards).map { shard in
            let box = ShardBox()
            let thread = Thread { box.finish(Self.runShard(shard, of: pipeline, options: options)) }
            thread.name = "sctpconform-rules-\(shard)"
            thread.start()
            return box
        }
        var shards = [Self.runShard(0, of: pipeline, options: options)]
        shards += others.map { $0.wait() }
        Self.merge(shards, limit: options.configuration.findingLimitPerRule, into: &result)
    }

    /// What one shard's rule engine made of its frames.
    struct ShardResult: Sendable {
        var frames = 0
        var sctpPackets = 0
        var unreadableFrames = 0
        var unreadableFrameSamples: [String] = []
        var readError: String?
        var incompletePackets = 0
        var suppressedFindings = 0
        /// In order of emission; association IDs are the shard's own.
        var findings: [Finding] = []
        var associations: [AssociationSummary] = []
    }

    /// Runs the rules over every batch of `shard`.
    private static func runShard(_ shard: Int, of pipeline: FramePipeline, options: CaptureCheckOptions)
        -> ShardResult
    {
        var result = ShardResult()
        var engine = RuleEngine(configuration: options.configuration)
        while var batch = pipeline.next(shard: shard) {
            Self.judge(batch.outcomes, hints: batch.hints, with: &engine, into: &result)
            if let error = batch.readError {
                result.readError = error
            }
            // The batch's buffer goes back holding the only references to its views, which the
            // reading thread then refills.
            pipeline.recycle(&batch)
        }
        result.findings += engine.finish()
        if !options.configuration.observesFromStart {
            result.findings = CaptureLoss.marking(result.findings, evidence: engine.captureLossEvidence)
        }
        result.incompletePackets = engine.incompletePackets
        result.suppressedFindings = engine.suppressedFindings
        result.associations = engine.associations
        return result
    }

    /// Judges one batch, in order.
    private static func judge(
        _ outcomes: [FrameOutcome], hints: [PacketHint], with engine: inout RuleEngine,
        into result: inout ShardResult
    ) {
        for (position, outcome) in outcomes.enumerated() {
            // Cache hints a few packets ahead, from the hints alone (touching a view that is not in
            // cache yet would stall): the view and its chunks, then (with the packet judged now, in
            // one call to the engine) its association, its sides, and its DATA ledgers.
            if position + 12 < hints.count {
                MemoryHints.prefetch(hints[position + 12].viewAddress, bytes: 384)
                MemoryHints.prefetch(hints[position + 12].chunksAddress, bytes: 128)
            }
            result.frames += 1
            switch outcome {
            case .sctp(let view):
                result.sctpPackets += 1
                let found = engine.process(
                    view, prefetchingAssociationOf: position + 8 < hints.count ? Int(hints[position + 8].slot) : -1,
                    sidesOf: position + 5 < hints.count ? Int(hints[position + 5].slot) : -1,
                    ledgersOf: position + 2 < hints.count ? Int(hints[position + 2].slot) : -1)
                if !found.isEmpty {
                    result.findings += found
                }
            case .incompleteSCTP:
                result.sctpPackets += 1
                engine.countIncompletePacket()
            case .notSCTP:
                break
            case .unreadable(let reason):
                result.unreadableFrames += 1
                if result.unreadableFrameSamples.count < 10 {
                    result.unreadableFrameSamples.append(reason)
                }
            }
        }
    }

    /// Puts the shards' results together as one engine would have made them: associations
    /// numbered in order of first packet (each packet starts at most one), findings in order of
    /// association, packet and emission, and the per-rule limit applied across shards to findings
    /// of no association (the only ones two shards can share).
    static func merge(_ shards: [ShardResult], limit: Int, into result: inout CaptureCheckResult) {
        var numbered: [(first: Int, shard: Int, id: Int)] = []
        for (index, shard) in shards.enumerated() {
            result.frames += shard.frames
            result.sctpPackets += shard.sctpPackets
            result.unreadableFrames += shard.unreadableFrames
            result.unreadableFrameSamples += shard.unreadableFrameSamples
            result.incompletePackets += shard.incompletePackets
            result.suppressedFindings += shard.suppressedFindings
            if let error = shard.readError { result.readError = error }
            numbered += shard.associations.map { (first: $0.firstPacket, shard: index, id: $0.id) }
        }
        numbered.sort { $0.first < $1.first }
        // A shard numbers its associations 1, 2, … in its own order of first packet.
        var globalID: [[Int: Int]] = Array(repeating: [:], count: shards.count)
        var associations: [AssociationSummary] = []
        associations.reserveCapacity(numbered.count)
        for (index, entry) in numbered.enumerated() {
            globalID[entry.shard][entry.id] = index + 1
            var summary = shards[entry.shard].associations[entry.id - 1]
            summary.id = index + 1
            associations.append(summary)
        }
        result.associations = associations
        var keyed: [(association: Int, packet: Int, shard: Int, offset: Int, finding: Finding)] = []
        for (index, shard) in shards.enumerated() {
            for (offset, var finding) in shard.findings.enumerated() {
                finding.associationID = finding.associationID.flatMap { globalID[index][$0] }
                keyed.append((finding.associationID ?? 0, finding.packetNumber, index, offset, finding))
            }
        }
        keyed.sort { ($0.association, $0.packet, $0.shard, $0.offset) < ($1.association, $1.packet, $1.shard, $1.offset) }
        var keptWithoutAssociation: [String: Int] = [:]
        // An endpoint classified for its checksums (offload, Adler-32) is reported once, in its first
        // association, however many it has.
        var classifiedChecksums: Set<TransportEndpoint> = []
        var findings: [Finding] = []
        findings.reserveCapacity(keyed.count)
        for entry in keyed {
            if ChecksumOffload.isClassification(entry.finding),
                !classifiedChecksums.insert(entry.finding.violator).inserted
            {
                continue
            }
            if shards.count > 1, entry.finding.associationID == nil {
                let kept = keptWithoutAssociation[entry.finding.ruleID, default: 0]
                guard kept < limit else {
                    result.suppressedFindings += 1
                    continue
                }
                keptWithoutAssociation[entry.finding.ruleID] = kept + 1
            }
            findings.append(entry.finding)
        }
        result.findings = findings
    }
}

/// A shard's result, handed from its thread to the one that merges.
private final class ShardBox: @unchecked Sendable {
    // @unchecked: `result` is only touched under `condition`.
    private let condition = NSCondition()
    private var result: CaptureChecker.ShardResult?

    func finish(_ result: CaptureChecker.ShardResult) {
        self.condition.lock()
        self.result = result
        self.condition.broadcast()
        self.condition.unlock()
    }

    func wait() -> CaptureChecker.ShardResult {
        self.condition.lock()
        defer { self.condition.unlock() }
        while self.result == nil {
            self.condition.wait()
        }
        return self.result!
    }
}
