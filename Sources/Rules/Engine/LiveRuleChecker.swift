import NetworkLayers
import SCTPWire

// Usage from the scenario runner (one checker per scenario run):
//
//     var checker = LiveRuleChecker()
//     // for every packet of the run, both directions, in the order they were sent:
//     let found = checker.observe(envelope, direction: .toSUT, number: n)
//     // at the end of the run:
//     let late = checker.finish()
//
// Each `LiveFinding` says which party broke the rule. Findings against the system under test with
// severity `.must` fail the scenario (`failsScenario`); findings against the harness are the
// deliberate malformed sends of the scenario, to be recorded as expected (`isExpected`).

/// The two parties of a live run.
public enum LiveParty: String, Hashable, Sendable, Codable {
    case harness
    case systemUnderTest = "sut"
}

/// A finding of a live run, with the party that broke the rule and its real endpoint.
public struct LiveFinding: Hashable, Sendable {
    public var finding: Finding
    public var violator: LiveParty
    /// The violator's address and port (`198.18.0.2:5001`, `[2001:db8::2]:5001`).
    public var violatorEndpoint: TransportEndpoint

    /// A rule the harness broke on purpose (a scenario sending malformed traffic).
    public var isExpected: Bool { self.violator == .harness }

    /// A MUST-level rule broken by the system under test: the scenario fails.
    public var failsScenario: Bool { self.violator == .systemUnderTest && self.finding.severity == .must }
}

/// The rule engine fed from a live run: packets come in their envelopes (addresses, carriage,
/// instant) with a direction, and are judged between their real endpoints (address and SCTP port), as
/// a capture of the run would be; the direction says which endpoints are the harness's, so each finding
/// is attributed to a party.
///
/// A multihomed harness sends one association's packets from several addresses (RFC 9260 §6.4); the
/// engine finds their association by its verification tags, as it does in captures.
public struct LiveRuleChecker: Sendable {
    private var engine: RuleEngine
    /// Every endpoint the harness and the SUT used so far (a multihomed party has several), and the
    /// latest of each, so that a packet from the same endpoints costs no set update.
    private var harnessEndpoints: Set<TransportEndpoint> = []
    private var sutEndpoints: Set<TransportEndpoint> = []
    private var lastHarness: TransportEndpoint?
    private var lastSUT: TransportEndpoint?

    public init(configuration: RuleConfiguration = .live) {
        self.engine = RuleEngine(configuration: configuration)
    }

    /// Judges one packet of the run.
    /// - Parameters:
    ///   - packet: the packet in its envelope; its time is the run's virtual time.
    ///   - direction: `.toSUT` for the harness's packets, `.fromSUT` for the SUT's.
    ///   - number: the packet's 1-based position in the run, both directions counted.
    public mutating func observe(_ packet: AddressedPacket, direction: PacketDirection, number: Int) -> [LiveFinding] {
        self.observe(packet, decoded: DecodedSCTPPacket(packet.bytes), direction: direction, number: number)
    }

    /// Judges one packet of the run from its decode (`DecodedSCTPPacket(packet.bytes)`, made once by
    /// the caller for every reader of the packet): the rules decode nothing again.
    /// - Parameters:
    ///   - packet: the packet in its envelope; its time is the run's virtual time.
    ///   - decoded: `packet.bytes` decoded.
    ///   - direction: `.toSUT` for the harness's packets, `.fromSUT` for the SUT's.
    ///   - number: the packet's 1-based position in the run, both directions counted.
    public mutating func observe(
        _ packet: AddressedPacket, decoded: DecodedSCTPPacket, direction: PacketDirection, number: Int
    ) -> [LiveFinding] {
        var sourceUDP: UInt16?
        var destinationUDP: UInt16?
        if case .udpEncapsulated(let sourcePort, let destinationPort) = packet.carriage {
            (sourceUDP, destinationUDP) = (sourcePort, destinationPort)
        }
        let source = TransportEndpoint(host: .ip(packet.source), port: packet.sourcePort, udpPort: sourceUDP)
        let destination = TransportEndpoint(
            host: .ip(packet.destination), port: packet.destinationPort, udpPort: destinationUDP)
        let (harness, sut) = direction == .toSUT ? (source, destination) : (destination, source)
        if harness != self.lastHarness {
            self.harnessEndpoints.insert(harness)
            self.lastHarness = harness
        }
        if sut != self.lastSUT {
            self.sutEndpoints.insert(sut)
            self.lastSUT = sut
        }
        let view = PacketView(
            number: number, time: packet.time.nanoseconds, source: source, destination: destination, decoded: decoded)
        let found = self.engine.process(view)
        if found.isEmpty { return [] }
        return found.map(self.attribute)
    }

    /// The run is over: judges what was still owed (an ERROR never sent, an ABORT never sent).
    public mutating func finish() -> [LiveFinding] {
        self.engine.finish().map(self.attribute)
    }

    /// The associations seen so far.
    public var associations: [AssociationSummary] {
        self.engine.associations
    }

    /// Each association's two sides as the rules' tracker knows them, side 0 first to send.
    public var trackedSides: [[TrackedSide]] {
        self.engine.trackedSides
    }

    /// The newest association between `local` and `remote` as the tracker knows it, `local`'s side first.
    public func trackedSides(local: TransportEndpoint, remote: TransportEndpoint) -> (local: TrackedSide, remote: TrackedSide)? {
        self.engine.trackedSides(local: local, remote: remote)
    }

    /// The party whose endpoint broke the rule: the harness when the endpoint is only ever the
    /// harness's, the SUT otherwise.
    private func attribute(_ finding: Finding) -> LiveFinding {
        let byHarness =
            self.harnessEndpoints.contains(finding.violator) && !self.sutEndpoints.contains(finding.violator)
        return LiveFinding(
            finding: finding, violator: byHarness ? .harness : .systemUnderTest, violatorEndpoint: finding.violator)
    }
}
