/// Collects findings, keeping at most `limit` per rule and association and counting the rest.
struct FindingSink: Sendable {
    private struct Key: Hashable, Sendable {
        var association: Int
        var rule: String
    }

    var findings: [Finding] = []
    /// Findings dropped because their rule had reached the limit in their association.
    private(set) var suppressed = 0
    private var counts: [Key: Int] = [:]
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    mutating func report(
        _ rule: RuleDescriptor, _ message: String, by violator: TransportEndpoint, packet: Int, time: UInt64,
        association: Int?, related: [Int] = [], severity: RuleSeverity? = nil
    ) {
        let key = Key(association: association ?? 0, rule: rule.id)
        let count = self.counts[key, default: 0]
        self.counts[key] = count + 1
        guard count < self.limit else {
            self.suppressed += 1
            return
        }
        var finding = Finding(
            rule: rule, packetNumber: packet, time: time, message: message, violator: violator,
            associationID: association, relatedPackets: related)
        if let severity {
            finding.severity = severity
        }
        self.findings.append(finding)
    }

    /// Reports against the sender of the packet in `context`.
    mutating func report(_ rule: RuleDescriptor, _ message: String, _ context: PacketContext, related: [Int] = []) {
        self.report(
            rule, message, by: context.view.source, packet: context.view.number, time: context.view.time,
            association: context.associationID, related: related)
    }

    /// Takes the findings collected so far.
    mutating func drain() -> [Finding] {
        if self.findings.isEmpty { return [] }
        defer { self.findings.removeAll(keepingCapacity: true) }
        return self.findings
    }
}
