import Foundation
import Rules
import Testing

/// Real stacks talking to each other must come out clean, except for what is a real deviation.
@Suite struct InteropFixtureTests {
    @Test func printFindings() {
        for path in FixturePaths.interopCaptures {
            let result = CaptureChecker.check(path: path)
            print("== \(path): frames \(result.frames) sctp \(result.sctpPackets) error \(result.readError ?? "-")")
            for association in result.associations {
                print("  assoc \(association.id) \(association.title) \(association.origin) \(association.states)")
            }
            for finding in result.findings {
                print("  \(finding)")
            }
        }
    }
}
