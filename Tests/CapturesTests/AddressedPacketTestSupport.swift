import NetworkLayers
import Transports
import VirtualTime

/// Test conveniences: packets between the default addresses (198.18.0.1 harness, 198.18.0.2 SUT).
extension AddressedPacket {
    static let testHarness = IPAddress.v4(IPv4Address(198, 18, 0, 1))
    static let testSUT = IPAddress.v4(IPv4Address(198, 18, 0, 2))

    /// A packet from the SUT to the harness (what a transport returns).
    init(time: VirtualInstant, bytes: [UInt8]) {
        self.init(source: Self.testSUT, destination: Self.testHarness, time: time, bytes: bytes)
    }
}

extension Transport {
    /// Sends `bytes` from the default harness address to the default SUT address at `time`.
    func send(_ bytes: [UInt8], at time: VirtualInstant) throws(TransportError) {
        try self.send(
            AddressedPacket(
                source: AddressedPacket.testHarness, destination: AddressedPacket.testSUT, time: time, bytes: bytes))
    }
}
