import Scenario
import Testing

/// `app: {no_event: ...}`: the events a SUT's application must not see.
@Suite struct LoaderNoEventTests {
    static func patterns(_ scenario: Scenario, step: Int) -> [RecordPattern]? {
        guard case .application(.expectNoEvent(let patterns)) = scenario.steps[step - 1].action else { return nil }
        return patterns
    }

    @Test func formsOfNoEvent() throws {
        let scenario = try LoaderTestSupport.load(
            LoaderTestSupport.scenario(
                steps: """
                      - app: {no_event: comm_up}
                      - app: {no_event: [comm_lost, {message: {stream: 7}}]}
                        within: 2s
                      - app: {no_event: any}
                      - app: {no_event: receive}
                    """))
        #expect(Self.patterns(scenario, step: 1)?.map(\.kind) == ["comm_up"])
        #expect(scenario.steps[0].within == nil)
        #expect(Self.patterns(scenario, step: 2)?.map(\.kind) == ["comm_lost", "message"])
        #expect(Self.patterns(scenario, step: 2)?.last?.fields.map(\.name) == ["stream"])
        #expect(scenario.steps[1].within == .seconds(2))
        #expect(Self.patterns(scenario, step: 3) == [])
        // `receive` names the delivered-message event, as `app: receive` does.
        #expect(Self.patterns(scenario, step: 4)?.map(\.kind) == ["message"])
    }

    @Test func mistakesInNoEvent() {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(
                steps: """
                      - app: {no_event: comm_upp}
                      - app: {no_event: {comm_up: {outbound_streams: -> os}}}
                      - app: {no_event: []}
                      - app: no_event
                      - app: {no_event: comm_up}
                        after: 1s
                    """))
        #expect(errors.map(\.kind) == [.unknownKind, .invalidPattern, .invalidValue, .missingKey, .unknownKey])
        #expect(errors.map(\.location.line) == [5, 6, 7, 8, 10])
        #expect(errors.first?.suggestion == "comm_up")
        #expect(errors[1].message.contains("no_event cannot capture (-> os)"))
    }

    @Test func aCaptureRejectedInNoEventDoesNotDefineTheVariable() {
        let errors = LoaderTestSupport.errors(
            LoaderTestSupport.scenario(
                steps: """
                      - app: {no_event: {comm_up: {outbound_streams: -> os}}}
                      - app: {event: {comm_up: {outbound_streams: $os}}}
                    """))
        #expect(errors.map(\.kind) == [.invalidPattern, .undefinedVariable])
    }
}
