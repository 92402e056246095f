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

    /// The rule citing `section` as its main one, for a finding that one of its sections states
    /// more exactly than the first (an INIT ACK's fields are §3.3.3, where the rule starts with the
    /// INIT's §3.3.2). A section the rule does not list leaves it unchanged.
    public func citing(_ section: RFCSection) -> RuleDescriptor {
        guard let index = self.sections.firstIndex(of: section), index > 0 else { return self }
        var rule = self
        rule.sections.remove(at: index)
        rule.sections.insert(section, at: 0)
        return rule
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
