import Testing

@Test func RulesTestsPlaceholder() {
    #expect(Bool(true))
}
