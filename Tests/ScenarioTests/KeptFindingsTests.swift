import Foundation
import Scenario
import Testing

/// The fuzz findings kept in `Fuzzing/findings/` (reproducers of bugs found in the stacks, documented
/// in their notes) stay loadable as the DSL changes, and still send what was found.
@Suite struct KeptFindingsTests {
    static var folder: String {
        URL(fileURLWithPath: LoaderTestSupport.scenariosDirectory).deletingLastPathComponent()
            .appendingPathComponent("Fuzzing/findings").path
    }

    @Test func everyKeptFindingLoads() throws {
        let (files, _) = ScenarioLoader.scenarioFiles(in: [Self.folder])
        #expect(!files.isEmpty)
        for file in files {
            let scenario = try ScenarioLoader().load(path: file)
            #expect(scenario.ignore == Set(ScenarioVocabulary.standard.chunks.keys), "\(file): ignore: all")
            #expect(scenario.notes?.contains("Found by `sctpconform fuzz") == true, "\(file): how it was found")
        }
    }
}
