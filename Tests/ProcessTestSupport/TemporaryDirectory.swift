import Foundation

/// A fresh directory for one test, removed with its contents by `remove()`.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init() {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sctpconform-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        self.path = base.path
    }

    public func file(_ name: String) -> String { self.path + "/" + name }

    public func remove() {
        try? FileManager.default.removeItem(atPath: self.path)
    }
}
