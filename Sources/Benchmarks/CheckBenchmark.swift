import Captures
import Foundation
import NetworkLayers
import Rules
import SCTPWire

/// `sctpconform-bench check [N | --file FILE]`: times the offline rule checker (`sctpconform check`)
/// on a synthesized capture of N packets (default 1,000,000: one clean association over
/// Ethernet/IPv4, handshake, DATA and SACK alternating, shutdown), or on FILE, and then
/// `tshark -r FILE -T fields -e sctp.chunk_type` on the same file, and prints the ratio.
enum CheckBenchmark {
    static let usage = "usage: sctpconform-bench check [N | --file FILE] [--rounds K]"

    static func run(arguments: [String]) -> Int32 {
        var count = 1_000_000
        var file: String?
        var rounds = 3
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--file":
                guard let path = remaining.popFirst() else { return Self.fail() }
                file = path
            case "--rounds":
                guard let value = remaining.popFirst().flatMap(Int.init), value >= 1 else { return Self.fail() }
                rounds = value
            default:
                guard let value = Int(argument), value >= 8 else { return Self.fail() }
                count = value
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
            do {
                try Self.synthesize(count: count, path: path)
            } catch {
                print("check: cannot write \(path): \(error)")
                return 1
            }
            Bench.report("synthesize \(count) packets", Bench.fixed(Bench.seconds(clock.now - start), 2) + " s")
        }
        defer {
            if let temporary { try? FileManager.default.removeItem(atPath: temporary) }
        }
        let clock = ContinuousClock()
        var best = Double.infinity
        var result = CaptureCheckResult(name: path)
        for _ in 0..<rounds {
            let start = clock.now
            result = CaptureChecker.check(path: path)
            best = min(best, Bench.seconds(clock.now - start))
        }
        if let error = result.readError {
            print("check: \(error)")
            return 1
        }
        let rate = Double(result.frames) / best
        Bench.report(
            "check \(result.frames) frames (\(result.findings.count) findings)",
            Bench.scaled(rate) + "packets/s", target: "≥ 1 M packets/s", met: rate >= 1e6)
        Bench.report("check wall time (best of \(rounds))", Bench.fixed(best, 3) + " s")
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

    /// One clean association of `count` packets: 4 handshake packets, DATA and SACK alternating,
    /// 3 shutdown packets. Checksums are correct; tags and TSNs follow the rules.
    static func synthesize(count: Int, path: String) throws {
        let tagA: UInt32 = 0x1234_5678
        let tagB: UInt32 = 0x8765_4321
        let initialA: UInt32 = 4_294_000_000  // wraps past 2^32 during the run
        let initialB: UInt32 = 77
        let cookie = [UInt8](repeating: 0xc0, count: 64)
        let forward = SCTPEncapsulation(
            source: .v4(IPv4Address(198, 18, 0, 1)), destination: .v4(IPv4Address(198, 18, 0, 2)))
        let backward = forward.reversed
        let macA = MACAddress(0x02, 0, 0, 0, 0, 1)
        let macB = MACAddress(0x02, 0, 0, 0, 0, 2)
        let writer = try PcapWriter(path: path, linkType: .ethernet)
        var index = 0
        func emit(_ fromA: Bool, _ chunk: Chunk, tag: UInt32? = nil) throws {
            let header = CommonHeader(
                sourcePort: fromA ? 5_000 : 7, destinationPort: fromA ? 7 : 5_000,
                verificationTag: tag ?? (fromA ? tagB : tagA))
            let frame = try (fromA ? forward : backward).ethernetFrame(
                wrapping: SCTPPacket(header: header, chunks: [chunk]).encoded(), source: fromA ? macA : macB,
                destination: fromA ? macB : macA)
            try writer.write(frame, timestamp: CaptureTimestamp(totalNanoseconds: UInt64(index) * 10_000))
            index += 1
        }
        try emit(
            true,
            .initiation(
                InitChunk(
                    initiateTag: tagA, advertisedReceiverWindow: 1 << 20, outboundStreams: 10, inboundStreams: 10,
                    initialTSN: initialA)), tag: 0)
        try emit(
            false,
            .initiationAck(
                InitAckChunk(
                    initiateTag: tagB, advertisedReceiverWindow: 1 << 20, outboundStreams: 10, inboundStreams: 10,
                    initialTSN: initialB, parameters: [.stateCookie(StateCookieParameter(cookie: cookie))])))
        try emit(true, .cookieEcho(CookieEchoChunk(cookie: cookie)))
        try emit(false, .cookieAck(CookieAckChunk()))
        var tsn = initialA
        let payload = [UInt8](repeating: 0x61, count: 36)
        let exchanges = (count - 7) / 2
        for message in 0..<exchanges {
            try emit(
                true,
                .data(
                    DataChunk(
                        tsn: tsn, streamID: UInt16(message % 10),
                        streamSequence: UInt16(truncatingIfNeeded: message / 10),
                        ppid: 51, userData: payload)))
            try emit(false, .sack(SACKChunk(cumulativeTSNAck: tsn, advertisedReceiverWindow: 1 << 20)))
            tsn &+= 1
        }
        if (count - 7) % 2 == 1 {
            try emit(false, .heartbeat(HeartbeatChunk(parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: [1]))])))
        }
        try emit(true, .shutdown(ShutdownChunk(cumulativeTSNAck: initialB &- 1)))
        try emit(false, .shutdownAck(ShutdownAckChunk()))
        try emit(true, .shutdownComplete(ShutdownCompleteChunk()))
        try writer.finish()
    }
}
