/// A triaged non-conformance of one target at one step (`known_deviations:` in a scenario file).
///
/// The scenario keeps judging by the RFC it cites; the waiver only says that this target is known
/// to fail this step, and why. A run that fails at exactly this step on this target gets the verdict
/// DEVIATION instead of FAIL (unless `--strict`); a run that passes there while the waiver is
/// declared is a FAIL, so a waiver cannot outlive the deviation it records.
public struct KnownDeviation: Hashable, Sendable {
    /// The target name the waiver applies to (`usrsctp`), compared exactly with the target's name.
    public var target: String
    /// The 1-based number of the step that is known to fail.
    public var step: Int
    /// Why the target fails there, e.g. which older RFC it follows.
    public var reason: String
    /// Where the expected behaviour is specified (`RFC 9260 §3.3.2`), or a bug report.
    public var reference: String?
    /// Where the waiver is declared.
    public var location: FileLocation

    public init(target: String, step: Int, reason: String, reference: String? = nil, location: FileLocation) {
        self.target = target
        self.step = step
        self.reason = reason
        self.reference = reference
        self.location = location
    }
}
