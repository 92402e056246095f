/// A rule broken by one endpoint, shown by one packet.
public struct Finding: Hashable, Sendable {
    /// The rule's id (`vtag.peer-tag`).
    public var ruleID: String
    /// The section the rule enforces (its main one).
    public var section: RFCSection
    public var severity: RuleSeverity
    /// The packet that shows the violation (for a requirement judged at the end, the packet that
    /// created it).
    public var packetNumber: Int
    /// Its time in nanoseconds (virtual time live, capture time offline).
    public var time: UInt64
    /// What happened, with the values involved.
    public var message: String
    /// The endpoint that broke the rule.
    public var violator: TransportEndpoint
    /// The association the packet belongs to (1-based, in order of first packet), if any.
    public var associationID: Int?
    /// Other packets the message refers to.
    public var relatedPackets: [Int]

    public init(
        rule: RuleDescriptor, packetNumber: Int, time: UInt64, message: String, violator: TransportEndpoint,
        associationID: Int?, relatedPackets: [Int] = []
    ) {
        self.ruleID = rule.id
        self.section = rule.section
        self.severity = rule.severity
        self.packetNumber = packetNumber
        self.time = time
        self.message = message
        self.violator = violator
        self.associationID = associationID
        self.relatedPackets = relatedPackets
    }
}

extension Finding: CustomStringConvertible {
    /// `#18 MUST shutdown.cum-tsn-ack (RFC 9260 §3.3.8) by 127.0.0.1:5000: ...`.
    public var description: String {
        "#\(self.packetNumber) \(self.severity.label) \(self.ruleID) (\(self.section)) by \(self.violator): "
            + self.message
    }
}
