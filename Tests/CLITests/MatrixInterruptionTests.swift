import Foundation
import ProcessTestSupport
import Testing

/// A comparison run (`--target a,b`) stopped by a signal: its staging folder, which holds one
/// subfolder per target, goes with it, the previous run's set stays whole, and a staging folder
/// left by a SIGKILL is removed, subfolders and all, by the next run.
@Suite(
    "sctpconform run --target a,b, interrupted",
    .enabled(if: CLI.isBuilt, "the sctpconform binary was not built"),
    .enabled(if: CLI.hasUSRSCTP, "usrsctp is not available here (scripts/install-system-packages.sh)"))
struct MatrixInterruptionTests {
    static let scenarios = ["handshake.yaml", "cookie-stale.yaml", "shutdown-retransmission.yaml"].map(CLI.scenario)

    @Test("SIGTERM during a comparison leaves the previous set and no staging folder")
    func interruptedComparison() throws {
        let work = TemporaryDirectory()
        defer { work.remove() }
        let reports = work.file("reports")
        let previous = try CLI.run(["run", CLI.scenario("handshake.yaml"), "--reports", reports])
        #expect(previous.status == 0)
        let before = ReportSet.read(reports)
        // The helper stops answering at the handshake's SHUTDOWN (a test-only hook), so the signal,
        // sent once the helper is up, always lands while the comparison is under way: without it the
        // three scenarios on both targets can be over in a few milliseconds, before the signal.
        let outcome = try InterruptedRun.run(
            ["run"] + Self.scenarios + ["--target", "usrsctp,usrsctp", "--reports", reports], after: .zero,
            signal: SIGTERM, waitForHelper: true, environment: ["SCTPCONFORM_TEST_HANG_ON_CHUNK": "7"])
        #expect(outcome.status == 128 + SIGTERM, "\(outcome.standardOutput)\(outcome.standardError)")
        #expect(outcome.survivingHelpers.isEmpty)
        #expect(ReportSet.read(reports) == before)
        #expect(CLI.leftovers(in: reports).isEmpty)
    }

    @Test("SIGKILL during a comparison: the next run removes the staging folder and its subfolders")
    func killedComparison() throws {
        let work = TemporaryDirectory()
        defer { work.remove() }
        let reports = work.file("reports")
        let outcome = try InterruptedRun.run(
            ["run"] + Self.scenarios + ["--target", "usrsctp,usrsctp", "--reports", reports], after: .milliseconds(300),
            signal: SIGKILL, waitForHelper: true)
        #expect(!outcome.timedOut)
        let next = try CLI.run(
            ["run", CLI.scenario("handshake.yaml"), "--target", "usrsctp,usrsctp", "--reports", reports])
        #expect(next.status == 0, "\(next.standardError)")
        #expect(CLI.leftovers(in: reports).isEmpty, "\(CLI.leftovers(in: reports))")
        let names = try FileManager.default.contentsOfDirectory(atPath: reports).sorted()
        #expect(names == ["index.html", "junit.xml", "run.json", "usrsctp", "usrsctp.2"])
    }
}
