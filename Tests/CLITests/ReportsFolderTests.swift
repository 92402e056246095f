import Foundation
import ProcessTestSupport
import Testing

/// `sctpconform run` with a reports folder it cannot use (issue 11, item 8): found before any
/// scenario runs, exit 2, a message in words (no Foundation error domains or codes).
@Suite(
    "sctpconform run, unusable reports folder",
    .enabled(if: CLI.isBuilt, "the sctpconform binary was not built"),
    .enabled(if: CLI.hasUSRSCTP, "usrsctp is not available here (scripts/install-system-packages.sh)"))
struct ReportsFolderTests {
    static func expectRefused(_ reports: String, saying expected: String) throws {
        let result = try CLI.run(["run", CLI.scenario("handshake.yaml"), "--reports", reports])
        #expect(result.status == 2, "--reports '\(reports)': \(result.standardOutput)\(result.standardError)")
        // Checked before any scenario ran: no verdict line.
        #expect(result.standardOutput.isEmpty, "--reports '\(reports)' ran scenarios: \(result.standardOutput)")
        #expect(result.standardError.contains("as the reports folder: " + expected), "\(result.standardError)")
        #expect(!result.standardError.contains("NSCocoaErrorDomain") && !result.standardError.contains("Error Domain"))
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
    }

    @Test("an empty path, a file in its place, a file in its path, a path under /proc")
    func unusablePaths() throws {
        let folder = TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("a-file")
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        try Self.expectRefused("", saying: "the path is empty")
        try Self.expectRefused(file, saying: "\(file) is a file, not a folder")
        try Self.expectRefused(file + "/reports", saying: "\(file) is a file, not a folder")
        try Self.expectRefused("/proc/sctpconform-reports", saying: "cannot create /proc/sctpconform-reports: ")
        try Self.expectRefused("/proc", saying: "cannot write in it: ")
        #expect(CLI.leftovers(in: folder.path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a-file"])
    }

    @Test("a folder that cannot be written (immutable as root, read-only permissions otherwise)")
    func readOnlyFolder() throws {
        let folder = TemporaryDirectory()
        defer { folder.remove() }
        let reports = folder.file("reports")
        try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
        let isRoot = getuid() == 0
        if isRoot {
            // Root writes through permissions; an immutable folder (chattr +i) refuses it too.
            let chattr = try ExternalTool.run("/usr/bin/chattr", ["+i", reports], timeout: 30)
            try #require(chattr.status == 0, "chattr +i is not available here: \(chattr.standardError)")
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: reports)
        }
        defer {
            if isRoot {
                _ = try? ExternalTool.run("/usr/bin/chattr", ["-i", reports], timeout: 30)
            } else {
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: reports)
            }
        }
        try Self.expectRefused(reports, saying: "cannot write in it: ")
    }
}
