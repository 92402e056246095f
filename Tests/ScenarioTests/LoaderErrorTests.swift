import Foundation
import Scenario
import Testing

/// Each kind of problem in a scenario file, with its exact position and suggestion.
@Suite struct LoaderErrorTests {
    private func only(_ errors: [ScenarioError], sourceLocation: SourceLocation = #_sourceLocation) -> ScenarioError? {
        #expect(
            errors.count == 1, "expected one error, got:\n\(errors.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        return errors.first
    }

    @Test func unknownStepKeySuggestsTheRightOne() throws {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(
                steps: """
                      - expect: cookie-ack
                        whithin: 200ms
                    """))
        let error = try #require(self.only(errors))
        #expect(error.kind == .unknownKey)
        #expect((error.location.line, error.location.column) == (6, 5))
        #expect(error.suggestion == "within")
        #expect(error.description.hasPrefix("test.yaml:6:5: error: unknown key 'whithin'"))
        #expect(error.description.hasSuffix("did you mean 'within'?"))
    }

    @Test func unknownDefaultsKeySuggestsQuiet() throws {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(steps: "  - app: listen", header: "defaults: {quite: 2s}\n"))
        let error = try #require(self.only(errors))
        #expect(error.kind == .unknownKey)
        #expect(error.suggestion == "quiet")
    }

    @Test func misspeltTopLevelKeyReportsBothTheUnknownAndTheMissingKey() {
        let errors = LoaderTestSupport.errors(
            """
            id: t
            titel: test
            sut: {role: server}
            steps:
              - app: listen
            """)
        #expect(errors.map(\.kind) == [.missingKey, .unknownKey])
        #expect(errors.map { [$0.location.line, $0.location.column] } == [[1, 1], [2, 1]])
        #expect(errors.last?.suggestion == "title")
    }

    @Test func unknownChunkKind() throws {
        let errors = LoaderTestSupport.errors(LoaderTestSupport.scenario(steps: "  - send: init-akc"))
        let error = try #require(self.only(errors))
        #expect(error.kind == .unknownKind)
        #expect((error.location.line, error.location.column) == (5, 11))
        #expect(error.suggestion == "init-ack")
    }

    @Test func unknownParameterKind() throws {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(steps: "  - expect: {init-ack: {parameters: [state-cokie]}}"))
        let error = try #require(self.only(errors))
        #expect(error.kind == .unknownKind)
        #expect((error.location.line, error.location.column) == (5, 38))
        #expect(error.suggestion == "state-cookie")
    }

    @Test func unknownField() throws {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(steps: "  - expect: {init-ack: {outbound_stream: 1}}"))
        let error = try #require(self.only(errors))
        #expect(error.kind == .unknownField)
        #expect((error.location.line, error.location.column) == (5, 25))
        #expect(error.suggestion == "outbound_streams")
        #expect(error.expected?.contains("initiate_tag") == true)
    }

    @Test func invalidPatternPointsInsideTheString() throws {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(steps: "  - expect: {sack: {a_rwnd: \"1..x\"}}"))
        let error = try #require(self.only(errors))
        #expect(error.kind == .invalidPattern)
        #expect((error.location.line, error.location.column) == (5, 33))
        #expect(error.message.contains("found 'x'"))
    }

    @Test func undefinedVariableSuggestsAHarnessVariable() throws {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(steps: "  - expect: {init-ack: {initiate_tag: $peer_tga}}"))
        let error = try #require(self.only(errors))
        #expect(error.kind == .undefinedVariable)
        #expect((error.location.line, error.location.column) == (5, 39))
        #expect(error.suggestion == "$peer_tag")
    }

    @Test func variableUsedBeforeItsCapture() throws {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(
                steps: """
                      - send: {cookie-echo: {cookie: $mine}}
                      - expect: {init-ack: {parameters: [{state-cookie: {capture: mine}}]}}
                    """))
        let error = try #require(self.only(errors))
        #expect(error.kind == .undefinedVariable)
        #expect((error.location.line, error.location.column) == (5, 34))
        #expect(error.message.contains("captured at step 2"))
    }

    @Test func captureThenUseLoads() throws {
        _ = try LoaderTestSupport.load(
            LoaderTestSupport.scenario(
                steps: """
                      - expect: {init-ack: {parameters: [{state-cookie: {capture: mine}}], initiate_tag: -> t}}
                      - send: {cookie-echo: {cookie: $mine}}
                        verification_tag: $t
                    """))
    }

    @Test func unquotedComparisonIsASyntaxErrorWithAHint() throws {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(
                steps: """
                      - expect:
                          sack:
                            a_rwnd: >= 1
                    """))
        let error = try #require(errors.first)
        #expect(error.kind == .yamlSyntax)
        #expect(error.location.line == 7)
        #expect(error.expected?.contains("quoted") == true)
    }

    @Test func leadingExclamationMarkIsReadAsATagAndSaidSo() throws {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(
                steps: """
                      - expect:
                          sack:
                            a_rwnd: != 0
                    """))
        let error = try #require(self.only(errors))
        #expect(error.kind == .wrongType)
        #expect((error.location.line, error.location.column) == (7, 17))
        #expect(error.message.contains("\"!= 0\""))
    }

    @Test func duplicateKey() throws {
        let errors = LoaderTestSupport.errors(
            """
            id: t
            id: u
            title: test
            sut: {role: server}
            steps: [{app: listen}]
            """)
        let error = try #require(self.only(errors))
        #expect(error.kind == .duplicateKey)
        #expect(error.message.contains("'id'"))
    }

    @Test func wrongTypeForSteps() throws {
        let errors = LoaderTestSupport.errors(
            """
            id: t
            title: test
            sut: {role: server}
            steps: {a: 1}
            """)
        let error = try #require(self.only(errors))
        #expect(error.kind == .wrongType)
        #expect((error.location.line, error.location.column) == (4, 8))
        #expect(error.message == "steps must be a list, found a mapping")
    }

    @Test func invalidRoleSuggestsTheRole() throws {
        let errors = LoaderTestSupport.errors(
            """
            id: t
            title: test
            sut: {role: srever, port: 70000}
            steps: [{app: listen}]
            """)
        #expect(errors.map(\.kind) == [.invalidValue, .invalidValue])
        #expect(errors.map(\.location.column) == [13, 27])
        #expect(errors.first?.suggestion == "server")
        #expect(errors.last?.message.contains("does not fit in 16 bits") == true)
    }

    @Test func unknownTestPurpose() throws {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(steps: "  - app: listen", header: "etsi: [sctp-as-v-1-1-9]\n"))
        let error = try #require(self.only(errors))
        #expect(error.kind == .unknownTestPurpose)
        #expect((error.location.line, error.location.column) == (4, 8))
        #expect(error.suggestion?.hasPrefix("sctp-as-v-1-1-") == true)
    }

    @Test func unknownApplicationCallAndEvent() {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(
                steps: """
                      - app: lisen
                      - app: {event: comm_upp}
                    """))
        #expect(errors.map(\.kind) == [.unknownKey, .unknownKind])
        #expect(errors.map(\.suggestion) == ["listen", "comm_up"])
    }

    @Test func severalErrorsAreReportedTogetherInFileOrder() {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(
                steps: """
                      - send: init-akc
                      - expect: {init-ack: {outbound_stream: 1}}
                      - wait: soon
                      - expect: cookie-ack
                        whithin: 1s
                    """))
        #expect(errors.map(\.kind) == [.unknownKind, .unknownField, .wrongType, .unknownKey])
        #expect(errors.map(\.location.line) == [5, 6, 7, 9])
    }

    @Test func unreadableAndEmptyFiles() throws {
        do {
            _ = try ScenarioLoader().load(path: "/nonexistent/sctpconform/x.yaml")
            Issue.record("a missing file loaded")
        } catch {
            #expect(error.errors.map(\.kind) == [.unreadableFile])
            #expect(error.errors.first?.location.description == "/nonexistent/sctpconform/x.yaml:1:1")
        }
        #expect(LoaderTestSupport.errors("").map(\.kind) == [.missingKey])
        #expect(LoaderTestSupport.errors("just text").map(\.kind) == [.wrongType])
    }

    @Test func stepWithoutActionAndWithTwoActions() {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(
                steps: """
                      - within: 1s
                      - send: init
                        expect: init-ack
                    """))
        #expect(errors.map(\.kind) == [.missingKey, .invalidValue])
    }

    /// Mutated scenario texts never crash the loader: they load or give located errors.
    @Test func mutatedInputsNeverCrash() throws {
        let original = try String(
            contentsOfFile: LoaderTestSupport.scenariosDirectory + "/handshake.yaml", encoding: .utf8)
        let specials = Array("{}[]:,-?!&*>|'\"#%@`$ \n\t0x.~") + ["\u{0}", "é", "\u{FEFF}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(1, bound)))
        }
        let loader = ScenarioLoader()
        for _ in 0..<400 {
            var characters = Array(original)
            for _ in 0..<(1 + next(4)) {
                let position = next(characters.count)
                switch next(4) {
                case 0: characters.insert(specials[next(specials.count)], at: position)
                case 1: characters.removeSubrange(position..<min(characters.count, position + 1 + next(8)))
                case 2: characters.replaceSubrange(position..<(position + 1), with: [specials[next(specials.count)]])
                default: characters = Array(characters.prefix(position))
                }
                if characters.isEmpty { break }
            }
            do {
                _ = try loader.load(yaml: String(characters), file: "mutated.yaml")
            } catch {
                #expect(!error.errors.isEmpty)
                #expect(error.errors.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
            }
        }
    }
}
