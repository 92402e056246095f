import Foundation
import NetworkLayers

/// Which received packets belong to this harness's exchange with the system under test.
///
/// A raw socket for IP protocol 132 receives every SCTP packet of its network namespace, and a UDP
/// socket on a shared port may see other peers: a packet is kept only when it comes from one of the
/// SUT's addresses (`remoteAddresses`), goes to one of the harness's (when known), and its SCTP ports
/// are the configured pair (SUT port → harness port) or the reverse of a pair the harness has sent
/// with. Thread-safe (the event loop reads it while the harness updates it).
public final class PacketFilter: @unchecked Sendable {
    private let lock = NSLock()
    private var endpoints: NetworkEndpoints
    private var portPairs: Set<UInt32> = []

    public init(_ endpoints: NetworkEndpoints) {
        self.endpoints = endpoints
        self.portPairs = [Self.pair(endpoints.remotePort, endpoints.localPort)]
    }

    /// Replaces the endpoints and forgets the learned port pairs (a new run).
    public func reset(_ endpoints: NetworkEndpoints) {
        self.lock.withLock {
            self.endpoints = endpoints
            self.portPairs = [Self.pair(endpoints.remotePort, endpoints.localPort)]
        }
    }

    /// The harness sent a packet: its reply (ports swapped) is accepted from now on.
    public func noteSent(sourcePort: UInt16, destinationPort: UInt16) {
        let pair = Self.pair(destinationPort, sourcePort)
        self.lock.withLock { _ = self.portPairs.insert(pair) }
    }

    /// Whether a packet from `source` to `destination` (nil: not known) with these ports is kept.
    public func accepts(source: IPAddress, destination: IPAddress?, sourcePort: UInt16, destinationPort: UInt16)
        -> Bool
    {
        self.lock.withLock {
            if !self.endpoints.remoteAddresses.isEmpty && !self.endpoints.remoteAddresses.contains(source) {
                return false
            }
            if let destination, !self.endpoints.localAddresses.isEmpty,
                !self.endpoints.localAddresses.contains(destination)
            {
                return false
            }
            return self.portPairs.contains(Self.pair(sourcePort, destinationPort))
        }
    }

    public var current: NetworkEndpoints { self.lock.withLock { self.endpoints } }

    private static func pair(_ source: UInt16, _ destination: UInt16) -> UInt32 {
        UInt32(source) << 16 | UInt32(destination)
    }
}

/// The two ends of the exchange on the network.
public struct NetworkEndpoints: Hashable, Sendable {
    /// The harness's addresses (empty: any).
    public var localAddresses: [IPAddress]
    /// The system under test's addresses; packets go to the first unless the harness names another.
    public var remoteAddresses: [IPAddress]
    /// The harness's SCTP port.
    public var localPort: UInt16
    /// The system under test's SCTP port.
    public var remotePort: UInt16

    public init(localAddresses: [IPAddress], remoteAddresses: [IPAddress], localPort: UInt16, remotePort: UInt16) {
        self.localAddresses = localAddresses
        self.remoteAddresses = remoteAddresses
        self.localPort = localPort
        self.remotePort = remotePort
    }
}

/// How SCTP packets are carried between the harness and the system under test.
public enum NetworkCarriage: Hashable, Sendable, CustomStringConvertible {
    /// Directly in IP (protocol 132) on raw sockets: IPv4 or IPv6 by the addresses.
    case rawIP
    /// In UDP (RFC 6951): from the harness's UDP port (0: any free one) to the SUT's.
    case udp(localPort: UInt16, remotePort: UInt16)

    /// The SCTP-over-UDP port IANA assigned (RFC 6951 §5).
    public static let defaultUDPPort = UDPHeader.sctpEncapsulationPort

    public var description: String {
        switch self {
        case .rawIP: return "raw IP (protocol 132)"
        case .udp(let local, let remote): return "UDP encapsulation (RFC 6951) from port \(local) to \(remote)"
        }
    }
}
