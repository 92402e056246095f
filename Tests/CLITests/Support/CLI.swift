import Foundation
import ProcessTestSupport
import Testing

/// The built `sctpconform` binary, run as a user runs it: arguments in, exit status and the two
/// output streams out. Every run has a time limit.
enum CLI {
    /// Whether the binary exists (it is built with the tests; CI requires it).
    static let isBuilt = ExternalTool.sctpconform != nil || ExternalTool.isCI

    /// Whether the usrsctp target is available here (CI installs it, so CI requires it).
    static let hasUSRSCTP: Bool = {
        guard let binary = ExternalTool.sctpconform else { return ExternalTool.isCI }
        let listing = (try? ExternalTool.run(binary, ["targets"], timeout: 120))?.standardOutput ?? ""
        let available = listing.split(separator: "\n").contains {
            $0.hasPrefix("usrsctp ") && $0.contains(" available ")
        }
        return available || ExternalTool.isCI
    }()

    static func run(_ arguments: [String], timeout: TimeInterval = 120) throws -> ExternalTool.Result {
        let binary = try #require(ExternalTool.sctpconform, "sctpconform must be built when CI is set")
        let result = try ExternalTool.run(binary, arguments, timeout: timeout)
        #expect(!result.timedOut, "sctpconform \(arguments.joined(separator: " ")) timed out")
        #expect(!Self.crashed(result), "sctpconform crashed: \(result.standardError)")
        return result
    }

    /// Whether the process died of a signal or printed a Swift runtime trap or stack dump.
    static func crashed(_ result: ExternalTool.Result) -> Bool {
        result.status > 128 || result.standardError.contains("Fatal error")
            || result.standardError.contains("Stack dump") || result.standardError.contains("Current stack trace")
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    static func json(_ path: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: path), "\(path) was not written")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The names in a folder that look like half-written files (temporary names of atomic writes).
    static func leftovers(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix(".") || $0.contains(".tmp") || $0.hasSuffix("~") }
    }

    static func scenario(_ name: String) -> String {
        repositoryRoot() + "/Scenarios/" + name
    }
}
