import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
/// Timing helpers shared by the benchmark groups. Benchmarks are not core code: they read the
/// monotonic clock (`ContinuousClock`), and only ever print figures, never assert them.
enum Bench {
    /// Runs this process (and the helpers it starts, which inherit it) on one CPU: executes itself
    /// again under `taskset -c CPU` (util-linux) once; without taskset it runs on any.
    static func pin(to cpu: Int) {
        let marker = "SCTPCONFORM_BENCH_PINNED"
        guard ProcessInfo.processInfo.environment[marker] == nil else { return }
        let taskset = ["/usr/bin/taskset", "/bin/taskset"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let taskset, let executable = Bundle.main.executablePath else {
            print("(taskset not found: running on any cpu)")
            return
        }
        setenv(marker, "\(cpu)", 1)
        let arguments = [taskset, "-c", "\(cpu)", executable] + CommandLine.arguments.dropFirst()
        var pointers = arguments.map { strdup($0) }
        pointers.append(nil)
        execv(taskset, &pointers)
        print("(could not run under taskset: running on any cpu)")
    }

    /// Keeps the optimizer from deleting work whose result is otherwise unused.
    @inline(never)
    static func blackHole<T>(_ value: T) {
        withExtendedLifetime(value) {}
    }

    /// Seconds in a `Duration`.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Runs `body` (one iteration per call) in batches until a batch lasts `batchSeconds`, then
    /// times `rounds` such batches and returns the best rate in iterations per second.
    static func iterationsPerSecond(
        batchSeconds: Double = 0.05, rounds: Int = 5, _ body: () -> Void
    ) -> Double {
        let clock = ContinuousClock()
        var batch = 1
        while true {
            let start = clock.now
            for _ in 0..<batch { body() }
            let elapsed = Self.seconds(clock.now - start)
            if elapsed >= batchSeconds || batch >= 1 << 40 {
                break
            }
            let factor = elapsed > 0 ? min(max(batchSeconds / elapsed * 1.2, 2), 100) : 100
            batch = Int(Double(batch) * factor)
        }
        var best = 0.0
        for _ in 0..<rounds {
            let start = clock.now
            for _ in 0..<batch { body() }
            let elapsed = Self.seconds(clock.now - start)
            if elapsed > 0 {
                best = max(best, Double(batch) / elapsed)
            }
        }
        return best
    }

    /// `12.3 M`, `456.7 k`, `89.0`.
    static func scaled(_ value: Double) -> String {
        if value >= 1e9 { return Self.fixed(value / 1e9, 2) + " G" }
        if value >= 1e6 { return Self.fixed(value / 1e6, 2) + " M" }
        if value >= 1e3 { return Self.fixed(value / 1e3, 1) + " k" }
        return Self.fixed(value, 1) + " "
    }

    /// `value` with `digits` decimals (no Foundation formatting needed).
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var factor = 1.0
        for _ in 0..<digits { factor *= 10 }
        let rounded = (value * factor).rounded() / factor
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits {
                text += String(repeating: "0", count: digits - decimals)
            }
        } else if digits > 0 {
            text += "." + String(repeating: "0", count: digits)
        }
        return text
    }

    /// One result line: `name ........ value unit   (target ≥ 10 M packets/s: met)`.
    static func report(_ name: String, _ value: String, target: String? = nil, met: Bool? = nil) {
        var line = name.padded(to: 52) + " " + value
        if let target {
            let verdict = met.map { $0 ? "met" : "NOT met" } ?? ""
            line = line.padded(to: 76) + "  (target \(target)\(verdict.isEmpty ? "" : ": " + verdict))"
        }
        print(line)
        // Flushed line by line, also into a pipe or file: a run stopped during a long comparison
        // keeps the figures it had already printed (nil: every stream, stdout among them).
        fflush(nil)
    }
}

extension String {
    /// The string followed by spaces up to `width` characters.
    func padded(to width: Int) -> String {
        self.count >= width ? self : self + String(repeating: " ", count: width - self.count)
    }
}
