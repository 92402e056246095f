#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `sctpconform-bench [GROUP [ARGUMENTS...]]`: prints performance figures (release build:
/// `swift run -c release sctpconform-bench`; `check` uses a reading thread and rule threads, the
/// others one core). Nothing here is a test: figures are printed
/// with their targets beside them, never asserted.
///
/// Each group lives in its own file as an enum with `static func run(arguments:) -> Int32`; add
/// one by adding a line to `groups`.
struct BenchmarkGroup {
    var name: String
    var summary: String
    /// Whether running without arguments includes this group.
    var runsByDefault: Bool
    var run: ([String]) -> Int32
}

let groups: [BenchmarkGroup] = [
    BenchmarkGroup(
        name: "codec", summary: "SCTP decode + CRC32c verify, encode (64-byte DATA, 300-byte INIT ACK)",
        runsByDefault: true, run: CodecBenchmark.run),
    BenchmarkGroup(
        name: "crc", summary: "CRC32c GB/s per implementation at 64 B, 1,500 B, 64 KiB", runsByDefault: true,
        run: ChecksumBenchmark.run),
    BenchmarkGroup(
        name: "capture", summary: "write a pcap of N packets / decode a capture file (packets/s)",
        runsByDefault: false, run: CaptureBenchmark.run),
    BenchmarkGroup(
        name: "check", summary: "sctpconform check on a synthesized 1,000,000-packet capture vs tshark (packets/s)",
        runsByDefault: false, run: CheckBenchmark.run),
    BenchmarkGroup(
        name: "scenario", summary: "run a scenario repeatedly against a target (scenarios/s)", runsByDefault: false,
        run: ScenarioBenchmark.run),
    BenchmarkGroup(
        name: "external",
        summary: "run scenarios repeatedly against usrsctp-raw and usrsctp-udp (scenarios/s, real-time tolerance)",
        runsByDefault: false, run: ExternalBenchmark.run),
    BenchmarkGroup(
        name: "linux", summary: "the Linux kernel in QEMU: image build, VM boot, reset, scenarios/s (--cold, --rounds N)",
        runsByDefault: false, run: LinuxBenchmark.run),
    BenchmarkGroup(
        name: "fuzz", summary: "fuzz executions/s against usrsctp on one core: established and out of the blue",
        runsByDefault: false, run: FuzzBenchmark.run),
]

@MainActor
func printUsage() {
    print("usage: sctpconform-bench [GROUP [ARGUMENTS...]]   (no group: every default group)")
    for group in groups {
        print("  " + group.name.padded(to: 10) + group.summary + (group.runsByDefault ? " [default]" : ""))
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
var status: Int32 = 0
#if DEBUG
    print("warning: debug build; figures are meaningful only with `swift run -c release sctpconform-bench`")
#endif
if arguments.isEmpty {
    for group in groups where group.runsByDefault {
        print("== \(group.name): \(group.summary)")
        status = max(status, group.run([]))
    }
} else if ["-h", "--help", "help", "--list"].contains(arguments[0]) {
    printUsage()
} else if let group = groups.first(where: { $0.name == arguments[0] }) {
    status = group.run(Array(arguments.dropFirst()))
} else {
    print("unknown benchmark group '\(arguments[0])'")
    printUsage()
    status = 2
}
exit(status)
