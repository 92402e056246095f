import Foundation
import NetworkTransports
import VirtualTime

extension TargetRegistry {
    /// What the Linux kernel's SCTP (6.1, Debian's cloud kernel) does with its agent, in real time
    /// (no `virtual-time`, no `deterministic`: its clock and randomness are the guest's).
    /// PR-SCTP is on by default (`net.sctp.prsctp_enable`); AUTH, ASCONF, stream reconfiguration and
    /// I-DATA need enabling the agent does not do, so they are not claimed.
    public static let linuxCapabilities: Set<TargetCapability> = [
        .server, .client, .socketOptions, .partialReliability, .application,
    ]

    /// With `--app`, the tool owns the socket: the target can only listen (and the tool's echo or
    /// printing is what it does); scenarios needing more are SKIPped.
    public static let linuxApplicationCapabilities: Set<TargetCapability> = [.server]

    /// `linux` (raw IP over the tap) and `linux-udp` (UDP encapsulation, RFC 6951, port 9899: the
    /// guest's `net.sctp.udp_port` and the socket's remote encapsulation port).
    public static func linuxTargets(_ options: LinuxTargetOptions) -> [TargetDescriptor] {
        let app = options.application.map { ", application \($0.rawValue)" } ?? ""
        return [
            Self.linux(
                name: "linux", carriage: .rawIP, options: options,
                summary: "the Linux kernel's SCTP (Debian cloud kernel) in a QEMU VM, raw IP over a tap device in a "
                    + "network namespace, driven by its agent over virtio-serial, in real time\(app)"),
            Self.linux(
                name: "linux-udp",
                carriage: .udp(localPort: NetworkCarriage.defaultUDPPort, remotePort: NetworkCarriage.defaultUDPPort),
                options: options,
                summary: "the Linux kernel's SCTP in a QEMU VM over UDP encapsulation (RFC 6951, port 9899), in real "
                    + "time\(app)"),
        ]
    }

    public static func linux(
        name: String, carriage: NetworkCarriage, options: LinuxTargetOptions, summary: String
    ) -> TargetDescriptor {
        let capabilities = options.application == nil ? Self.linuxCapabilities : Self.linuxApplicationCapabilities
        return TargetDescriptor(
            name: name, summary: summary, capabilities: capabilities,
            checkAvailability: { Self.linuxAvailability() },
            make: { (configuration, start) throws(TargetError) -> any Target in
                let accelerator = ProcessInfo.processInfo.environment["SCTPCONFORM_LINUX_ACCEL"].flatMap {
                    $0.isEmpty ? nil : $0
                }
                do throws(TargetError) {
                    return try LinuxTarget(
                        name: name, capabilities: capabilities, carriage: carriage, options: options,
                        configuration: configuration, start: start)
                } catch {
                    // A guest that did not boot under KVM (chosen, not forced): once more with TCG.
                    guard accelerator == nil, LinuxMachine.detectAccelerator() == "kvm",
                        case .unresponsive = error
                    else { throw error }
                    KVMHealth.shared.markStalled()
                    return try LinuxTarget(
                        name: name, capabilities: capabilities, carriage: carriage, options: options,
                        configuration: configuration, start: start)
                }
            })
    }

    /// Root and iproute2 (namespaces, tap), QEMU, and what the image script needs; nothing is started
    /// or built.
    public static func linuxAvailability(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> TargetAvailability
    {
        if let (reason, hint) = NamespacePair.unavailability() { return .unavailable(reason: reason, hint: hint) }
        guard let qemu = LinuxMachine.locateQEMU(environment: environment) else {
            return .unavailable(reason: "qemu-system-x86_64 not found", hint: LinuxImage.installHint)
        }
        if environment["SCTPCONFORM_LINUX_IMAGE"] == nil {
            for tool in ["apt-get", "dpkg-deb", "cpio", "gcc"]
            where ToolRunner.findExecutable(environment["CC"].flatMap { tool == "gcc" ? $0 : nil } ?? tool,
                                            environment: environment) == nil
            {
                return .unavailable(
                    reason: "\(tool) not found (needed to build the VM image)", hint: LinuxImage.installHint)
            }
            guard access("/bin/busybox", X_OK) == 0 else {
                return .unavailable(reason: "/bin/busybox not found", hint: LinuxImage.installHint)
            }
            guard LinuxImage.locateScript(environment: environment) != nil else {
                return .unavailable(reason: "scripts/build-linux-image.sh is missing from the installation",
                                    hint: "set SCTPCONFORM_LINUX_IMAGE_SCRIPT to its path")
            }
        }
        return .available(detail: "\(qemu) (\(LinuxMachine.detectAccelerator())), the image of "
            + "scripts/build-linux-image.sh (built on first use), a tap device in a network namespace, real time")
    }
}
