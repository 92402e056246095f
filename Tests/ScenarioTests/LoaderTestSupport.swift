import Foundation
import Scenario
import Testing

/// Helpers shared by the loader tests.
enum LoaderTestSupport {
    /// The repository's `Scenarios/` folder.
    static var scenariosDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios").path
    }

    /// Loads `text`, expecting success.
    static func load(_ text: String, file: String = "test.yaml") throws -> Scenario {
        do {
            return try ScenarioLoader().load(yaml: text, file: file)
        } catch {
            Issue.record("unexpected load errors:\n\(error.description)")
            throw error
        }
    }

    /// Loads `text`, expecting failure; returns the errors.
    static func errors(_ text: String, file: String = "test.yaml") -> [ScenarioError] {
        do {
            _ = try ScenarioLoader().load(yaml: text, file: file)
            Issue.record("expected load errors, the scenario loaded")
            return []
        } catch {
            return error.errors
        }
    }

    /// A minimal valid header followed by `steps`.
    static func scenario(steps: String, header: String = "") -> String {
        """
        id: t
        title: test
        sut: {role: server}
        \(header)steps:
        \(steps)
        """
    }
}
