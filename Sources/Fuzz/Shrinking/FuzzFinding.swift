import Targets

/// A failure the campaign found and shrank: the reduced case, how it fails, and what its actions
/// returned (so the scenario written for it expects the same results).
public struct FuzzFinding: Hashable, Sendable {
    /// `crash-1a2b3c4d5e6f`: the kind and a hash of the signature and the reduced case.
    public var id: String
    public var failure: FuzzFailure
    /// The reduced case.
    public var fuzzCase: FuzzCase
    /// The case as first found (before shrinking): its step count.
    public var originalSteps: Int
    /// The execution (1-based) that found it.
    public var run: Int
    /// What each action of the reduced case returned.
    public var actionResults: [ActionResult]

    public init(failure: FuzzFailure, fuzzCase: FuzzCase, originalSteps: Int, run: Int, actionResults: [ActionResult]) {
        self.failure = failure
        self.fuzzCase = fuzzCase
        self.originalSteps = originalSteps
        self.run = run
        self.actionResults = actionResults
        let hash = ContentHash.hex(failure.signature + "\n" + FuzzCaseText.write(fuzzCase))
        self.id = "\(failure.kind.rawValue)-\(hash.prefix(12))"
    }
}
