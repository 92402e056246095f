/// How the engine reads the packets it is given.
public struct RuleConfiguration: Hashable, Sendable {
    /// The engine sees every packet from the first one (live runs). Packets between endpoints with
    /// no association are then out of the blue (RFC 9260 §8.4). Offline, a capture may begin in the
    /// middle of an association, whose tags are then learned from its traffic.
    public var observesFromStart: Bool
    /// Packets arrive in the order the endpoints handled them (one virtual clock). Offline, two
    /// packets crossing in flight may be captured in either order, so rules that depend on that
    /// order wait for proof (e.g. a SACK that covers later data before missing duplicates count).
    public var packetOrderIsCausal: Bool
    /// Most findings kept per rule and association; further ones are only counted.
    public var findingLimitPerRule: Int

    public init(observesFromStart: Bool, packetOrderIsCausal: Bool, findingLimitPerRule: Int = 1_000) {
        self.observesFromStart = observesFromStart
        self.packetOrderIsCausal = packetOrderIsCausal
        self.findingLimitPerRule = findingLimitPerRule
    }

    /// A live run: every packet, in processing order.
    public static let live = RuleConfiguration(observesFromStart: true, packetOrderIsCausal: true)
    /// A capture from the wild: may start mid-association, packets may cross in flight.
    public static let capture = RuleConfiguration(observesFromStart: false, packetOrderIsCausal: false)
}
