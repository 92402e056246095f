import Foundation
import NetworkLayers

/// How the Linux test VM is started: the QEMU command line that boots `LinuxImage` with the agent's
/// virtio-serial port on QEMU's stdin/stdout (so the agent channel is the QEMU process's stdio), the
/// serial console in a file (`consoleLog`: a kernel oops or panic is quoted from it in the error the
/// target reports), and the guest's network on a tap device.
///
/// The guest gets its addresses, routes and sysctls on the kernel command line (`sctpconform.addr=`,
/// `sctpconform.addr6=`, `sctpconform.sysctl=`; read by its /init; `sctpconform.app=` by the agent).
/// `panic=-1 oops=panic` with
/// `-no-reboot` make a kernel oops end QEMU at once, so it is reported as a crash, never a hang.
///
/// Acceleration: KVM only when the CPU has vmx/svm and `/dev/kvm` opens read-write (on these
/// machines it opens but guests stall in early boot without them); otherwise TCG. The choice can
/// be forced with `SCTPCONFORM_LINUX_ACCEL=tcg|kvm`. `SCTPCONFORM_LINUX_QEMU_ARGS` appends
/// arguments (space-separated), e.g. `-icount shift=auto,sleep=off` (see docs/linux-target.md).
public struct LinuxMachine: Sendable {
    public var image: LinuxImage
    /// The tap device the guest's virtio-net uses (in the namespace QEMU runs in).
    public var tapDevice: String
    /// The guest's addresses with their prefix lengths.
    public var guestAddresses: [(IPAddress, Int)]
    /// sysctls the guest's /init sets (name with dots: `net.sctp.rto_min`) before the agent starts.
    public var sysctls: [(String, String)]
    /// The seeds' tool the agent starts on `listen`, if any (`sctpconform.app=`).
    public var application: LinuxApplication?
    /// Where the serial console (the kernel's messages, /init's, the tools') is written.
    public var consoleLog: String
    public var memoryMegabytes = 512
    public var accelerator: String
    public var extraArguments: [String]

    public init(
        image: LinuxImage, tapDevice: String, guestAddresses: [(IPAddress, Int)], sysctls: [(String, String)] = [],
        application: LinuxApplication? = nil, consoleLog: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.image = image
        self.tapDevice = tapDevice
        self.guestAddresses = guestAddresses
        self.sysctls = sysctls
        self.application = application
        self.consoleLog = consoleLog
        self.accelerator = environment["SCTPCONFORM_LINUX_ACCEL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.detectAccelerator()
        self.extraArguments = (environment["SCTPCONFORM_LINUX_QEMU_ARGS"] ?? "").split(separator: " ").map(String.init)
    }

    /// The kernel command line.
    public var kernelCommandLine: String {
        var words = ["console=ttyS0", "quiet", "panic=-1", "oops=panic"]
        let v4 = self.guestAddresses.filter { $0.0.version == 4 }.map { "\($0.0)/\($0.1)" }
        let v6 = self.guestAddresses.filter { $0.0.version == 6 }.map { "\($0.0)/\($0.1)" }
        if !v4.isEmpty { words.append("sctpconform.addr=" + v4.joined(separator: ",")) }
        if !v6.isEmpty { words.append("sctpconform.addr6=" + v6.joined(separator: ",")) }
        if !self.sysctls.isEmpty {
            words.append("sctpconform.sysctl=" + self.sysctls.map { "\($0.0):\($0.1)" }.joined(separator: ","))
        }
        if let application = self.application { words.append("sctpconform.app=\(application.rawValue)") }
        return words.joined(separator: " ")
    }

    /// The arguments after the program name.
    public var arguments: [String] {
        var arguments = [
            "-accel", self.accelerator, "-m", "\(self.memoryMegabytes)", "-smp", "1", "-nodefaults", "-no-reboot",
            "-display", "none", "-kernel", self.image.kernel, "-initrd", self.image.initramfs,
            "-append", self.kernelCommandLine,
            // The console in a file; the agent's port on stdin/stdout.
            "-chardev", "file,id=console,path=\(self.consoleLog)", "-serial", "chardev:console",
            "-device", "virtio-serial-pci",
            "-chardev", "stdio,id=agent,signal=off",
            "-device", "virtserialport,chardev=agent,name=org.sctpconform.agent",
            "-netdev", "tap,id=net0,ifname=\(self.tapDevice),script=no,downscript=no",
            "-device", "virtio-net-pci,netdev=net0",
        ]
        if self.accelerator == "kvm" { arguments += ["-cpu", "host"] }
        return arguments + self.extraArguments
    }

    /// `kvm` when it can work here (vmx or svm in /proc/cpuinfo, /dev/kvm opens, and no guest of this
    /// process stalled on it), else `tcg`.
    public static func detectAccelerator() -> String {
        guard !KVMHealth.shared.stalled else { return "tcg" }
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "tcg" }
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        let words = Set(flags.split(separator: " "))
        guard words.contains("vmx") || words.contains("svm") else { return "tcg" }
        let fd = open("/dev/kvm", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return "tcg" }
        close(fd)
        return "kvm"
    }

    /// `qemu-system-x86_64` on the PATH, or nil.
    public static func locateQEMU(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        ToolRunner.findExecutable(environment["SCTPCONFORM_QEMU"] ?? "qemu-system-x86_64", environment: environment)
    }
}

/// Whether a guest of this process stalled under KVM (on some machines `/dev/kvm` opens but guests
/// hang in early boot): from then on this process boots with TCG.
public final class KVMHealth: @unchecked Sendable {
    public static let shared = KVMHealth()

    private let lock = NSLock()
    private var hasStalled = false

    public var stalled: Bool { self.lock.withLock { self.hasStalled } }

    public func markStalled() {
        self.lock.withLock { self.hasStalled = true }
    }
}
