import NetworkLayers
import Transports
import VirtualTime

/// Test conveniences shared by the capture, target and runner tests: packets between the default
/// addresses (`IPAddress.defaultHarness` 198.18.0.1, `IPAddress.defaultSUT` 198.18.0.2).
extension AddressedPacket {
    public static let testHarness = IPAddress.defaultHarness
    public static let testSUT = IPAddress.defaultSUT

    /// A packet from the SUT to the harness (what a transport returns).
    public init(time: VirtualInstant, bytes: [UInt8]) {
        self.init(source: Self.testSUT, destination: Self.testHarness, time: time, bytes: bytes)
    }
}

extension Transport {
    /// Sends `bytes` from the default harness address to the default SUT address at `time`.
    public func send(_ bytes: [UInt8], at time: VirtualInstant) throws(TransportError) {
        try self.send(
            AddressedPacket(
                source: AddressedPacket.testHarness, destination: AddressedPacket.testSUT, time: time, bytes: bytes))
    }
}
