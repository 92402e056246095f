import Foundation
import NIOCore
import NIOPosix
import NetworkLayers
import Transports
import VirtualTime

/// The harness's wire to a real SCTP stack over the network, on swift-nio: raw IPv4 and raw IPv6
/// sockets for IP protocol 132 (`NIORawSocketBootstrap`), or UDP encapsulation (RFC 6951,
/// `DatagramBootstrap`), behind the one synchronous `Transport` protocol, so capture and fault
/// injection decorate it as they decorate a hosted stack.
///
/// **Filtering.** A raw protocol-132 socket receives every SCTP packet of its network namespace.
/// This transport keeps only the packets of its own exchange (`PacketFilter`): from the SUT's
/// addresses, to the harness's, with the configured SCTP ports or the reverse of ports the harness
/// sent with. Parallel runs should still each have a namespace of their own (`namespacePath`): the
/// sockets are opened on a thread that entered it, and then see nothing of other runs.
///
/// **Real time.** Time is the caller's virtual time mapped onto the wall clock by `clock`
/// (`RealTimeClock`): `receiveNext(until:)` blocks (bounded) until a packet arrives or the deadline's
/// wall instant has passed, and stamps a packet with the virtual instant of its arrival (never
/// before the last instant reported). A packet to be sent at an instant the wall clock has not
/// reached waits for it. The clock's tolerance is not applied here, where every deadline looks the
/// same: the target reports it (`Target.realTimeTolerance`) and the runner widens its expectation
/// windows by it at both ends.
///
/// **Addresses.** Packets go to their envelope's destination, which must be one of the SUT's addresses
/// the transport was opened with (for a remote peer: those named on the command line); anything else
/// is refused, so no packet ever leaves for an address nobody named. Received packets carry their real
/// addresses and the carriage of the harness's last packet reversed (before the harness sent any, the
/// wire's reversed).
public final class NetworkTransport: Transport {
    public let carriage: NetworkCarriage
    public let clock: RealTimeClock
    /// Packets and wake-ups, as they arrive.
    public let arrivals: ArrivalQueue
    public let filter: PacketFilter

    private var channels: [Int: any Channel] = [:]
    private var lastInstant: VirtualInstant
    /// The carriage received packets are stamped with: the reverse of the harness's last packet's
    /// (nil before the first: the reverse of the wire's).
    private var replyCarriage: SCTPCarriage?
    private var isClosed = false

    /// Opens the sockets (in the namespace at `namespacePath`, if given) for `endpoints`' address
    /// families, with the clock's mapping starting at `start`.
    public init(
        carriage: NetworkCarriage, endpoints: NetworkEndpoints, clock: RealTimeClock, start: VirtualInstant = .zero,
        namespacePath: String? = nil,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) throws(TransportError) {
        self.carriage = carriage
        self.clock = clock
        self.arrivals = ArrivalQueue()
        self.filter = PacketFilter(endpoints)
        self.lastInstant = start
        let families = Set(endpoints.remoteAddresses.map(\.version))
        guard !families.isEmpty else { throw TransportError("no address to reach the system under test at") }
        let queue = self.arrivals
        let filter = self.filter
        do {
            self.channels = try NamespaceThread.run(in: namespacePath) { () throws -> [Int: any Channel] in
                var opened: [Int: any Channel] = [:]
                do {
                    for family in families.sorted() {
                        let local = endpoints.localAddresses.first { $0.version == family }
                        opened[family] = try Self.open(
                            carriage: carriage, family: family, local: local, group: group, queue: queue,
                            filter: filter)
                    }
                } catch {
                    for channel in opened.values { try? channel.close().wait() }
                    throw error
                }
                return opened
            }
        } catch {
            let place = namespacePath.map { " in \($0)" } ?? ""
            throw TransportError("cannot open the \(carriage) socket\(place): \(error)")
        }
        clock.restart(at: start)
    }

    deinit {
        self.close()
    }

    /// Closes the sockets. Idempotent.
    public func close() {
        guard !self.isClosed else { return }
        self.isClosed = true
        for channel in self.channels.values {
            try? channel.close().wait()
        }
        self.channels = [:]
        self.arrivals.fail("the network transport was closed")
    }

    /// A new run: new endpoints, nothing queued from the last run, the mapping restarted at `start`.
    public func restart(
        endpoints: NetworkEndpoints, at start: VirtualInstant
    ) {
        self.filter.reset(endpoints)
        self.arrivals.removeAll()
        self.replyCarriage = nil
        self.lastInstant = start
        self.clock.restart(at: start)
    }

    /// How the packets travel on the wire, as an envelope's carriage from the harness's side: in IP, or
    /// in UDP (RFC 6951) from the harness's UDP port (the one bound, when any free one was asked for)
    /// to the SUT's. Sessions stamp their packets with it so captures and rules see the real carriage.
    public var wireCarriage: SCTPCarriage {
        switch self.carriage {
        case .rawIP:
            return .ip
        case .udp(let localPort, let remotePort):
            var bound = localPort
            if bound == 0, let port = self.channels.values.first?.localAddress?.port {
                bound = UInt16(clamping: port)
            }
            return .udpEncapsulated(sourcePort: bound, destinationPort: remotePort)
        }
    }

