import Foundation
import NetworkLayers
import ProcessTestSupport
import Targets
import Testing

/// The image script's cache key and the QEMU command line, without booting anything.
@Suite struct LinuxImageTests {
    static let script = repositoryRoot() + "/scripts/build-linux-image.sh"

    /// The key the script would cache an image under, for the sources in `sources`.
    static func key(sources: String, cache: String) throws -> ExternalTool.Result {
        try ExternalTool.run(
            "/usr/bin/env",
            ["SCTPCONFORM_LINUX_SOURCES=\(sources)", "SCTPCONFORM_CACHE_DIR=\(cache)", "bash", Self.script, "--print-key"],
            timeout: 120)
    }

    @Test func theCacheKeyChangesWithTheAgentsSourceAndOnlyThen() throws {
        guard ExternalTool.find("apt-cache") != nil, ExternalTool.find("cpio") != nil,
            FileManager.default.isExecutableFile(atPath: "/bin/busybox")
        else {
            #expect(!ExternalTool.isCI, "apt-cache, cpio or busybox-static is missing")
            return
        }
        let scratch = TemporaryDirectory()
        defer { scratch.remove() }
        let copy = scratch.file("sources")
        try FileManager.default.copyItem(atPath: repositoryRoot() + "/Sources/Targets/Linux", toPath: copy)
        let first = try Self.key(sources: copy, cache: scratch.file("cache"))
        let again = try Self.key(sources: copy, cache: scratch.file("cache"))
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.count == 17, "a 16-digit key: \(first.standardOutput)")
        #expect(first.standardOutput == again.standardOutput)
        let agent = copy + "/sctpconform-linux-agent.c"
        try (try String(contentsOfFile: agent, encoding: .utf8) + "\n/* edited */\n")
            .write(toFile: agent, atomically: true, encoding: .utf8)
        let edited = try Self.key(sources: copy, cache: scratch.file("cache"))
        #expect(edited.status == 0)
        #expect(edited.standardOutput != first.standardOutput)
    }

    @Test func aMissingSourceIsNamed() throws {
        let scratch = TemporaryDirectory()
        defer { scratch.remove() }
        let result = try Self.key(sources: scratch.path, cache: scratch.file("cache"))
        #expect(result.status != 0)
        #expect(result.standardError.contains("missing"), "\(result.standardError)")
    }

    @Test func theKernelCommandLineCarriesAddressesSysctlsAndTheApplication() throws {
        let image = LinuxImage(folder: "/images/x")
        let machine = LinuxMachine(
            image: image, tapDevice: "tap9",
            guestAddresses: [(try #require(IPAddress("198.18.0.2")), 24), (try #require(IPAddress("2001:db8::2")), 64)],
            sysctls: [("net.sctp.rto_min", "100")], application: .ncat, consoleLog: "/tmp/console.log",
            environment: ["SCTPCONFORM_LINUX_ACCEL": "tcg", "SCTPCONFORM_LINUX_QEMU_ARGS": "-icount shift=4,sleep=off"])
        let words = machine.kernelCommandLine.split(separator: " ").map(String.init)
        #expect(words.contains("sctpconform.addr=198.18.0.2/24"))
        #expect(words.contains("sctpconform.addr6=2001:db8::2/64"))
        #expect(words.contains("sctpconform.sysctl=net.sctp.rto_min:100"))
        #expect(words.contains("sctpconform.app=ncat"))
        #expect(words.contains("oops=panic") && words.contains("panic=-1"))
        let arguments = machine.arguments
        #expect(arguments.contains("-no-reboot"))
        #expect(arguments.contains("/images/x/vmlinuz") && arguments.contains("/images/x/initramfs.cpio.gz"))
        #expect(arguments.contains("tap,id=net0,ifname=tap9,script=no,downscript=no"))
        #expect(arguments.contains("virtserialport,chardev=agent,name=org.sctpconform.agent"))
        #expect(arguments.contains("file,id=console,path=/tmp/console.log"))
        #expect(Array(arguments.suffix(2)) == ["-icount", "shift=4,sleep=off"])
        #expect(arguments[arguments.firstIndex(of: "-accel")! + 1] == "tcg")
    }

    @Test func aGuestThatStalledUnderKVMMakesTheProcessUseTCG() {
        let detected = LinuxMachine.detectAccelerator()
        #expect(["kvm", "tcg"].contains(detected))
        KVMHealth.shared.markStalled()
        #expect(KVMHealth.shared.stalled)
        #expect(LinuxMachine.detectAccelerator() == "tcg")
    }
}
