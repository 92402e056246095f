/// How binding the requirement a rule enforces is.
///
/// `must` marks a violation of an RFC MUST (or MUST NOT); `should` of a SHOULD; `suspicious` marks
/// behaviour no keyword forbids but that almost always means a bug. Ordered from least to most
/// binding, so `severity >= .should` selects `should` and `must`.
public enum RuleSeverity: String, Hashable, Sendable, Comparable, CaseIterable, Codable, CustomStringConvertible {
    case suspicious
    case should
    case must

    /// `MUST`, `SHOULD`, `SUSPICIOUS`: the form printed in tables and reports.
    public var label: String {
        switch self {
        case .must: "MUST"
        case .should: "SHOULD"
        case .suspicious: "SUSPICIOUS"
        }
    }

    public var description: String { self.label }

    private var rank: Int {
        switch self {
        case .suspicious: 0
        case .should: 1
        case .must: 2
        }
    }

    public static func < (lhs: RuleSeverity, rhs: RuleSeverity) -> Bool {
        lhs.rank < rhs.rank
    }

    /// Parses `must`, `should`, `suspicious` in any letter case.
    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }
}
