import Foundation
import Scenario
import Testing

/// `from: <name>`: a scenario starting from a preamble of `Scenarios/preambles/`.
@Suite struct PreambleTests {
    static var scenarios: String { LoaderTestSupport.scenariosDirectory }

    /// A folder with `preambles/<name>.yaml` for each entry, removed by the caller.
    static func folder(preambles: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("preamble-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/preambles", withIntermediateDirectories: true)
        for (name, text) in preambles {
            try text.write(toFile: root + "/preambles/\(name).yaml", atomically: true, encoding: .utf8)
        }
        return root
    }

    static let capturing = """
        title: captures t
        sut: {role: server}
        steps:
          - app: listen
          - send: init
          - expect: {init-ack: {initial_tsn: -> t}}
        """

    @Test func preambleStepsComeFirstNumberedOnAndLocatedInThePreamble() throws {
        let scenario = try ScenarioLoader().load(path: Self.scenarios + "/vtag-wrong-data.yaml")
        let preamble = try #require(scenario.preamble)
        #expect(preamble.name == "established")
        #expect(preamble.file.hasSuffix("Scenarios/preambles/established.yaml"))
        #expect(scenario.steps.map(\.number) == Array(1...scenario.steps.count))
        #expect(Array(scenario.steps.prefix(5)) == preamble.steps)
        #expect(scenario.steps.prefix(5).allSatisfy { $0.location.file == preamble.file })
        #expect(scenario.steps.dropFirst(5).allSatisfy { $0.location.file.hasSuffix("/vtag-wrong-data.yaml") })
        #expect(scenario.steps[5].location.line == 7)
        #expect(scenario.role == .server && scenario.sutPort == 5001 && scenario.peerPort == 5000)
    }

    /// A scenario with a preamble is the scenario with the preamble's steps written out in front.
    @Test func everyPreambleScenarioEqualsItsStepsWrittenOut() throws {
        let (files, _) = ScenarioLoader.scenarioFiles(in: [Self.scenarios])
        var converted = 0
        for file in files {
            let scenario = try ScenarioLoader().load(path: file)
            guard scenario.preamble != nil else { continue }
            converted += 1
            var inline = scenario
            inline.preamble = nil
            let text = ScenarioWriter().write(inline)
            #expect(!text.contains("from:"), "\(file)")
            var reloaded = try ScenarioLoader().load(yaml: text, file: file)
            reloaded.preamble = nil
            #expect(reloaded.locationsErased == inline.locationsErased, "\(file)\n\(text)")
        }
        #expect(converted >= 15)
    }

    @Test func theWriterWritesFromAndTheOwnSteps() throws {
        let scenario = try ScenarioLoader().load(path: Self.scenarios + "/vtag-wrong-data.yaml")
        let text = ScenarioWriter().write(scenario)
        #expect(text.contains("\nfrom: established\n"))
        #expect(!text.contains("app: listen") && !text.contains("cookie-echo"))
        // A scenario whose steps no longer start with the preamble's is written out in full.
        var edited = scenario
        edited.steps.removeFirst()
        for index in edited.steps.indices { edited.steps[index].number = index + 1 }
        let full = ScenarioWriter().write(edited)
        #expect(!full.contains("from:") && full.contains("- send: init\n"))
    }

    @Test func unknownPreambleIsALocatedErrorWithASuggestion() {
        let errors = LoaderTestSupport.errors(
            "id: t\ntitle: t\nfrom: establshed\nsteps:\n  - wait: 1s\n", file: Self.scenarios + "/new.yaml")
        #expect(errors.count == 1)
        #expect(errors.first?.location.line == 3 && errors.first?.location.column == 7)
        #expect(errors.first?.message == "unknown preamble 'establshed'")
        #expect(errors.first?.suggestion == "established")
        #expect(errors.first?.expected?.contains("cookie-issued, established, established-client") == true)
    }

    @Test func theScenarioMustAgreeWithThePreamblesRole() {
        let errors = LoaderTestSupport.errors(
            "id: t\ntitle: t\nfrom: established\nsut: {role: client}\nsteps:\n  - wait: 1s\n",
            file: Self.scenarios + "/new.yaml")
        #expect(errors.map(\.location.line) == [4])
        #expect(errors.first?.message.contains("assumes the SUT is a server") == true)
    }

    @Test func capturesOfThePreambleAreDefinedAfterwards() throws {
        let root = try Self.folder(preambles: ["p": Self.capturing])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let uses = "id: t\ntitle: t\nfrom: p\nsteps:\n  - send: {data: {tsn: $t}}\n"
        let scenario = try ScenarioLoader().load(yaml: uses, file: root + "/t.yaml")
        #expect(scenario.steps.count == 4)
        #expect(scenario.role == .server && scenario.sutPort == 5001)
        let without = LoaderTestSupport.errors(
            "id: t\ntitle: t\nsut: {role: server}\nsteps:\n  - send: {data: {tsn: $t}}\n", file: root + "/t.yaml")
        #expect(without.first?.message == "$t is never set")
    }

    @Test func waiversCountTheRunsSteps() throws {
        let root = try Self.folder(preambles: ["p": Self.capturing])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let waiver = { (step: Int) in
            "id: t\ntitle: t\nfrom: p\nsteps:\n  - wait: 1s\n"
                + "known_deviations:\n  - {target: usrsctp, step: \(step), reason: r}\n"
        }
        let scenario = try ScenarioLoader().load(yaml: waiver(4), file: root + "/t.yaml")
        #expect(scenario.knownDeviations.map(\.step) == [4])
        _ = try ScenarioLoader().load(yaml: waiver(2), file: root + "/t.yaml")
        let errors = LoaderTestSupport.errors(waiver(5), file: root + "/t.yaml")
        #expect(errors.first?.message.contains("the scenario has 4 steps") == true)
    }

    @Test func errorsInAPreamblePointIntoIt() throws {
        let root = try Self.folder(preambles: ["bad": "title: b\nsut: {role: server}\nsteps:\n  - sned: init\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let errors = LoaderTestSupport.errors("id: t\ntitle: t\nfrom: bad\nsteps: []\n", file: root + "/t.yaml")
        #expect(errors.first?.location.file == root + "/preambles/bad.yaml")
        #expect(errors.first?.location.line == 4)
        #expect(errors.first?.suggestion == "send")
    }

    @Test func preamblesAreNotScenarios() throws {
        let (files, _) = ScenarioLoader.scenarioFiles(in: [Self.scenarios])
        #expect(!files.contains { $0.contains("/preambles/") })
        #expect(files.contains { $0.hasSuffix("/vtag-wrong-data.yaml") })
        #expect(throws: ScenarioLoadFailure.self) {
            try ScenarioLoader().load(path: Self.scenarios + "/preambles/established.yaml")
        }
        do {
            _ = try ScenarioLoader().load(path: Self.scenarios + "/preambles/established.yaml")
        } catch {
            #expect(error.description.contains("this file is a preamble, not a scenario"))
            #expect(error.description.contains("from: established"))
        }
    }

    @Test func explicitPreambleFoldersComeFirst() throws {
        let root = try Self.folder(preambles: ["established": Self.capturing])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let loader = ScenarioLoader(preambleFolders: [root + "/preambles"])
        let scenario = try loader.load(path: Self.scenarios + "/vtag-wrong-data.yaml")
        #expect(scenario.preamble?.file == root + "/preambles/established.yaml")
        let standard = try ScenarioLoader().load(path: Self.scenarios + "/vtag-wrong-data.yaml")
        #expect(scenario.steps.count == standard.steps.count - 2)
    }
}