    /// The latest instant this transport has reported (events are never stamped later).
    public var currentInstant: VirtualInstant { self.lastInstant }

    public func send(_ packet: AddressedPacket) throws(TransportError) {
        guard !self.isClosed else { throw TransportError("the network transport was closed") }
        let due = self.clock.wall(at: packet.time)
        let wait = due - RealTimeClock.wallNanoseconds()
        if wait > 0 {
            // Bounded: at most a minute, however far ahead the packet was scheduled.
            usleep(useconds_t(min(wait, 60_000_000_000) / 1_000))
        }
        self.lastInstant = max(self.lastInstant, packet.time)
        self.filter.noteSent(sourcePort: packet.sourcePort, destinationPort: packet.destinationPort)
        self.replyCarriage = packet.encapsulation.reversed.carriage
        let endpoints = self.filter.current
        let destination = packet.destination
        guard endpoints.remoteAddresses.contains(destination) else {
            throw TransportError("\(destination) is not an address of the system under test ("
                + "\(endpoints.remoteAddresses.map(\.description).joined(separator: ", ")); nothing is sent there")
        }
        guard let channel = self.channels[destination.version] else {
            throw TransportError("no IPv\(destination.version) socket for \(destination) (the SUT's addresses are "
                + "\(endpoints.remoteAddresses.map(\.description).joined(separator: ", ")))")
        }
        let port: Int
        switch self.carriage {
        case .rawIP: port = 0
        case .udp(_, let remotePort): port = Int(remotePort)
        }
        do {
            let address = try SocketAddress(ipAddress: destination.description, port: port)
            var buffer = channel.allocator.buffer(capacity: packet.bytes.count)
            buffer.writeBytes(packet.bytes)
            try channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: buffer)).wait()
        } catch {
            throw TransportError("sending to \(destination) over \(self.carriage) failed: \(error)")
        }
    }

    public func receiveNext(until deadline: VirtualInstant) throws(TransportError) -> ReceiveResult {
        let floor = self.lastInstant
        guard deadline > floor else { return ReceiveResult(time: floor, packets: []) }
        let wallDeadline = self.clock.wall(at: deadline)
        let item: ArrivalQueue.Item?
        do {
            item = try self.arrivals.take(waitingUntilWall: wallDeadline) { item in
                // Something that came after the deadline (the caller was busy) waits for a later call.
                self.clock.instant(atWall: item.wall) <= deadline
            }
        } catch {
            throw TransportError(error.text)
        }
        guard let item else {
            self.lastInstant = deadline
            return ReceiveResult(time: deadline, packets: [])
        }
        let instant = min(max(self.clock.instant(atWall: item.wall), floor), deadline)
        self.lastInstant = instant
        switch item {
        case .wake:
            return ReceiveResult(time: instant, packets: [])
        case .packet(var packet, _):
            packet.time = instant
            packet.carriage = self.replyCarriage ?? self.wireCarriage.reversed
            if packet.destination == ArrivalHandler.unknown {
                packet.destination = self.filter.current.localAddresses.first { $0.version == packet.source.version }
                    ?? packet.source
            }
            return ReceiveResult(time: instant, packets: [packet])
        }
    }

    // MARK: - Opening sockets

    private static func open(
        carriage: NetworkCarriage, family: Int, local: IPAddress?, group: any EventLoopGroup, queue: ArrivalQueue,
        filter: PacketFilter
    ) throws -> any Channel {
        let any = family == 4 ? "0.0.0.0" : "::"
        switch carriage {
        case .rawIP:
            let kind: ArrivalHandler.Kind = family == 4 ? .rawIPv4 : .rawIPv6
            let handler: @Sendable (any Channel) -> EventLoopFuture<Void> = { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ArrivalHandler(kind: kind, queue: queue, filter: filter))
                }
            }
            if family == 4 {
                return try NIORawSocketBootstrap(group: group).channelInitializer(handler)
                    .bind(host: local?.description ?? any, ipProtocol: .init(rawValue: 132)).wait()
            }
            // swift-nio sets IPV6_V6ONLY on every IPv6 socket it makes, which Linux refuses for raw
            // sockets: the socket is made here and handed over bound.
            let socket = try RawIPv6Socket.open(bindingTo: local)
            return try DatagramBootstrap(group: group).channelInitializer(handler).withBoundSocket(socket).wait()
        case .udp(let localPort, _):
            return try DatagramBootstrap(group: group)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelOption(.receivePacketInfo, value: true)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ArrivalHandler(kind: .udp(localPort: localPort), queue: queue, filter: filter))
                    }
                }
                .bind(host: local?.description ?? any, port: Int(localPort)).wait()
        }
    }
}
