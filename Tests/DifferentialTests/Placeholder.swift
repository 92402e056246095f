import Testing

@Test func DifferentialTestsPlaceholder() {
    #expect(Bool(true))
}
