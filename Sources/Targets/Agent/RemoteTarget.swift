import Foundation
import NetworkLayers
import NetworkTransports
import Transports
import VirtualTime

/// Where a black-box remote peer is (`--target remote --address A [--port P] [--local-address L]
/// [--udp-encap PORT]`): addresses are used only when named here, never by default.
public struct RemotePeer: Hashable, Sendable {
    /// The peer's addresses; packets go to the first.
    public var addresses: [IPAddress]
    /// The harness's own addresses to send from (empty: the kernel chooses).
    public var localAddresses: [IPAddress]
    /// The peer's UDP encapsulation port (RFC 6951); nil: raw IP.
    public var udpEncapsulationPort: UInt16?
    /// The namespace to open the harness's sockets in (nil: the harness's own).
    public var namespacePath: String?

    public init(
        addresses: [IPAddress], localAddresses: [IPAddress] = [], udpEncapsulationPort: UInt16? = nil,
        namespacePath: String? = nil
    ) {
        self.addresses = addresses
        self.localAddresses = localAddresses
        self.udpEncapsulationPort = udpEncapsulationPort
        self.namespacePath = namespacePath
    }

    /// How the harness reaches it.
    public var carriage: NetworkCarriage {
        self.udpEncapsulationPort.map { .udp(localPort: $0, remotePort: $0) } ?? .rawIP
    }

    /// One line saying what a run will send where (printed before it starts).
    public func plan(port: UInt16) -> String {
        let from = self.localAddresses.isEmpty
            ? "the address the kernel chooses" : self.localAddresses.map(\.description).joined(separator: ", ")
        return "remote: SCTP to \(self.addresses.map(\.description).joined(separator: ", ")) port \(port) over "
            + "\(self.carriage), from \(from); nothing is sent anywhere else"
    }
}

/// A black-box SCTP peer on the network that no agent controls (a vendor's MME or AMF): the harness
/// sends to it and judges what comes back, in real time. It listens already, so `listen` is
/// accepted; it has no application the harness can drive, so scenarios needing one (`app:` steps
/// other than `listen`, socket options, the SUT as client) are SKIPped by capability.
///
/// Reports, pcaps and rules show the real addresses: the peer's first address and the harness's
/// (`--local-address`, else the one the kernel's route toward the peer gives, `RouteSource`) stand in
/// for the scenario's first SUT and harness addresses (`wireAddresses`). Only the peer's addresses
/// are ever sent to.
public final class RemoteTarget: Target {
    public static let supportedCapabilities: Set<TargetCapability> = [.server]

    public let name = "remote"
    public let peer: RemotePeer
    public var capabilities: Set<TargetCapability> { Self.supportedCapabilities }
    public var transport: any Transport { self.network }
    public let network: NetworkTransport
    /// The harness's address toward the peer, and the peer's first address.
    public let wireAddresses: (harness: IPAddress, sut: IPAddress)?

    public init(
        peer: RemotePeer, configuration: TargetConfiguration, start: VirtualInstant = .zero,
        tolerance: VirtualDuration = RealTimeClock.defaultTolerance
    ) throws(TargetError) {
        guard !peer.addresses.isEmpty else {
            throw .unavailable(reason: "no remote address", hint: "give the peer's address with --address")
        }
        self.peer = peer
        let sut = peer.addresses[0]
        guard
            let harness = peer.localAddresses.first(where: { $0.version == sut.version })
                ?? RouteSource.address(toward: sut, namespacePath: peer.namespacePath)
        else {
            throw .unavailable(
                reason: "no route to \(sut)", hint: "check the peer's address, or give the harness's with --local-address")
        }
        self.wireAddresses = (harness, sut)
        do {
            self.network = try NetworkTransport(
                carriage: peer.carriage, endpoints: Self.endpoints(peer, configuration),
                clock: RealTimeClock(tolerance: tolerance, start: start), start: start,
                namespacePath: peer.namespacePath)
        } catch {
            throw .unavailable(reason: error.description, hint: "raw sockets need root; UDP needs a free port")
        }
    }

    deinit {
        self.network.close()
    }

    public var realTimeTolerance: VirtualDuration? { self.network.clock.tolerance }

    public var wireCarriage: SCTPCarriage? { self.network.wireCarriage }

    /// `listen` is what the peer does already; nothing else can be done to it.
    public func perform(_ action: ApplicationAction, at time: VirtualInstant) throws(TargetError) -> ActionResult {
        if action == .listen { return .ok }
        return .failed(errno: 95, message: "not supported: a remote peer has no application the harness drives")
    }

    public func takeTimedEvents() -> [TimedApplicationEvent] { [] }

    public func reset(_ configuration: TargetConfiguration, start: VirtualInstant) throws(TargetError) {
        self.network.restart(endpoints: Self.endpoints(self.peer, configuration), at: start)
    }

    public func shutdown() {
        self.network.close()
    }

    static func endpoints(_ peer: RemotePeer, _ configuration: TargetConfiguration) -> NetworkEndpoints {
        NetworkEndpoints(
            localAddresses: peer.localAddresses, remoteAddresses: peer.addresses, localPort: configuration.peerPort,
            remotePort: configuration.localPort)
    }
}
