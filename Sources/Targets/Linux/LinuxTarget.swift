import Foundation
import NetworkLayers
import NetworkTransports
import Transports
import VirtualTime

/// The Linux kernel's SCTP stack in a QEMU VM (`--target linux`, `--target linux-udp`): the VM is
/// booted once per target and reset between scenarios; its agent (`sctpconform-linux-agent.c`)
/// drives the application over a virtio-serial port, the packets travel over a tap device.
///
/// The network: a `NamespacePair` (the harness's namespace with the harness's addresses, joined
/// by a veth pair to the VM's namespace); in the VM's namespace a bridge joins the veth end to the
/// tap device QEMU opens, so the guest (198.18.0.2/24 by default, or the run's IPv6 address /64) and
/// the harness share one link and nothing else sees their packets. QEMU runs in the VM's namespace
/// (`ip netns exec`); its stdin/stdout are the agent channel and its stderr the serial console, so
/// a kernel oops (which ends QEMU: `oops=panic panic=-1 -no-reboot`) is a crash whose error holds
/// the console log, and a hung guest is an unanswered command (bounded), never a hung harness.
///
/// Everything else — commands, events, real time with its tolerance, reset, shutdown — is
/// `AgentTarget`'s. A run with other addresses than the VM's (an IPv6 scenario after IPv4 ones)
/// cannot reset it: that reset fails (not `.unsupported`, so later runs still reuse VMs) and the
/// pool boots a new VM for it.
public final class LinuxTarget: Target {
    public let inner: AgentTarget
    public let machine: LinuxMachine
    private let configuration: TargetConfiguration

    /// The tap device's name in the VM's namespace.
    static let tapDevice = "sctpctap0"
    /// The bridge joining it to the veth pair.
    static let bridgeDevice = "sctpcbr0"
    /// The longest a boot may take before the target gives up (TCG on a loaded machine: tens of s).
    public static let bootTimeoutMilliseconds: Int64 = 180_000
    /// The longest the agent may take to answer any later command (`reset` waits up to 5 s inside).
    public static let replyTimeoutMilliseconds: Int64 = 20_000

    public init(
        name: String, capabilities: Set<TargetCapability>, carriage: NetworkCarriage, options: LinuxTargetOptions,
        configuration: TargetConfiguration, start: VirtualInstant
    ) throws(TargetError) {
        guard let qemu = LinuxMachine.locateQEMU() else {
            throw .unavailable(reason: "qemu-system-x86_64 not found", hint: LinuxImage.installHint)
        }
        let image = try LinuxImage.locateOrBuild()
        let ip = try NamespacePair.ipTool()
        let harness = configuration.harnessAddress
        let pair = try NamespacePair(
            harnessAddresses: Self.harnessAddresses(first: harness), sutAddresses: [])
        do {
            let sut = pair.sutName
            for command in [
                ["-n", sut, "tuntap", "add", "dev", Self.tapDevice, "mode", "tap"],
                ["-n", sut, "link", "add", Self.bridgeDevice, "type", "bridge"],
                ["-n", sut, "link", "set", sut, "master", Self.bridgeDevice],
                ["-n", sut, "link", "set", Self.tapDevice, "master", Self.bridgeDevice],
                ["-n", sut, "link", "set", Self.tapDevice, "up"],
                ["-n", sut, "link", "set", Self.bridgeDevice, "up"],
            ] {
                try NamespacePair.run(ip, command)
            }
        } catch {
            pair.remove()
            throw error
        }
        let prefix = configuration.sutAddress.version == 4 ? 24 : 64
        self.machine = LinuxMachine(
            image: image, tapDevice: Self.tapDevice, guestAddresses: [(configuration.sutAddress, prefix)],
            application: options.application)
        self.configuration = configuration
        let setup = AgentTarget.Setup(
            name: name, capabilities: capabilities, executable: ip,
            arguments: ["netns", "exec", pair.sutName, qemu] + self.machine.arguments, carriage: carriage,
            harnessNamespacePath: pair.harnessPath, tolerance: options.tolerance,
            replyTimeoutMilliseconds: Self.replyTimeoutMilliseconds,
            firstReplyTimeoutMilliseconds: Self.bootTimeoutMilliseconds, cleanUp: { pair.remove() })
        self.inner = try AgentTarget(setup: setup, configuration: configuration, start: start)
    }

    /// The harness's addresses on the link: the run's, and beside an IPv4 one the second address of
    /// the shipped multihomed scenario (198.18.0.3), so a harness with two addresses is reachable.
    static func harnessAddresses(first: IPAddress) -> [IPAddress] {
        var addresses = [first]
        if first.version == 4, let second = IPAddress("198.18.0.3"), second != first { addresses.append(second) }
        return addresses
    }

    public var name: String { self.inner.name }
    public var capabilities: Set<TargetCapability> { self.inner.capabilities }
    public var transport: any Transport { self.inner.transport }
    public var terminationError: TargetError? { self.inner.terminationError }
    public var realTimeTolerance: VirtualDuration? { self.inner.realTimeTolerance }
    /// The agent's `hello` answer: `sctpconform-linux-agent 1 linux-<release>[+app]`.
    public var agentIdentity: [String] { self.inner.agentIdentity }

    public func perform(_ action: ApplicationAction, at time: VirtualInstant) throws(TargetError) -> ActionResult {
        try self.inner.perform(action, at: time)
    }

    public func takeTimedEvents() -> [TimedApplicationEvent] {
        self.inner.takeTimedEvents()
    }

    public func reset(_ configuration: TargetConfiguration, start: VirtualInstant) throws(TargetError) {
        guard configuration.sutAddress == self.configuration.sutAddress,
            configuration.harnessAddress == self.configuration.harnessAddress
        else {
            throw .failed("the VM was booted for \(self.configuration.sutAddress); a new one is booted for "
                + "\(configuration.sutAddress)")
        }
        try self.inner.reset(configuration, start: start)
    }

    public func shutdown() {
        self.inner.shutdown()
    }
}

/// What the Linux targets take from the command line.
public struct LinuxTargetOptions: Sendable {
    /// Added to every wall-clock deadline (`--tolerance`).
    public var tolerance: VirtualDuration
    /// The seeds' tool the agent starts on `listen` instead of its own socket (`--app`), if any.
    public var application: LinuxApplication?

    public init(tolerance: VirtualDuration = RealTimeClock.defaultTolerance, application: LinuxApplication? = nil) {
        self.tolerance = tolerance
        self.application = application
    }
}

/// The seeds' tools the image carries, as the application on `listen` (`--app NAME`).
public enum LinuxApplication: String, Sendable, CaseIterable {
    /// `ncat --sctp -l -k --exec /bin/cat`: echoes every message back.
    case ncat
    /// lksctp-tools `sctp_darn -l`: receives and prints.
    case sctpDarn = "sctp_darn"
    /// lksctp-tools `sctp_test -l`: receives.
    case sctpTest = "sctp_test"
}
