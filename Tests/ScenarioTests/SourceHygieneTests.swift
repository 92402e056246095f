import Foundation
import Testing

/// The shipped text names no path of the machine it was written on (issue 11, item 20): a reader
/// elsewhere cannot follow such a path.
@Suite struct SourceHygieneTests {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Prefixes of absolute paths that exist only on some machine (built from their folder names, so
    /// this file does not itself hold such a path).
    static let machinePathPrefixes = ["work", "home", "Users", "root"].map { "/\($0)/" } + ["/tmp/sctpconform"]

    @Test func sourcesNameNoMachinePath() throws {
        var offenders: [String] = []
        for folder in ["Sources", "Scenarios", "docs"] {
            let base = Self.repositoryRoot.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let url as URL in walker
            where ["swift", "c", "h", "yaml", "md"].contains(url.pathExtension) {
                let text = try String(contentsOf: url, encoding: .utf8)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where Self.machinePathPrefixes.contains(where: { line.contains($0) }) {
                    offenders.append("\(url.path.dropFirst(Self.repositoryRoot.path.count + 1)):\(number + 1): \(line)")
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }
}
