import NetworkLayers

/// A scenario whose packets travel UDP-encapsulated (RFC 6951): `sut: {udp: {port: 9899}}` and
/// `peer: {udp: {port: 9899}}`, each side's UDP port (RFC 6951 §5 registers 9899, the default of a
/// side that names none). The SCTP ports stay those of `sut.port` and `peer.port`.
public struct UDPEncapsulation: Hashable, Sendable {
    /// The UDP port of the SUT.
    public var sutPort: UInt16
    /// The UDP port of the harness.
    public var peerPort: UInt16

    public init(sutPort: UInt16 = UDPEncapsulation.registeredPort, peerPort: UInt16 = UDPEncapsulation.registeredPort) {
        self.sutPort = sutPort
        self.peerPort = peerPort
    }

    /// `sctp-tunneling`, the UDP port IANA registered for SCTP over UDP (RFC 6951 §5).
    public static let registeredPort: UInt16 = 9899

    /// How the harness's packets are carried: from the harness's UDP port to the SUT's.
    public var harnessCarriage: SCTPCarriage {
        .udpEncapsulated(sourcePort: self.peerPort, destinationPort: self.sutPort)
    }
}

extension Scenario {
    /// How the harness's packets to the SUT are carried: in IP, or in UDP between the declared ports.
    public var harnessCarriage: SCTPCarriage {
        self.udp?.harnessCarriage ?? .ip
    }
}
