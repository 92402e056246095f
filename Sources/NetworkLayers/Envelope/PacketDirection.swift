/// Which way a packet went between the harness and the system under test: the one direction every
/// layer uses (transports, fault injection, runner, live rules, reports).
public enum PacketDirection: String, Hashable, Sendable, CaseIterable, Codable {
    /// Sent by the harness to the system under test.
    case toSUT = "to-sut"
    /// Sent by the system under test to the harness.
    case fromSUT = "from-sut"
}
