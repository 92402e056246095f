import Foundation
import NetworkLayers
import NetworkTransports
import VirtualTime

/// What the real-time targets take from the command line.
public struct RealTimeTargetOptions: Sendable {
    /// Added to every wall-clock deadline (`--tolerance`).
    public var tolerance: VirtualDuration
    /// The black-box peer of `--target remote` (nil: none was named).
    public var remote: RemotePeer?
    /// The seeds' tool the Linux targets' agent starts on `listen` (`--app`), if any.
    public var linuxApplication: LinuxApplication?

    public init(
        tolerance: VirtualDuration = RealTimeClock.defaultTolerance, remote: RemotePeer? = nil,
        linuxApplication: LinuxApplication? = nil
    ) {
        self.tolerance = tolerance
        self.remote = remote
        self.linuxApplication = linuxApplication
    }
}

extension TargetRegistry {
    /// What the usrsctp agent can do: usrsctp 0.9.5's features, in real time (no `virtual-time`, no
    /// `deterministic`: its clock and randomness are the machine's).
    public static let usrsctpAgentCapabilities: Set<TargetCapability> = [
        .server, .client, .socketOptions, .partialReliability, .authentication, .streamReconfiguration,
        .application,
    ]

    /// `usrsctp-raw`, `usrsctp-udp` and `remote`.
    public static func realTimeTargets(_ options: RealTimeTargetOptions) -> [TargetDescriptor] {
        [
            Self.usrsctpAgent(
                name: "usrsctp-raw", carriage: .rawIP, tolerance: options.tolerance,
                summary: "Debian's usrsctp (threaded, real sockets) over raw IP in a network namespace behind a veth "
                    + "pair, driven by its agent, in real time"),
            Self.usrsctpAgent(
                name: "usrsctp-udp",
                carriage: .udp(localPort: NetworkCarriage.defaultUDPPort, remotePort: NetworkCarriage.defaultUDPPort),
                tolerance: options.tolerance,
                summary: "Debian's usrsctp over UDP encapsulation (RFC 6951, port 9899) in a network namespace, "
                    + "driven by its agent, in real time"),
            Self.remote(options.remote, tolerance: options.tolerance),
        ]
    }

    /// usrsctp's agent in a namespace pair made per target: the agent enters the SUT's namespace,
    /// the harness's sockets open in the other.
    public static func usrsctpAgent(
        name: String, carriage: NetworkCarriage, tolerance: VirtualDuration, summary: String
    ) -> TargetDescriptor {
        TargetDescriptor(
            name: name, summary: summary, capabilities: Self.usrsctpAgentCapabilities,
            checkAvailability: { Self.usrsctpAgentAvailability() },
            make: { (configuration, start) throws(TargetError) -> any Target in
                let agent = try USRSCTPAgentBuilder.agentExecutable()
                let pair = try NamespacePair(
                    harnessAddresses: [configuration.harnessAddress], sutAddresses: [configuration.sutAddress])
                let setup = AgentTarget.Setup(
                    name: name, capabilities: Self.usrsctpAgentCapabilities, executable: agent,
                    arguments: ["--netns", pair.sutPath], carriage: carriage, harnessNamespacePath: pair.harnessPath,
                    tolerance: tolerance, cleanUp: { pair.remove() })
                return try AgentTarget(setup: setup, configuration: configuration, start: start)
            })
    }

    static func usrsctpAgentAvailability() -> TargetAvailability {
        if let (reason, hint) = NamespacePair.unavailability() { return .unavailable(reason: reason, hint: hint) }
        switch USRSCTPHelperBuilder.locateToolchain() {
        case .failure(.unavailable(let reason, let hint)): return .unavailable(reason: reason, hint: hint)
        case .failure(let error): return .unavailable(reason: error.description, hint: USRSCTPHelperBuilder.installHint)
        case .success(let toolchain):
            guard USRSCTPAgentBuilder.locateSource(environment: ProcessInfo.processInfo.environment) != nil else {
                return .unavailable(
                    reason: "the agent source \(USRSCTPAgentBuilder.sourceName) is missing",
                    hint: "set SCTPCONFORM_USRSCTP_AGENT_SOURCE to its path, or reinstall sctpconform")
            }
            return .available(detail: "\(toolchain.library) (agent compiled with \(toolchain.compiler)), "
                + "ip netns and veth pairs (iproute2), real time")
        }
    }

    /// `remote`: the peer named on the command line, or unavailable when none was.
    public static func remote(_ peer: RemotePeer?, tolerance: VirtualDuration) -> TargetDescriptor {
        TargetDescriptor(
            name: "remote",
            summary: "a black-box SCTP peer on the network (--address A [--port P] [--local-address L] "
                + "[--udp-encap PORT]), in real time; app: steps other than listen are SKIPped",
            capabilities: RemoteTarget.supportedCapabilities,
            checkAvailability: {
                guard let peer else {
                    return .unavailable(
                        reason: "no peer named", hint: "give its address: --target remote --address A [--port P]")
                }
                if peer.udpEncapsulationPort == nil, geteuid() != 0 {
                    return .unavailable(reason: "raw IP sockets need root",
                                        hint: "run as root, or use UDP encapsulation with --udp-encap 9899")
                }
                return .available(detail: peer.plan(port: 0).replacingOccurrences(of: " port 0", with: ""))
            },
            make: { (configuration, start) throws(TargetError) -> any Target in
                guard let peer else { throw .unavailable(reason: "no peer named", hint: "give --address") }
                return try RemoteTarget(peer: peer, configuration: configuration, start: start, tolerance: tolerance)
            })
    }
}
