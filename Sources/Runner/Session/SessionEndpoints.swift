import NetworkLayers

/// Who is where in a session: the SUT's and the harness's addresses and SCTP ports, and how packets
/// are carried.
public struct SessionEndpoints: Hashable, Sendable {
    /// The SUT's addresses (never empty); the first is the default destination of a send.
    public var sutAddresses: [IPAddress]
    /// The harness's addresses (never empty); the first is the default source of a send.
    public var harnessAddresses: [IPAddress]
    public var sutPort: UInt16
    public var harnessPort: UInt16
    /// How the harness's packets are carried (UDP ports from the harness's side).
    public var carriage: SCTPCarriage

    public init(
        sutAddresses: [IPAddress] = [SessionEndpoints.defaultSUTAddress],
        harnessAddresses: [IPAddress] = [SessionEndpoints.defaultHarnessAddress], sutPort: UInt16,
        harnessPort: UInt16, carriage: SCTPCarriage = .ip
    ) {
        self.sutAddresses = sutAddresses.isEmpty ? [Self.defaultSUTAddress] : sutAddresses
        self.harnessAddresses = harnessAddresses.isEmpty ? [Self.defaultHarnessAddress] : harnessAddresses
        self.sutPort = sutPort
        self.harnessPort = harnessPort
        self.carriage = carriage
    }

    /// 198.18.0.2 (`IPAddress.defaultSUT`).
    public static let defaultSUTAddress = IPAddress.defaultSUT
    /// 198.18.0.1 (`IPAddress.defaultHarness`).
    public static let defaultHarnessAddress = IPAddress.defaultHarness
}
