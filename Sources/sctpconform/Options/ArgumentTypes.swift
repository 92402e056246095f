import ArgumentParser
import CaptureCheck
import Rules

/// `--checksums verify|ignore`: the parser rejects anything else and lists the values in `--help`.
extension ChecksumVerification: ExpressibleByArgument {}

/// `--min-severity must|should|suspicious`: the parser rejects anything else and lists the values.
extension RuleSeverity: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(name: argument)
    }
}
