import Foundation
import Scenario
import Testing

/// `known_deviations:`: waivers are read with their location, and every malformed waiver is reported
/// at its file:line:column.
@Suite struct LoaderKnownDeviationTests {
    /// Three steps, then `deviations` as the `known_deviations:` value (lines 9 onwards).
    private func scenario(_ deviations: String) -> String {
        """
        id: t
        title: test
        sut: {role: server}
        steps:
          - app: listen
          - send: init
          - expect: init-ack
        known_deviations:
        \(deviations)
        """
    }

    private func only(_ errors: [ScenarioError], sourceLocation: SourceLocation = #_sourceLocation) -> ScenarioError? {
        #expect(
            errors.count == 1, "expected one error, got:\n\(errors.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        return errors.first
    }

    @Test func waiversLoadWithTheirLocation() throws {
        let scenario = try LoaderTestSupport.load(
            self.scenario(
                """
                  - target: usrsctp
                    step: 3
                    reason: "follows RFC 4960"
                    reference: "RFC 9260 §3.3.2"
                  - {target: other-stack, step: 0x2, reason: sends ABORT}
                """))
        #expect(
            scenario.knownDeviations == [
                KnownDeviation(
                    target: "usrsctp", step: 3, reason: "follows RFC 4960", reference: "RFC 9260 §3.3.2",
                    location: FileLocation(file: "test.yaml", line: 9, column: 5)),
                KnownDeviation(
                    target: "other-stack", step: 2, reason: "sends ABORT", reference: nil,
                    location: FileLocation(file: "test.yaml", line: 13, column: 5)),
            ])
        #expect(scenario.knownDeviations(forTarget: "usrsctp").map(\.step) == [3])
        #expect(scenario.knownDeviations(forTarget: "other-stack").map(\.step) == [2])
        #expect(scenario.knownDeviations(forTarget: "usrsctp2").isEmpty)
    }

    @Test func aSingleWaiverMayBeWrittenWithoutAList() throws {
        let scenario = try LoaderTestSupport.load(self.scenario("  {target: usrsctp, step: 1, reason: r}"))
        #expect(scenario.knownDeviations.map(\.target) == ["usrsctp"])
    }

    @Test func noWaiversByDefault() throws {
        let scenario = try LoaderTestSupport.load(LoaderTestSupport.scenario(steps: "  - app: listen"))
        #expect(scenario.knownDeviations.isEmpty)
    }

    @Test func misspeltTopLevelKeySuggestsKnownDeviations() throws {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(
                steps: "  - app: listen", header: "known_deviation: [{target: usrsctp, step: 1, reason: r}]\n"))
        let error = try #require(self.only(errors))
        #expect(error.kind == .unknownKey)
        #expect((error.location.line, error.location.column) == (4, 1))
        #expect(error.suggestion == "known_deviations")
    }

    @Test func unknownKeyInAWaiverSuggestsTheRightOne() throws {
        let errors = LoaderTestSupport.errors(
            self.scenario(
                """
                  - target: usrsctp
                    step: 3
                    reason: r
                    refrence: "RFC 9260 §3.3.2"
                """))
        let error = try #require(self.only(errors))
        #expect(error.kind == .unknownKey)
        #expect((error.location.line, error.location.column) == (12, 5))
        #expect(error.suggestion == "reference")
        #expect(error.message == "unknown key 'refrence' in known deviation 1")
        #expect(error.expected == "one of: target, step, reason, reference")
    }

    @Test func targetStepAndReasonAreRequired() {
        let errors = LoaderTestSupport.errors(self.scenario("  - {reference: \"RFC 9260 §3.3.2\"}"))
        #expect(errors.map(\.kind) == [.missingKey, .missingKey, .missingKey])
        #expect(
            errors.map(\.message) == [
                "known deviation 1 needs 'target'", "known deviation 1 needs 'step'",
                "known deviation 1 needs 'reason'",
            ])
        #expect(errors.allSatisfy { ($0.location.line, $0.location.column) == (9, 5) })
    }

    @Test func emptyTargetAndReasonAreRejected() {
        let errors = LoaderTestSupport.errors(self.scenario("  - {target: \"\", step: 1, reason: \" \"}"))
        #expect(errors.map(\.kind) == [.invalidValue, .invalidValue])
        #expect(
            errors.map(\.message) == [
                "known deviation 1.target must not be empty", "known deviation 1.reason must not be empty",
            ])
        #expect(errors.map { [$0.location.line, $0.location.column] } == [[9, 14], [9, 35]])
    }

    @Test func stepMustExist() throws {
        for step in ["4", "0"] {
            let errors = LoaderTestSupport.errors(self.scenario("  - {target: usrsctp, step: \(step), reason: r}"))
            let error = try #require(self.only(errors))
            #expect(error.kind == .invalidValue)
            #expect((error.location.line, error.location.column) == (9, 29))
            #expect(error.message == "known deviation 1.step \(step) does not exist (the scenario has 3 steps)")
            #expect(error.expected == "a step number from 1 to 3")
        }
    }

    @Test func stepMustBeANumber() throws {
        let errors = LoaderTestSupport.errors(self.scenario("  - {target: usrsctp, step: three, reason: r}"))
        let error = try #require(self.only(errors))
        #expect(error.kind == .wrongType)
        #expect((error.location.line, error.location.column) == (9, 29))
        #expect(error.message.hasPrefix("known deviation 1.step must be a number"))
    }

    @Test func brokenStepsAreNotBlamedOnTheWaiver() throws {
        let errors = LoaderTestSupport.errors(
            """
            id: t
            title: test
            sut: {role: server}
            steps: {app: listen}
            known_deviations: [{target: usrsctp, step: 7, reason: r}]
            """)
        let error = try #require(self.only(errors))
        #expect(error.kind == .wrongType)
        #expect(error.location.line == 4)
    }

    @Test func aStepWaivedTwiceForOneTargetIsAnError() throws {
        let errors = LoaderTestSupport.errors(
            self.scenario(
                """
                  - {target: usrsctp, step: 3, reason: r}
                  - {target: other, step: 3, reason: r}
                  - {target: usrsctp, step: 3, reason: again}
                """))
        let error = try #require(self.only(errors))
        #expect(error.kind == .invalidValue)
        #expect((error.location.line, error.location.column) == (11, 5))
        #expect(error.message == "known deviation 3 waives step 3 on target 'usrsctp' again (already waived at line 9)")
    }

    @Test func aWaiverMustBeAMapping() throws {
        let errors = LoaderTestSupport.errors(self.scenario("  - usrsctp"))
        let error = try #require(self.only(errors))
        #expect(error.kind == .wrongType)
        #expect((error.location.line, error.location.column) == (9, 5))
        #expect(error.message == "known deviation 1 must be a mapping, found 'usrsctp'")
    }

    @Test func theShippedInitTagZeroScenarioWaivesUSRSCTPButKeepsRFC9260() throws {
        let path = LoaderTestSupport.scenariosDirectory + "/init-tag-zero.yaml"
        let scenario = try ScenarioLoader().load(path: path)
        let waiver = try #require(scenario.knownDeviations(forTarget: "usrsctp").first)
        #expect(waiver.step == 3)
        #expect(waiver.reference == "RFC 9260 §3.3.2")
        #expect(waiver.reason.contains("RFC 4960"))
        // The waived step still expects RFC 9260 §3.3.2's silent discard.
        #expect(scenario.steps[2].action == .expectNothing)
        #expect(scenario.steps[2].rfc == ["RFC 9260 §3.3.2"])
    }
}
