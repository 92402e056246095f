import Foundation
import NetworkLayers
import NetworkTransports
import VirtualTime

/// `pion`: pion/sctp 1.8.6 (Go) driven by `sctpconform-pion-agent` (docs/agent-protocol.md) over
/// SCTP-over-UDP (RFC 6951, port 9899 on both sides), in real time.
///
/// Each target gets a network namespace pair of its own (`NamespacePair`, 198.18.0.0/15 on a veth):
/// the agent runs in the SUT's namespace (entered with `nsenter --net=`, since a Go program cannot
/// switch namespaces safely once its threads run), binds the SUT's address, and the harness's UDP
/// socket opens in the other, so parallel runs never see each other's packets.
///
/// The capabilities are what pion can do: serve (it answers an INIT on whatever ports it names),
/// connect, and have its application driven. Its client always uses SCTP ports 5000 → 5000
/// (`fixedClientPorts`): the runner runs client scenarios on those ports and notes it in the result.
/// Not `socket-options`: pion has none (the agent answers `error 95`); not virtual time. Its SACKs
/// are delayed about 200 ms, within the default tolerance of an `expect`.
extension TargetRegistry {
    public static let pionCapabilities: Set<TargetCapability> = [.server, .client, .application]

    /// The pion target with `tolerance` on every wall-clock deadline.
    public static func pion(tolerance: VirtualDuration) -> TargetDescriptor {
        TargetDescriptor(
            name: "pion",
            summary: "pion/sctp 1.8.6 (Go) over UDP encapsulation (RFC 6951, port 9899) in a network namespace, "
                + "driven by its agent, in real time",
            capabilities: Self.pionCapabilities,
            checkAvailability: { Self.pionAvailability() },
            fixedClientPorts: FixedClientPorts(sut: 5000, harness: 5000),
            make: { (configuration, start) throws(TargetError) -> any Target in
                let agent = try PionAgentBuilder.agentExecutable()
                let pair = try NamespacePair(
                    harnessAddresses: [configuration.harnessAddress], sutAddresses: [configuration.sutAddress])
                let port = NetworkCarriage.defaultUDPPort
                let setup = AgentTarget.Setup(
                    name: "pion", capabilities: Self.pionCapabilities, executable: Self.nsenter,
                    arguments: ["--net=\(pair.sutPath)", agent], carriage: .udp(localPort: port, remotePort: port),
                    harnessNamespacePath: pair.harnessPath, tolerance: tolerance, cleanUp: { pair.remove() })
                return try AgentTarget(setup: setup, configuration: configuration, start: start)
            })
    }

    /// util-linux's `nsenter`, which starts the agent inside the SUT's namespace.
    static let nsenter = "/usr/bin/nsenter"

    static func pionAvailability() -> TargetAvailability {
        if let (reason, hint) = NamespacePair.unavailability() { return .unavailable(reason: reason, hint: hint) }
        guard FileManager.default.isExecutableFile(atPath: Self.nsenter) else {
            return .unavailable(reason: "\(Self.nsenter) not found", hint: "apt-get install util-linux")
        }
        switch PionAgentBuilder.locateToolchain() {
        case .failure(.unavailable(let reason, let hint)): return .unavailable(reason: reason, hint: hint)
        case .failure(let error): return .unavailable(reason: error.description, hint: PionAgentBuilder.installHint)
        case .success(let toolchain):
            return .available(
                detail: "pion/sctp from \(toolchain.gocode) (agent built with \(toolchain.go)), ip netns and veth "
                    + "pairs (iproute2), UDP port 9899, real time")
        }
    }
}
