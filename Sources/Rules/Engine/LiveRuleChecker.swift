import NetworkLayers

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
    /// The violator's address and port in the packet judged (`198.18.0.2:5001`, `[2001:db8::2]:5001`);
    /// for a requirement judged at the end of the run, the party's address as last seen.
    public var violatorEndpoint: TransportEndpoint

    /// A rule the harness broke on purpose (a scenario sending malformed traffic).
    public var isExpected: Bool { self.violator == .harness }

    /// A MUST-level rule broken by the system under test: the scenario fails.
    public var failsScenario: Bool { self.violator == .systemUnderTest && self.finding.severity == .must }
}

/// The rule engine fed from a live run: packets come in their envelopes (addresses, carriage,
/// instant) with a direction; ports come from the common headers.
///
/// The engine tracks associations by party (harness, system under test) rather than by address: a
/// multihomed harness sends one association's packets from several addresses (RFC 9260 §6.4), and the
/// live run knows which party each address belongs to. The real addresses are kept for the findings.
public struct LiveRuleChecker: Sendable {
    private var engine: RuleEngine
    /// The harness's and the SUT's addresses in the latest packet, for findings judged at the end.
    private var lastHarnessAddress: IPAddress?
    private var lastSUTAddress: IPAddress?

    public init(configuration: RuleConfiguration = .live) {
        self.engine = RuleEngine(configuration: configuration)
    }

    /// Judges one packet of the run.
    /// - Parameters:
    ///   - packet: the packet in its envelope; its time is the run's virtual time.
    ///   - direction: `.toSUT` for the harness's packets, `.fromSUT` for the SUT's.
    ///   - number: the packet's 1-based position in the run, both directions counted.
    public mutating func observe(_ packet: AddressedPacket, direction: PacketDirection, number: Int) -> [LiveFinding] {
        let toSUT = direction == .toSUT
        let (source, destination): (EndpointHost, EndpointHost) =
            toSUT ? (.harness, .systemUnderTest) : (.systemUnderTest, .harness)
        self.lastHarnessAddress = toSUT ? packet.source : packet.destination
        self.lastSUTAddress = toSUT ? packet.destination : packet.source
        let observation = SCTPObservation(
            number: number, time: packet.time.nanoseconds, from: source, to: destination, bytes: packet.bytes)
        let found = self.engine.process(observation)
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

    private func attribute(_ finding: Finding) -> LiveFinding {
        let party: LiveParty = finding.violator.host == .harness ? .harness : .systemUnderTest
        let address = party == .harness ? self.lastHarnessAddress : self.lastSUTAddress
        var endpoint = finding.violator
        if let address { endpoint.host = .ip(address) }
        return LiveFinding(finding: finding, violator: party, violatorEndpoint: endpoint)
    }
}
