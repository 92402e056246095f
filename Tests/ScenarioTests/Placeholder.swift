import Testing

@Test func ScenarioTestsPlaceholder() {
    #expect(Bool(true))
}
