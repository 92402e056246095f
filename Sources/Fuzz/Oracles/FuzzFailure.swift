/// What an oracle found wrong in one execution.
public struct FuzzFailure: Hashable, Sendable {
    /// The kind of oracle that fired.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The target crashed or aborted (`sut-crashed`).
        case crash
        /// The target stopped answering its driver (a hung helper) or the harness could not go on.
        case hang
        /// The SUT no longer answered the liveness probe.
        case liveness
        /// A MUST-level rule of the live checker broken by the SUT.
        case rule
        /// The SUT's output grew past the limit (packets or bytes for one input).
        case resource
    }

    public var kind: Kind
    /// The rule broken (`rule`), else the kind's own name (`sut-crashed`, `liveness`, ...).
    public var rule: String
    /// RFC section or `robustness`.
    public var section: String
    /// One line: what happened.
    public var message: String

    public init(kind: Kind, rule: String, section: String, message: String) {
        self.kind = kind
        self.rule = rule
        self.section = section
        self.message = message
    }

    /// What makes two failures the same bug for deduplication and shrinking: the kind and the rule.
    public var signature: String { "\(self.kind.rawValue):\(self.rule)" }
}
