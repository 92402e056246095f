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
/// (`ip netns exec`); its stdin/stdout are the agent channel and its serial console goes to a file,
/// so a kernel oops (which ends QEMU: `oops=panic panic=-1 -no-reboot`) is a crash whose error
/// quotes the console log, and a hung guest is an unanswered command (bounded), also with the
/// console, never a hung harness.
///
/// Everything else — commands, events, real time with its tolerance, reset, shutdown — is
/// `AgentTarget`'s. A run with other addresses than the VM's (an IPv6 scenario after IPv4 ones)
/// cannot reset it: that reset fails (not `.unsupported`, so later runs still reuse VMs) and the
/// pool boots a new VM for it.
public final class LinuxTarget: Target {
    public let inner: AgentTarget
    public let machine: LinuxMachine
    private let configuration: TargetConfiguration
    /// The folder of the console log, removed at shutdown.
    private let folder: String
    private let lock = NSLock()
    private var reportedFailure: TargetError?

    /// The tap device's name in the VM's namespace.
    static let tapDevice = "sctpctap0"
    /// The bridge joining it to the veth pair.
    static let bridgeDevice = "sctpcbr0"
    /// The longest a boot may take before the target gives up (TCG on a loaded machine: tens of s).
    public static let bootTimeoutMilliseconds: Int64 = 180_000
    /// The same under KVM, which boots in a second or two: longer means the guest stalled.
    public static let kvmBootTimeoutMilliseconds: Int64 = 30_000
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
        var template = Array((NSTemporaryDirectory() + "sctpconform-linux-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            pair.remove()
            throw .unavailable(reason: "cannot make a temporary folder for the VM's console: "
                + String(cString: strerror(errno)), hint: "check TMPDIR")
        }
        let folder = String(cString: made)
        let prefix = configuration.sutAddress.version == 4 ? 24 : 64
        self.machine = LinuxMachine(
            image: image, tapDevice: Self.tapDevice, guestAddresses: [(configuration.sutAddress, prefix)],
            application: options.application, consoleLog: "\(folder)/console.log")
        self.configuration = configuration
        self.folder = folder
        let setup = AgentTarget.Setup(
            name: name, capabilities: capabilities, executable: ip,
            arguments: ["netns", "exec", pair.sutName, qemu] + self.machine.arguments, carriage: carriage,
            harnessNamespacePath: pair.harnessPath, tolerance: options.tolerance,
            replyTimeoutMilliseconds: Self.replyTimeoutMilliseconds,
            firstReplyTimeoutMilliseconds: self.machine.accelerator == "kvm"
                ? Self.kvmBootTimeoutMilliseconds : Self.bootTimeoutMilliseconds,
            cleanUp: {
                pair.remove()
                try? FileManager.default.removeItem(atPath: folder)
            })
        do {
            self.inner = try AgentTarget(setup: setup, configuration: configuration, start: start)
        } catch {
            let console = Self.consoleTail(of: "\(folder)/console.log")
            try? FileManager.default.removeItem(atPath: folder)
            throw Self.adding(console: console, to: error)
        }
    }

    deinit {
        self.shutdown()
    }

    /// The last lines of the guest's console (at most 8 KiB).
    static func consoleTail(of path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        let text = String(decoding: data.suffix(8_192), as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The error with the guest's console appended: what the kernel said before QEMU ended (an oops,
    /// a panic) or before it stopped answering.
    static func adding(console: String, to error: TargetError) -> TargetError {
        guard !console.isEmpty else { return error }
        let quoted = "\n--- the guest's console (last lines) ---\n" + console
        switch error {
        case .crashed(let description, let stderr): return .crashed(description: description, stderr: stderr + quoted)
        case .killed(let description, let stderr): return .killed(description: description, stderr: stderr + quoted)
        case .unresponsive(let text): return .unresponsive(text + quoted)
        case .failed(let text): return .failed(text + quoted)
        case .unavailable, .unsupported: return error
        }
    }

    /// An error of the agent, with the console quoted once the VM has failed.
    private func explained(_ error: TargetError) -> TargetError {
        guard self.inner.terminationError != nil else { return error }
        return self.terminationError ?? error
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
    public var terminationError: TargetError? {
        guard let failure = self.inner.terminationError else { return nil }
        return self.lock.withLock {
            if let known = self.reportedFailure { return known }
            let explained = Self.adding(console: Self.consoleTail(of: self.machine.consoleLog), to: failure)
            self.reportedFailure = explained
            return explained
        }
    }
    public var realTimeTolerance: VirtualDuration? { self.inner.realTimeTolerance }

    public var wireCarriage: SCTPCarriage? { self.inner.wireCarriage }
    /// The agent's `hello` answer: `sctpconform-linux-agent 1 linux-<release>[+app]`.
    public var agentIdentity: [String] { self.inner.agentIdentity }

    public func perform(_ action: ApplicationAction, at time: VirtualInstant) throws(TargetError) -> ActionResult {
        do {
            return try self.inner.perform(action, at: time)
        } catch {
            throw self.explained(error)
        }
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
        do {
            try self.inner.reset(configuration, start: start)
        } catch {
            throw self.explained(error)
        }
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
