/// The in-process ceiling for `sctpconform-bench scenario`: usrsctp alone doing the handshake
/// scenario's exchange, with no harness (`sctpconform-usrsctp --ceiling N`: a client and a server
/// endpoint in the helper's one process over AF_CONN, on the same virtual clock and timer jumps,
/// each run on new sockets after a reset as `RESET` makes it). What the harness costs is the
/// difference between a scenario run and this.
public enum USRSCTPCeiling {
    /// What the helper measured (real time, one core).
    public struct Measurement: Hashable, Sendable {
        public var runs: Int
        public var nanoseconds: UInt64
        public var packets: Int

        public var runsPerSecond: Double { Double(self.runs) / (Double(self.nanoseconds) / 1e9) }
    }

    /// Builds the helper if needed and runs `iterations` in-process exchanges after one warm-up.
    public static func measure(iterations: Int) throws(TargetError) -> Measurement {
        let helper = try USRSCTPHelperBuilder.helperExecutable()
        let outcome: ToolRunner.Outcome
        do {
            outcome = try ToolRunner.run(
                path: helper, arguments: ["--ceiling", String(max(1, iterations))], timeoutMilliseconds: 600_000)
        } catch {
            throw .failed("cannot run \(helper) --ceiling: \(error.message)")
        }
        let words = outcome.output.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard outcome.succeeded, words.count >= 7, words[0] == "ceiling", let runs = Int(words[1]),
            let nanoseconds = UInt64(words[3]), let packets = Int(words[5])
        else {
            throw .failed("the in-process ceiling run failed: \(outcome.exit.map(\.description) ?? "overran"): "
                + String(outcome.output.suffix(2_000)))
        }
        return Measurement(runs: runs, nanoseconds: nanoseconds, packets: packets)
    }
}
