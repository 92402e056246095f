import Foundation
import Scenario
import Testing

/// Every shipped scenario, written by `ScenarioWriter` and loaded again, is the same scenario: equal
/// once `file` and the source locations are erased (`Scenario.locationsErased`; the writer lays the text
/// out its own way, so lines and columns cannot survive, and the file name is not part of the text).
/// Step numbers are compared: they follow positions, so a step lost or added shows.
@Suite struct WriterRoundTripTests {
    /// Writes `scenario`, loads the text as if it were at the scenario's own path (so `from:` finds the
    /// same preambles), and returns the text and the result.
    static func roundTrip(
        _ scenario: Scenario, loader: ScenarioLoader = ScenarioLoader()
    ) -> (String, Result<Scenario, ScenarioLoadFailure>) {
        let text = ScenarioWriter().write(scenario)
        do {
            return (text, .success(try loader.load(yaml: text, file: scenario.file)))
        } catch {
            return (text, .failure(error))
        }
    }

    @Test func everyShippedScenarioSurvivesWritingAndLoading() throws {
        let (files, _) = ScenarioLoader.scenarioFiles(in: [LoaderTestSupport.scenariosDirectory])
        #expect(files.count >= 30)
        for file in files {
            let original = try ScenarioLoader().load(path: file)
            let (text, result) = Self.roundTrip(original)
            switch result {
            case .failure(let failure):
                Issue.record("\(file): the written text does not load:\n\(failure)\n--- written:\n\(text)")
            case .success(let reloaded):
                #expect(
                    reloaded.locationsErased == original.locationsErased,
                    "\(file): written and loaded back differs\n--- written:\n\(text)")
                // Writing is stable: the reloaded scenario writes the same text.
                #expect(ScenarioWriter().write(reloaded) == text, "\(file)")
            }
        }
    }

    /// `ignore: all` is every chunk kind, unknown chunk types included, and is written back as `all`;
    /// `ignore: none` is no kind.
    @Test func ignoreAllAndNone() throws {
        let text = """
            id: everything-ignored
            title: every chunk kind ignored
            sut: {role: server, port: 5001}
            peer: {port: 5000}
            ignore: all
            steps:
              - app: listen
            """
        let all = try ScenarioLoader().load(yaml: text, file: "all.yaml")
        #expect(all.ignore == Set(ScenarioVocabulary.standard.chunks.keys))
        #expect(all.ignore.contains("unknown-chunk") && all.ignore.contains("data"))
        let written = ScenarioWriter().write(all)
        #expect(written.contains("\nignore: all\n"), "\(written)")
        #expect(try ScenarioLoader().load(yaml: written, file: "all.yaml").locationsErased == all.locationsErased)
        let none = try ScenarioLoader().load(
            yaml: text.replacingOccurrences(of: "ignore: all", with: "ignore: none"), file: "none.yaml")
        #expect(none.ignore.isEmpty)
        #expect(try ScenarioLoader().load(yaml: ScenarioWriter().write(none), file: "none.yaml").ignore.isEmpty)
    }
}
