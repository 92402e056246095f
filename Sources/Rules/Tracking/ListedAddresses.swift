import NetworkLayers
import SCTPWire

/// Multi-homing (RFC 9260 §5.1.2, §6.4): the IPv4 and IPv6 Address parameters of an INIT or INIT
/// ACK name the other addresses of its sender, which its packets may come from and its peer's may
/// go to. They join the association's aliases, so that a packet between listed addresses belongs to
/// the association from its first packet on.
enum ListedAddresses {
    /// Adds the addresses `parameters` list (and the packet's source) as addresses of the sender.
    static func note(_ parameters: [Parameter], _ context: PacketContext, _ association: inout AssociationState) {
        let sender = context.sender
        let own = association.sides[sender].endpoint
        var endpoints = [context.view.source]
        for parameter in parameters {
            let address: IPAddress
            switch parameter {
            case .ipv4Address(let listed): address = .v4(IPv4Address(rawValue: listed.address.rawValue))
            case .ipv6Address(let listed):
                address = .v6(IPv6Address(high: listed.address.high, low: listed.address.low))
            default: continue
            }
            endpoints.append(TransportEndpoint(host: .ip(address), port: own.port, udpPort: own.udpPort))
        }
        for endpoint in endpoints where association.side(of: EndpointKey(endpoint), endpoint) == nil {
            association.aliases.append((endpoint, sender))
        }
    }
}
