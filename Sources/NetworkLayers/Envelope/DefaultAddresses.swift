extension IPAddress {
    /// The harness's address when a run declares none: 198.18.0.1, from the RFC 2544 benchmarking
    /// range (never routed, so a pcap of a run cannot be mistaken for real traffic).
    public static let defaultHarness = IPAddress.v4(IPv4Address(198, 18, 0, 1))
    /// The system under test's address when a run declares none: 198.18.0.2.
    public static let defaultSUT = IPAddress.v4(IPv4Address(198, 18, 0, 2))
}
