import Testing

@Test func TargetsTestsPlaceholder() {
    #expect(Bool(true))
}
