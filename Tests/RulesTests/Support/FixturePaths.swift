import Foundation

/// Paths of the committed fixtures, found from this file's location.
enum FixturePaths {
    /// The repository root (three levels above Tests/RulesTests/Support).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func fixture(_ relative: String) -> String {
        self.repositoryRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative).path
    }

    static var interopCaptures: [String] {
        let folder = self.repositoryRoot.appendingPathComponent("Tests/Fixtures/interop")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".pcap") }.sorted().map { folder.appendingPathComponent($0).path }
    }
}
