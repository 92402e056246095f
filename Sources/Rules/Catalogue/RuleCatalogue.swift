/// Every rule the checker enforces, grouped by family in the order of `RuleFamily`.
public enum RuleCatalogue {
    /// All rules.
    public static let all: [RuleDescriptor] =
        PacketFormatRules.rules + BundlingRules.rules + ChunkFieldRules.rules + VerificationTagRules.rules
        + OutOfTheBlueRules.rules + InitiationRules.rules + HandshakeRules.rules + CookieRules.rules
        + StreamRules.rules + ShutdownRules.rules + DataRules.rules + SACKRules.rules + HeartbeatRules.rules
        + UnrecognizedRules.rules

    /// The rule with `id`, nil if there is none.
    public static func rule(_ id: String) -> RuleDescriptor? {
        Self.byID[id]
    }

    private static let byID: [String: RuleDescriptor] = Dictionary(
        Self.all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
}
