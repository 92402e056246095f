import Testing

@Test func SCTPWireTestsPlaceholder() {
    #expect(Bool(true))
}
