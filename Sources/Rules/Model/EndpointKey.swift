import NetworkLayers

/// A `TransportEndpoint` packed into three words, equal exactly when the endpoints are equal:
/// comparing and hashing it costs a few instructions, where the endpoint's nested enums cost a
/// hundred. Packets carry the keys of both ends, computed on the decoding thread.
struct EndpointKey: Hashable, Sendable, Comparable {
    /// The address: IPv6 in full, IPv4 in `low`, zero for the live run's two hosts.
    let high: UInt64
    let low: UInt64
    /// Host kind (bits 56-63), whether there is a UDP port (bit 48), the UDP port (bits 16-31) and
    /// the SCTP port (bits 0-15).
    let tail: UInt64

    init(_ endpoint: TransportEndpoint) {
        let kind: UInt64
        switch endpoint.host {
        case .ip(.v4(let address)):
            self.high = 0
            self.low = UInt64(address.rawValue)
            kind = 1
        case .ip(.v6(let address)):
            self.high = address.high
            self.low = address.low
            kind = 2
        case .harness:
            self.high = 0
            self.low = 0
            kind = 3
        case .systemUnderTest:
            self.high = 0
            self.low = 0
            kind = 4
        }
        let udp: UInt64 = endpoint.udpPort.map { 1 << 48 | UInt64($0) << 16 } ?? 0
        self.tail = kind << 56 | udp | UInt64(endpoint.port)
    }

    static func < (lhs: EndpointKey, rhs: EndpointKey) -> Bool {
        (lhs.high, lhs.low, lhs.tail) < (rhs.high, rhs.low, rhs.tail)
    }
}
