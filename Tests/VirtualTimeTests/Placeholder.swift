import Testing

@Test func VirtualTimeTestsPlaceholder() {
    #expect(Bool(true))
}
