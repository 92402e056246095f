import Testing

@Test func RunnerTestsPlaceholder() {
    #expect(Bool(true))
}
