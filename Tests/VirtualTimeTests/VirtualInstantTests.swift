import Testing
import VirtualTime

@Suite struct VirtualInstantTests {
    @Test func arithmeticSaturatesInsteadOfTrapping() {
        #expect(VirtualInstant(nanoseconds: .max - 1) + .seconds(5) == VirtualInstant(nanoseconds: .max))
        #expect(VirtualInstant(nanoseconds: 10) + .nanoseconds(-50) == .zero)
        #expect(VirtualDuration.seconds(Int64.max / 10) == VirtualDuration(nanoseconds: .max))
        #expect(VirtualDuration.milliseconds(Int64.min / 10) == VirtualDuration(nanoseconds: .min))
        #expect(VirtualDuration.microseconds(-3) == VirtualDuration(nanoseconds: -3_000))
        #expect(VirtualDuration.seconds(1e300) == VirtualDuration(nanoseconds: .max))
    }

    @Test func integerLiteralSecondsAreUnambiguous() {
        #expect(VirtualDuration.seconds(65) == VirtualDuration(nanoseconds: 65_000_000_000))
        #expect(VirtualDuration.seconds(0.5) == VirtualDuration.milliseconds(500))
    }

    @Test func differencesAndDescriptions() {
        let a = VirtualInstant(nanoseconds: 3_000_000_000)
        let b = VirtualInstant(nanoseconds: 1_500_000)
        #expect(a - b == .nanoseconds(2_998_500_000))
        #expect(b - a == .nanoseconds(-2_998_500_000))
        #expect(a.description == "3.000000s")
        #expect(b.description == "0.001500s")
        #expect(VirtualDuration.milliseconds(200).description == "200ms")
        #expect(VirtualDuration.seconds(Int64(3)).description == "3s")
        #expect(VirtualDuration.microseconds(35).description == "35us")
        #expect(a.milliseconds == 3_000 && b.microseconds == 1_500)
    }
}
