#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Fuzz
import SCTPWire
import Scenario

/// `sctpconform-bench fuzz [--seconds S] [--batch N] [--cpu C]`: fuzz executions per second against
/// usrsctp through `USRSCTPFuzzExecutor`, from an established association (`from: established`) and
/// out of the blue (no prefix, the SUT listening). The process, and the helper it starts, run on CPU
/// C (default 0): one core for the harness and the stack together. Two kinds of input: a fixed cycle of
/// hand-made packets (`fixedInputs`, one packet each), and the engine's cases (`CaseGenerator` and
/// `CaseMutator` from seed 1: several steps each, timers and actions among them), made before the
/// clock starts, so only execution is timed. Figures only, wall-clock time, nothing asserted.
enum FuzzBenchmark {
    static let usage = "usage: sctpconform-bench fuzz [--seconds S] [--batch N] [--cpu C]"
    /// Issue 14's goals on one core.
    static let establishedGoal = 10_000.0
    static let outOfTheBlueGoal = 150_000.0

    static func run(arguments: [String]) -> Int32 {
        var seconds = 3.0
        var batchSize = 2_048
        var cpu: Int? = 0
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? arguments[index + 1] : ""
            switch arguments[index] {
            case "--seconds": seconds = Double(value) ?? 0
            case "--batch": batchSize = Int(value) ?? 0
            case "--cpu": cpu = value == "any" ? nil : Int(value)
            default: seconds = 0
            }
            guard seconds > 0, batchSize > 0 else {
                print(Self.usage)
                return 2
            }
            index += 2
        }
        if let cpu { Bench.pin(to: cpu) }
        let preambles = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path + "/Scenarios/preambles"
        let prefix: Scenario
        do {
            prefix = try ScenarioLoader(preambleFolders: [preambles, "Scenarios/preambles"]).load(
                yaml: "id: bench-established\ntitle: established\nfrom: established\nsteps: []\n", file: "bench.yaml")
        } catch {
            print(error.description)
            return 2
        }
        print("one core (cpu \(cpu.map(String.init) ?? "any")), batches of \(batchSize)")
        for engine in [false, true] {
            for (label, scenario, goal) in [
                ("established association", Optional(prefix), Self.establishedGoal),
                ("out of the blue", nil, Self.outOfTheBlueGoal),
            ] {
                guard let (rate, perCPUSecond) = Self.measure(
                    prefix: scenario, seconds: seconds, batchSize: batchSize, engine: engine)
                else { return 1 }
                Bench.report(
                    "usrsctp fuzz, \(label), " + (engine ? "engine's cases" : "fixed inputs"),
                    Bench.scaled(rate) + "exec/s", target: "≥ " + Bench.scaled(goal) + "exec/s", met: rate >= goal)
                Bench.report("  the same per CPU-second (harness + helper)", Bench.scaled(perCPUSecond) + "exec/s")
            }
        }
        return 0
    }

    /// Executions per second of wall-clock time over `seconds` of whole batches (after one warm-up
    /// batch), and per second of CPU time of this process and the helper (its children included).
    static func measure(prefix: Scenario?, seconds: Double, batchSize: Int, engine: Bool) -> (Double, Double)? {
        let executor = USRSCTPFuzzExecutor()
        defer { executor.shutdown() }
        do {
            let baseline = try executor.prepare(prefix: prefix, seed: 1)
            let batch: [FuzzInput]
            if engine {
                batch = Self.engineInputs(baseline, associated: prefix != nil, count: batchSize)
            } else {
                let inputs = Self.fixedInputs(baseline, outOfTheBlue: prefix == nil)
                batch = (0..<batchSize).map { inputs[$0 % inputs.count] }
            }
            _ = try executor.execute(batch)
            let clock = ContinuousClock()
            let start = clock.now
            let cpuStart = Self.cpuSeconds(helper: executor.helperProcessIdentifier)
            var executions = 0
            var failures = 0
            repeat {
                let outcomes = try executor.execute(batch)
                executions += outcomes.count
                failures += outcomes.count { $0.failure != nil }
            } while Bench.seconds(clock.now - start) < seconds
            if failures > 0 { print("  (\(failures) inputs failed)") }
            let wall = Bench.seconds(clock.now - start)
            let cpu = Self.cpuSeconds(helper: executor.helperProcessIdentifier) - cpuStart
            return (Double(executions) / wall, cpu > 0 ? Double(executions) / cpu : 0)
        } catch {
            print("fuzz benchmark: \(error.description)")
            return nil
        }
    }

    /// CPU seconds used so far by this process and by the helper with its waited-for children
    /// (`/proc/PID/stat`: utime, stime, cutime, cstime).
    static func cpuSeconds(helper: Int32?) -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        var total = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        if let helper, let stat = try? String(contentsOfFile: "/proc/\(helper)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        {
            // Fields after the command name: state is field 3; utime..cstime are fields 14 to 17.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 14 {
                let ticks = fields[11...14].compactMap { Double($0) }.reduce(0, +)
                total += ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
            }
        }
        return total
    }

    /// `count` cases of the engine: half generated, half mutations of those, from seed 1.
    static func engineInputs(_ baseline: FuzzBaseline, associated: Bool, count: Int) -> [FuzzInput] {
        let generator = CaseGenerator(baseline: baseline, associated: associated)
        let mutator = CaseMutator(generator: generator)
        var random = FuzzRandom(seed: 1)
        var cases: [FuzzCase] = []
        while cases.count < count {
            if cases.count < count / 2 || cases.isEmpty {
                cases.append(generator.generate(random: &random))
            } else {
                let base = cases[random.below(cases.count)]
                cases.append(mutator.mutate(base, other: random.pick(cases), random: &random))
            }
        }
        return cases.map(\.input)
    }

    /// The cycle of inputs: after a prefix, DATA (in order and with a gap), HEARTBEAT, SACK, an unknown
    /// chunk, a wrong tag and a broken checksum; out of the blue, INIT, DATA, ABORT, SHUTDOWN ACK, a
    /// COOKIE ECHO with a forged cookie and a broken checksum.
    static func fixedInputs(_ baseline: FuzzBaseline, outOfTheBlue: Bool) -> [FuzzInput] {
        let ports = (baseline.endpoints.harnessPort, baseline.endpoints.sutPort)
        func packet(_ tag: UInt32, _ chunks: [Chunk]) -> [UInt8] {
            SCTPPacket(
                header: CommonHeader(sourcePort: ports.0, destinationPort: ports.1, verificationTag: tag),
                chunks: chunks
            ).encoded()
        }
        let tag = baseline.model.peerTag ?? 0x1234_5678
        let tsn = baseline.model.ourNextTSN
        let data = packet(tag, [.data(DataChunk(tsn: tsn, streamID: 0, userData: Array("fuzz".utf8)))])
        var broken = data
        broken[9] ^= 0x55
        var packets: [[UInt8]]
        if outOfTheBlue {
            packets = [
                packet(0, [.initiation(InitChunk(
                    initiateTag: 0x0102_0304, advertisedReceiverWindow: 65_536, outboundStreams: 10,
                    inboundStreams: 10, initialTSN: 1))]),
                data, packet(tag, [.abort(AbortChunk())]), packet(tag, [.shutdownAck(ShutdownAckChunk())]),
                packet(tag, [.cookieEcho(CookieEchoChunk(cookie: Array(repeating: 0xab, count: 64)))]), broken,
            ]
        } else {
            packets = [
                data,
                packet(tag, [.data(DataChunk(tsn: tsn &+ 5, streamID: 1, userData: Array("gap".utf8)))]),
                packet(tag, [.heartbeat(HeartbeatChunk(parameters: [
                    .heartbeatInfo(HeartbeatInfoParameter(info: Array(repeating: 7, count: 8)))]))]),
                packet(tag, [.sack(SACKChunk(
                    cumulativeTSNAck: (baseline.model.peerInitialTSN ?? 1) &- 1, advertisedReceiverWindow: 65_536,
                    gapBlocks: [], duplicateTSNs: []))]),
                packet(tag, [.unknown(UnknownChunk(type: 0x4f, flags: 0, value: [1, 2, 3, 4]))]),
                packet(tag &+ 1, [.data(DataChunk(tsn: tsn, userData: Array("tag".utf8)))]),
                broken,
            ]
        }
        return packets.map { FuzzInput(steps: [.packet($0)]) }
    }
}
