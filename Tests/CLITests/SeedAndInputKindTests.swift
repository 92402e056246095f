import Foundation
import ProcessTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Messages for misused arguments (issue 11, item 15): a negative seed, and a FIFO given to `decode`
/// and `check` (which used to wait forever for a writer).
@Suite(.enabled(if: CLI.isBuilt, "the sctpconform binary was not built"))
struct SeedAndInputKindTests {
    @Test func aNegativeSeedIsExplained() throws {
        let result = try CLI.run(["run", CLI.scenario("handshake.yaml"), "--seed", "-1", "--reports", "/nonexistent"])
        #expect(result.status == 64 || result.status == 2, "\(result.standardError)")
        #expect(!result.standardError.contains("Missing value"))
        #expect(
            result.standardError.contains(
                "'-1' is not a seed: a seed is a whole number from 0 to 18446744073709551615"))
    }

    @Test func aFIFOIsRefusedByDecodeAndCheck() throws {
        let folder = TemporaryDirectory()
        defer { folder.remove() }
        #expect(mkfifo(folder.file("x.pcap"), 0o600) == 0)
        for command in ["decode", "check"] {
            let result = try CLI.run([command, folder.file("x.pcap")], timeout: 20)
            #expect(!result.timedOut, "\(command) blocked on a FIFO")
            #expect(result.status == 2, "\(command)")
            #expect((result.standardOutput + result.standardError).contains("a FIFO (named pipe), not a capture file"))
        }
    }
}
