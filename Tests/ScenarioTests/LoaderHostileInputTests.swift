import Foundation
import SCTPWire
import Scenario
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What hostile use of the loader found (issue 11, items 12 to 15): each input here was accepted,
/// misread, reported badly or blocked before.
@Suite struct LoaderHostileInputTests {
    // MARK: Item 12: reversed ranges

    @Test func aReversedRangeIsALoadErrorPointingAtIt() {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(steps: "  - expect: {init-ack: {outbound_streams: \"5..1\"}}"))
        #expect(errors.count == 1)
        let error = errors.first
        #expect(error?.kind == .invalidPattern)
        #expect(error?.message.contains("the range 5..1 is empty") == true)
        // Line 5, the value's opening quote at column 43: the '..' is at column 45.
        #expect(error?.location.line == 5)
        #expect(error?.location.column == 45)
        #expect(error?.expected?.contains("1..5") == true)
    }

    @Test func aReversedRangeUnderACaptureIsAnErrorToo() {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(steps: "  - expect: {init-ack: {initiate_tag: \"0x20..0x10 -> t\"}}"))
        #expect(errors.map(\.kind) == [.invalidPattern])
        #expect(errors.first?.message.contains("the range 32..16 is empty") == true)
    }

    @Test func rangesInOrderStillLoad() throws {
        let scenario = try LoaderTestSupport.load(
            LoaderTestSupport.scenario(
                steps: "  - expect: {init-ack: {outbound_streams: \"1..5\", inbound_streams: 5..5, "
                    + "a_rwnd: \"$our_tsn..1\"}}"))
        #expect(scenario.steps.count == 1)
    }

    // MARK: Item 13: !!binary

    @Test func binaryValuesAreDecodedWhereBytesGo() throws {
        let scenario = try LoaderTestSupport.load(
            LoaderTestSupport.scenario(
                steps: """
                      - send: {data: {user_data: !!binary aGVsbG8=}}
                      - send: {chunk: {type: 0x4f, value: !!binary AQID}}
                      - expect: {data: {user_data: !!binary "aGVs\\nbG8="}}
                      - app: {send: {data: !!binary aGk=}}
                    """))
        guard case .send(let data) = scenario.steps[0].action, case .typed(_, let fields) = data.chunks[0].body else {
            Issue.record("not a typed send")
            return
        }
        #expect(fields.first?.value == .bytes(Array("hello".utf8)))
        guard case .send(let raw) = scenario.steps[1].action, case .raw(_, _, let value) = raw.chunks[0].body else {
            Issue.record("not a raw send")
            return
        }
        #expect(value == [1, 2, 3])
        guard case .expect(let expectation) = scenario.steps[2].action else {
            Issue.record("not an expect")
            return
        }
        #expect(expectation.chunks[0].record.fields.first?.pattern == .bytes(Array("hello".utf8)))
        let message = ApplicationCommand.send(stream: 0, ppid: 0, payload: Array("hi".utf8), unordered: false)
        #expect(scenario.steps[3].action == .application(.perform(message, expectFailure: false)))
    }

    @Test func binaryValuesElsewhereAreRefusedClearly() {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(steps: "  - send: {data: {tsn: !!binary AQID, user_data: !!binary \"%%%\"}}"))
        #expect(errors.count == 2)
        #expect(
            errors.first?.message.contains(
                "is a !!binary value (base64 bytes), which only a bytes field takes") == true)
        #expect(errors.last?.message.contains("the !!binary value is not base64") == true)
    }

    // MARK: Item 14: the error list

    @Test func theErrorListSaysHowManyMoreThereAre() {
        let steps = String(repeating: "  - {sned: init}\n", count: 260)
        let errors = LoaderTestSupport.errors(LoaderTestSupport.scenario(steps: steps))
        #expect(errors.count == 201)
        #expect(errors.last?.kind == .tooManyErrors)
        #expect(errors.last?.message == "60 more errors not listed (only the first 200 are)")
    }

    @Test func anAliasedMistakeIsReportedOnce() {
        let errors = LoaderTestSupport.errors(
            """
            id: t
            title: t
            sut: {role: server}
            steps: [&bad {sned: init}, *bad, *bad, *bad, *bad, *bad, *bad, *bad, *bad, *bad, *bad, *bad]
            """)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.message.contains("(and 11 more times where YAML aliases reuse this value)") == true)
        #expect(errors.first?.suggestion == "send")
    }

    @Test func deepNestingIsSaidInPlainWords() {
        let errors = LoaderTestSupport.errors(
            "id: t\ntitle: t\nsut: {role: server}\nsteps: " + String(repeating: "[", count: 2000)
                + String(repeating: "]", count: 2000))
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("nested too deeply") == true)
        #expect(errors.first?.message.contains("yaml_set_max_nest_level") == false)
    }

    // MARK: Item 15: files that are not files

    @Test func aSymbolicLinkLoopIsCalledOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loop-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder + "/a.yaml", withDestinationPath: folder + "/b.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder + "/b.yaml", withDestinationPath: folder + "/a.yaml")
        let (files, missing) = ScenarioLoader.scenarioFiles(in: [folder + "/a.yaml"])
        #expect(files == [folder + "/a.yaml"] && missing.isEmpty)
        #expect(throws: ScenarioLoadFailure.self) { try ScenarioLoader().load(path: folder + "/a.yaml") }
        do {
            _ = try ScenarioLoader().load(path: folder + "/a.yaml")
        } catch {
            #expect(error.errors.first?.message.contains("a loop of symbolic links") == true)
        }
    }

    @Test(.timeLimit(.minutes(1))) func aFIFOIsRefusedInsteadOfBlocking() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/x.yaml", 0o600) == 0)
        do {
            _ = try ScenarioLoader().load(path: folder + "/x.yaml")
            Issue.record("a FIFO loaded")
        } catch {
            #expect(error.errors.first?.message == "a FIFO (named pipe), not a scenario file")
        }
    }
}
