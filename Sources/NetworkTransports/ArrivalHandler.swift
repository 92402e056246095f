import NIOCore
import NetworkLayers

/// Reads datagrams on swift-nio's event loop, unwraps the SCTP packet, keeps those `PacketFilter`
/// accepts and posts them, stamped with the wall-clock arrival, to an `ArrivalQueue`.
///
/// A raw IPv4 socket delivers the IP header with the packet; a raw IPv6 socket does not (its
/// addresses come from the socket address and the packet info); a UDP socket delivers the SCTP
/// packet of RFC 6951. Errors the socket reports (ICMP unreachables on UDP) are not fatal.
final class ArrivalHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    enum Kind {
        case rawIPv4, rawIPv6
        case udp(localPort: UInt16)
    }

    let kind: Kind
    let queue: ArrivalQueue
    let filter: PacketFilter

    init(kind: Kind, queue: ArrivalQueue, filter: PacketFilter) {
        self.kind = kind
        self.queue = queue
        self.filter = filter
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = Self.unwrapInboundIn(data)
        let wall = RealTimeClock.wallNanoseconds()
        let bytes = Array(envelope.data.readableBytesView)
        guard let packet = self.unwrap(bytes, envelope: envelope), packet.bytes.count >= 12 else { return }
        let destination: IPAddress? = packet.destination == Self.unknown ? nil : packet.destination
        guard
            self.filter.accepts(
                source: packet.source, destination: destination, sourcePort: packet.sourcePort,
                destinationPort: packet.destinationPort)
        else { return }
        self.queue.post(.packet(packet, wall: wall))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP errors (port or protocol unreachable) surface here; the exchange's rules judge what
        // the peer did, not the network's complaints, so they are dropped.
    }

    /// Marks a destination the socket did not report.
    static let unknown = IPAddress.v4(IPv4Address(rawValue: 0))

    private func unwrap(_ bytes: [UInt8], envelope: AddressedEnvelope<ByteBuffer>) -> AddressedPacket? {
        switch self.kind {
        case .rawIPv4:
            guard bytes.count >= 20, bytes[0] >> 4 == 4, bytes[9] == 132 else { return nil }
            let headerLength = Int(bytes[0] & 0x0f) * 4
            let totalLength = min(bytes.count, Int(bytes[2]) << 8 | Int(bytes[3]))
            guard headerLength >= 20, totalLength >= headerLength else { return nil }
            let source = IPv4Address(bytes[12], bytes[13], bytes[14], bytes[15])
            let destination = IPv4Address(bytes[16], bytes[17], bytes[18], bytes[19])
            return AddressedPacket(
                source: .v4(source), destination: .v4(destination), carriage: .ip, time: .zero,
                bytes: Array(bytes[headerLength..<totalLength]))
        case .rawIPv6:
            guard let source = Self.address(envelope.remoteAddress) else { return nil }
            let destination = envelope.metadata?.packetInfo.flatMap { Self.address($0.destinationAddress) }
            return AddressedPacket(
                source: source, destination: destination ?? Self.unknown, carriage: .ip, time: .zero, bytes: bytes)
        case .udp(let localPort):
            guard let source = Self.address(envelope.remoteAddress), let port = envelope.remoteAddress.port else {
                return nil
            }
            let destination = envelope.metadata?.packetInfo.flatMap { Self.address($0.destinationAddress) }
            return AddressedPacket(
                source: source, destination: destination ?? Self.unknown,
                carriage: .udpEncapsulated(sourcePort: UInt16(clamping: port), destinationPort: localPort),
                time: .zero, bytes: bytes)
        }
    }

    static func address(_ socketAddress: SocketAddress) -> IPAddress? {
        socketAddress.ipAddress.flatMap { IPAddress($0) }
    }
}
