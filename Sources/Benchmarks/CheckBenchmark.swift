import CaptureCheck
import Captures
import Foundation
import NetworkLayers
import Rules
import SCTPWire

/// `sctpconform-bench check [N | --file FILE | --write FILE]`: times the offline rule checker (`sctpconform check`)
/// on a synthesized capture of N packets (default 1,000,000: thousands of concurrent clean associations,
/// interleaved, with bundled SACK and DATA, heartbeats, handshakes and shutdowns, some over UDP; see
/// `CheckCaptureSynthesizer`), or on FILE, and then
/// `tshark -r FILE -T fields -e sctp.chunk_type` on the same file, and prints the ratio. `--write FILE`
/// only writes the synthesized capture (to profile `sctpconform check` on it). `--rule-threads T`
/// sets the rule engines beside the reading thread (default as `check`: one per further processor).
enum CheckBenchmark {
    static let usage =
        "usage: sctpconform-bench check [N | --file FILE | --write FILE] [--rounds K] [--rule-threads T]"

    static func run(arguments: [String]) -> Int32 {
        var count = 1_000_000
        var file: String?
        var writeOnly: String?
        var rounds = 3
        var options = CaptureCheckOptions()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--file":
                guard let path = remaining.popFirst() else { return Self.fail() }
                file = path
            case "--write":
                guard let path = remaining.popFirst() else { return Self.fail() }
                writeOnly = path
            case "--rule-threads":
                guard let value = remaining.popFirst().flatMap(Int.init), value >= 1 else { return Self.fail() }
                options.ruleThreads = value
            case "--rounds":
                guard let value = remaining.popFirst().flatMap(Int.init), value >= 1 else { return Self.fail() }
                rounds = value
            default:
                guard let value = Int(argument), value >= 8 else { return Self.fail() }
                count = value
            }
        }
        if let writeOnly {
            do {
                let summary = try CheckCaptureSynthesizer().write(count: count, path: writeOnly)
                print("wrote \(summary.packets) packets to \(writeOnly)")
                return 0
            } catch {
                print("check: cannot write \(writeOnly): \(error)")
                return 1
            }
        }
        let path: String
        var temporary: String?
        if let file {
            path = file
        } else {
            path =
                FileManager.default.temporaryDirectory
                .appendingPathComponent("sctpconform-bench-check-\(getpid()).pcap").path
            temporary = path
            let clock = ContinuousClock()
            let start = clock.now
            let summary: CheckCaptureSynthesizer.Summary
            do {
                summary = try CheckCaptureSynthesizer().write(count: count, path: path)
            } catch {
                print("check: cannot write \(path): \(error)")
                return 1
            }
            Bench.report(
                "synthesize \(summary.packets) packets, \(summary.chunks) chunks, \(summary.associations) associations "
                    + "(\(summary.udpEncapsulated) over UDP)",
                Bench.fixed(Bench.seconds(clock.now - start), 2) + " s")
        }
        defer {
            if let temporary { try? FileManager.default.removeItem(atPath: temporary) }
        }
        let clock = ContinuousClock()
        var best = Double.infinity
        var result = CaptureCheckResult(name: path)
        for _ in 0..<rounds {
            let start = clock.now
            result = CaptureChecker.check(path: path, options: options)
            best = min(best, Bench.seconds(clock.now - start))
        }
        if let error = result.readError {
            print("check: \(error)")
            return 1
        }
        let rate = Double(result.frames) / best
        Bench.report(
            "check \(result.frames) frames, \(result.associations.count) associations "
                + "(\(result.findings.count) findings)",
            Bench.scaled(rate) + "packets/s", target: "≥ 1 M packets/s", met: rate >= 1e6)
        for finding in result.findings.prefix(3) {
            print("  finding: \(finding.description)")
        }
        Bench.report(
            "check wall time (best of \(rounds), \(options.ruleThreads) rule thread(s))", Bench.fixed(best, 3) + " s")
        Self.compareWithTShark(path: path, checkSeconds: best)
        return 0
    }

    static func fail() -> Int32 {
        print(Self.usage)
        return 2
    }

    /// Times tshark listing the chunk types of the same file.
    static func compareWithTShark(path: String, checkSeconds: Double) {
        guard let tshark = Self.findExecutable("tshark") else {
            print("tshark not found in PATH: no comparison (install the tshark package)")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tshark)
        process.arguments = ["-r", path, "-T", "fields", "-e", "sctp.chunk_type"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try process.run()
        } catch {
            print("tshark could not start: \(error)")
            return
        }
        process.waitUntilExit()
        let seconds = Bench.seconds(clock.now - start)
        guard process.terminationStatus == 0 else {
            print("tshark exited with status \(process.terminationStatus): no comparison")
            return
        }
        Bench.report("tshark -T fields -e sctp.chunk_type", Bench.fixed(seconds, 3) + " s")
        Bench.report("check is faster than tshark by", Bench.fixed(seconds / checkSeconds, 1) + "x")
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
