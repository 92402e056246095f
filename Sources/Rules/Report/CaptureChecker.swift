import Captures
import NetworkLayers

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

    public init(
        udpEncapsulationPorts: Set<UInt16> = [UDPHeader.sctpEncapsulationPort],
        detectsUDPEncapsulationByChecksum: Bool = true, configuration: RuleConfiguration = .capture,
        checksums: ChecksumVerification = .verify
    ) {
        self.udpEncapsulationPorts = udpEncapsulationPorts
        self.detectsUDPEncapsulationByChecksum = detectsUDPEncapsulationByChecksum
        self.configuration = configuration
        self.checksums = checksums
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
        guard self.checksums == .verify else { return [] }
        var endpoints: [TransportEndpoint] = []
        for association in self.associations {
            for side in association.endpoints.indices
            where association.packetsSent[side] >= 2
                && association.packetsWithWrongChecksum[side] == association.packetsSent[side]
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
        var engine = RuleEngine(configuration: options.configuration)
        var findings: [Finding] = []
        let pipeline = FramePipeline(reader: reader, options: options)
        pipeline.start()
        while var batch = pipeline.next() {
            for outcome in batch.outcomes {
                result.frames += 1
                switch outcome {
                case .sctp(let view):
                    result.sctpPackets += 1
                    let found = engine.process(view)
                    if !found.isEmpty {
                        findings += found
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
            if let error = batch.readError {
                result.readError = error
            }
            pipeline.recycle(&batch)
        }
        findings += engine.finish()
        result.incompletePackets = engine.incompletePackets
        result.suppressedFindings = engine.suppressedFindings
        result.associations = engine.associations
        result.findings = findings.enumerated().sorted {
            ($0.element.associationID ?? 0, $0.element.packetNumber, $0.offset)
                < ($1.element.associationID ?? 0, $1.element.packetNumber, $1.offset)
        }.map(\.element)
    }
}
