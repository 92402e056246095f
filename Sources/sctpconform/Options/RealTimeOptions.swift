import ArgumentParser
import NetworkLayers
import Scenario
import Targets
import VirtualTime

/// `run`'s options for the real-time targets: the tolerance every wall-clock deadline gets, and the
/// black-box peer of `--target remote` (its addresses are used only when named here).
struct RealTimeOptions: ParsableArguments {
    @Option(help: "Slack added to every deadline on a real-time target (e.g. 200ms, 1s; default 200ms).")
    var tolerance: String?

    @Option(help: "--target remote: the peer's IPv4 or IPv6 address.")
    var address: String?

    @Option(help: "--target remote: the peer's SCTP port (default: each scenario's SUT port).")
    var port: Int?

    @Option(help: "--target remote: an address of this machine to send from (may repeat).")
    var localAddress: [String] = []

    @Option(help: "--target remote: reach the peer over UDP encapsulation (RFC 6951) on this UDP port (9899).")
    var udpEncap: Int?

    @Option(help: "--target linux, linux-udp: the seeds' tool listening (ncat echoes; sctp_darn, sctp_test receive).")
    var app: String?

    /// The options checked against the target; any problem is a `CommandFailure` (exit 2).
    func targetOptions(target: String) throws(CommandFailure) -> RealTimeTargetOptions {
        var options = RealTimeTargetOptions()
        if let name = self.app {
            guard let application = LinuxApplication(rawValue: name) else {
                throw CommandFailure("--app '\(name)' is not one of "
                    + LinuxApplication.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard target.hasPrefix("linux") else {
                throw CommandFailure("--app is for --target linux and linux-udp only (the target is \(target))")
            }
            options.linuxApplication = application
        }
        if let text = self.tolerance {
            guard let duration = ScenarioDuration(parsing: text) else {
                throw CommandFailure("--tolerance '\(text)' is not a duration (write it like 200ms or 1s)")
            }
            options.tolerance = .nanoseconds(duration.nanoseconds)
        }
        let remoteFlags = self.address != nil || self.port != nil || !self.localAddress.isEmpty || self.udpEncap != nil
        guard target == "remote" else {
            if remoteFlags {
                throw CommandFailure(
                    "--address, --port, --local-address and --udp-encap are for --target remote only (the target is "
                        + "\(target))")
            }
            return options
        }
        guard let text = self.address else {
            throw CommandFailure("--target remote needs the peer's address: --address A [--port P]")
        }
        guard let address = IPAddress(text) else {
            throw CommandFailure("--address '\(text)' is not an IPv4 or IPv6 address")
        }
        var locals: [IPAddress] = []
        for text in self.localAddress {
            guard let local = IPAddress(text) else {
                throw CommandFailure("--local-address '\(text)' is not an IPv4 or IPv6 address")
            }
            guard local.version == address.version else {
                throw CommandFailure("--local-address \(local) is IPv\(local.version) but --address \(address) is "
                    + "IPv\(address.version)")
            }
            locals.append(local)
        }
        if let port = self.port, !(1...65_535).contains(port) {
            throw CommandFailure("--port \(port) is not an SCTP port (1 to 65535)")
        }
        var udpPort: UInt16?
        if let port = self.udpEncap {
            guard (1...65_535).contains(port) else {
                throw CommandFailure("--udp-encap \(port) is not a UDP port (1 to 65535)")
            }
            udpPort = UInt16(port)
        }
        options.remote = RemotePeer(addresses: [address], localAddresses: locals, udpEncapsulationPort: udpPort)
        return options
    }

    /// The SCTP port `--port` sets for every scenario's SUT, if given.
    var sutPort: UInt16? { self.port.map { UInt16(clamping: $0) } }
}
