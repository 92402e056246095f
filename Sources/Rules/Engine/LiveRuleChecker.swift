// Usage from the scenario runner (one checker per scenario run):
//
//     var checker = LiveRuleChecker()
//     // for every packet of the run, both directions, in the order they were sent:
//     let found = checker.observe(bytes, direction: .harnessToSUT, number: n, time: instant.nanoseconds)
//     // at the end of the run:
//     let late = checker.finish()
//
// Each `LiveFinding` says which party broke the rule. Findings against the system under test with
// severity `.must` fail the scenario (`failsScenario`); findings against the harness are the
// deliberate malformed sends of the scenario, to be recorded as expected (`isExpected`).

/// Which way a packet of a live run went.
public enum LiveDirection: String, Hashable, Sendable, Codable {
    case harnessToSUT = "to-sut"
    case sutToHarness = "from-sut"
}

/// The two parties of a live run.
public enum LiveParty: String, Hashable, Sendable, Codable {
    case harness
    case systemUnderTest = "sut"
}

/// A finding of a live run, with the party that broke the rule.
public struct LiveFinding: Hashable, Sendable {
    public var finding: Finding
    public var violator: LiveParty

    /// A rule the harness broke on purpose (a scenario sending malformed traffic).
    public var isExpected: Bool { self.violator == .harness }

    /// A MUST-level rule broken by the system under test: the scenario fails.
    public var failsScenario: Bool { self.violator == .systemUnderTest && self.finding.severity == .must }
}

/// The rule engine fed from a live run: packets are SCTP bytes with a direction; the harness and the
/// system under test are the two hosts (ports come from the common headers).
public struct LiveRuleChecker: Sendable {
    private var engine: RuleEngine

    public init(configuration: RuleConfiguration = .live) {
        self.engine = RuleEngine(configuration: configuration)
    }

    /// Judges one packet of the run (`bytes`: the SCTP packet, common header onward).
    /// - Parameters:
    ///   - number: the packet's 1-based position in the run, both directions counted.
    ///   - time: virtual time in nanoseconds (`VirtualInstant.nanoseconds`).
    public mutating func observe(_ bytes: [UInt8], direction: LiveDirection, number: Int, time: UInt64) -> [LiveFinding]
    {
        let (source, destination): (EndpointHost, EndpointHost) =
            direction == .harnessToSUT ? (.harness, .systemUnderTest) : (.systemUnderTest, .harness)
        let observation = SCTPObservation(number: number, time: time, from: source, to: destination, bytes: bytes)
        return self.engine.process(observation).map(Self.attribute)
    }

    /// The run is over: judges what was still owed (an ERROR never sent, an ABORT never sent).
    public mutating func finish() -> [LiveFinding] {
        self.engine.finish().map(Self.attribute)
    }

    /// The associations seen so far.
    public var associations: [AssociationSummary] {
        self.engine.associations
    }

    private static func attribute(_ finding: Finding) -> LiveFinding {
        LiveFinding(finding: finding, violator: finding.violator.host == .harness ? .harness : .systemUnderTest)
    }
}
