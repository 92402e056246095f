import PropertyBased
import Scenario
import Testing

/// Generated scenarios (`ScenarioGenerators`: every step kind, chunk templates and patterns for every
/// field type of the codec's schemas, raw and unknown chunks, captures, durations, options, waivers)
/// written and loaded again are equal to the original with locations erased. A failing case prints the
/// YAML that did not survive; swift-property-based shrinks the choice stream first, so it is small.
@Suite struct WriterPropertyTests {
    let generators = ScenarioGenerators()

    /// Writes `scenario`, loads it back and records an issue with the YAML when it differs.
    static func expectRoundTrip(_ scenario: Scenario) {
        let text = ScenarioWriter().write(scenario)
        do {
            let reloaded = try ScenarioLoader().load(yaml: text, file: "generated.yaml")
            #expect(
                reloaded.locationsErased == scenario.locationsErased,
                "loaded back differently:\n\(text)--- the loaded scenario writes as:\n\(Self.written(reloaded))")
        } catch {
            Issue.record("the written scenario does not load:\n\(error)\n--- written:\n\(text)")
        }
    }

    static func written(_ scenario: Scenario) -> String {
        ScenarioWriter().write(scenario)
    }

    /// A scenario around `steps` (numbered by position).
    static func wrapping(_ steps: [Step]) -> Scenario {
        var numbered = steps
        for index in numbered.indices { numbered[index].number = index + 1 }
        return Scenario(
            id: "generated", title: "generated", file: "", role: .server, sutPort: 5001, peerPort: 5000,
            steps: numbered)
    }

    /// A scenario of one step doing `action`.
    static func step(_ action: Step.Action) -> Scenario {
        Self.wrapping([Step(number: 1, location: Scenario.erasedLocation, action: action)])
    }

    @Test func durationsRoundTrip() async {
        await propertyCheck(count: 300, input: ScenarioGenerators.choiceStreams) { stream in
            var choices = Choices(stream)
            let duration = self.generators.duration(&choices)
            Self.expectRoundTrip(Self.step(.wait(duration)))
        }
    }

    @Test func templatesRoundTrip() async {
        await propertyCheck(count: 400, input: ScenarioGenerators.choiceStreams) { stream in
            var choices = Choices(stream)
            let template = self.generators.packetTemplate(&choices)
            Self.expectRoundTrip(Self.step(.send(template)))
        }
    }

    @Test func patternsRoundTrip() async {
        await propertyCheck(count: 400, input: ScenarioGenerators.choiceStreams) { stream in
            var choices = Choices(stream)
            let expectation = self.generators.expectation(&choices)
            Self.expectRoundTrip(Self.step(.expect(expectation)))
        }
    }

    @Test func stepsRoundTrip() async {
        await propertyCheck(count: 400, input: ScenarioGenerators.choiceStreams) { stream in
            var choices = Choices(stream)
            let steps = (0..<4).map { self.generators.step(&choices, number: $0 + 1) }
            Self.expectRoundTrip(Self.wrapping(steps))
        }
    }

    @Test func scenariosRoundTrip() async {
        await propertyCheck(count: 300, input: ScenarioGenerators.choiceStreams) { stream in
            var choices = Choices(stream)
            Self.expectRoundTrip(self.generators.scenario(&choices))
        }
    }
}
