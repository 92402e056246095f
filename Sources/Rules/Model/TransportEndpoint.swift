import NetworkLayers

/// Where an SCTP endpoint lives, as far as the checker can tell.
public enum EndpointHost: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// An IP address, from a capture or a live run's envelopes.
    case ip(IPAddress)
    /// The test harness, for packets judged without addresses (`SCTPObservation(from:to:)`).
    case harness
    /// The system under test, for packets judged without addresses.
    case systemUnderTest

    public var description: String {
        switch self {
        case .ip(let address): address.version == 6 ? "[\(address)]" : address.description
        case .harness: "harness"
        case .systemUnderTest: "sut"
        }
    }

    private var rank: Int {
        switch self {
        case .ip: 0
        case .harness: 1
        case .systemUnderTest: 2
        }
    }

    public static func < (lhs: EndpointHost, rhs: EndpointHost) -> Bool {
        if case .ip(let left) = lhs, case .ip(let right) = rhs { return left < right }
        return lhs.rank < rhs.rank
    }
}

/// One end of an association: host, SCTP port, and the UDP port when SCTP travels in UDP (RFC 6951).
///
/// The UDP port is part of the identity because two peers on one host may use the same SCTP port
/// and differ only by their UDP encapsulation port (pion/sctp always uses SCTP port 5000).
public struct TransportEndpoint: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var host: EndpointHost
    /// The SCTP port.
    public var port: UInt16
    /// The UDP port for UDP-encapsulated SCTP, nil for SCTP directly over IP.
    public var udpPort: UInt16?

    public init(host: EndpointHost, port: UInt16, udpPort: UInt16? = nil) {
        self.host = host
        self.port = port
        self.udpPort = udpPort
    }

    /// `127.0.0.1:5000` or `127.0.0.1:5000/udp9899`.
    public var description: String {
        if let udpPort = self.udpPort {
            return "\(self.host):\(self.port)/udp\(udpPort)"
        }
        return "\(self.host):\(self.port)"
    }

    public static func < (lhs: TransportEndpoint, rhs: TransportEndpoint) -> Bool {
        if lhs.host != rhs.host { return lhs.host < rhs.host }
        if lhs.port != rhs.port { return lhs.port < rhs.port }
        return (lhs.udpPort ?? 0) < (rhs.udpPort ?? 0)
    }
}
