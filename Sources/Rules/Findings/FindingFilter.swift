/// Which findings a report shows: a minimum severity and, optionally, a set of rules.
public struct FindingFilter: Hashable, Sendable {
    /// Findings below this severity are left out.
    public var minimumSeverity: RuleSeverity
    /// Rule ids or whole families (`vtag`, `vtag.*`); nil keeps every rule.
    public var rules: [String]?

    public init(minimumSeverity: RuleSeverity = .suspicious, rules: [String]? = nil) {
        self.minimumSeverity = minimumSeverity
        self.rules = rules
    }

    /// Everything.
    public static let all = FindingFilter()

    /// Whether `finding` passes.
    public func admits(_ finding: Finding) -> Bool {
        guard finding.severity >= self.minimumSeverity else { return false }
        guard let rules = self.rules else { return true }
        return rules.contains { Self.pattern($0, matches: finding.ruleID) }
    }

    /// Entries of `rules` that name no rule and no family of `catalogue`.
    public func unknownRules(in catalogue: [RuleDescriptor] = RuleCatalogue.all) -> [String] {
        (self.rules ?? []).filter { entry in !catalogue.contains { Self.pattern(entry, matches: $0.id) } }
    }

    /// `vtag.peer-tag` matches itself; `vtag` and `vtag.*` match every `vtag.` rule.
    static func pattern(_ pattern: String, matches id: String) -> Bool {
        if pattern == id { return true }
        let family = pattern.hasSuffix(".*") ? String(pattern.dropLast(2)) : pattern
        return id.hasPrefix(family + ".")
    }
}
