import Testing

@Test func CapturesTestsPlaceholder() {
    #expect(Bool(true))
}
