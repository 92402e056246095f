/// One rule of the catalogue: what it checks, where the RFC says so, and how binding it is.
///
/// Descriptors are static data; the policy types in `Groups/` decide when a packet breaks one.
public struct RuleDescriptor: Hashable, Sendable, Codable {
    /// Stable identifier, `family.name` (`vtag.peer-tag`): used in reports, `--rules`, and tests.
    public var id: String
    public var family: RuleFamily
    /// The sections that state the requirement, the main one first.
    public var sections: [RFCSection]
    public var severity: RuleSeverity
    /// The requirement in one line, in our own words.
    public var statement: String

    public init(
        _ id: String, family: RuleFamily, sections: [RFCSection], severity: RuleSeverity, statement: String
    ) {
        self.id = id
        self.family = family
        self.sections = sections
        self.severity = severity
        self.statement = statement
    }

    /// The main section (`RFC 9260 §8.5`).
    public var section: RFCSection {
        self.sections.first ?? .sctp("1")
    }

    /// Every section, `RFC 9260 §3.3.2, §3.3.3` (grouped by RFC).
    public var sectionsText: String {
        var parts: [String] = []
        var currentRFC: Int?
        for section in self.sections {
            if section.rfc == currentRFC {
                parts.append("§\(section.section)")
            } else {
                parts.append(section.description)
                currentRFC = section.rfc
            }
        }
        return parts.joined(separator: ", ")
    }
}
