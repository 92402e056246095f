import Foundation
import Fuzz
import NetworkLayers
import Runner
import SCTPWire
import Scenario
import Targets
import VirtualTime

/// Prefixes, hand-made inputs and the generic path (a new target, the prefix, the input through a
/// `HarnessSession`) the fast executor's outcomes are compared with.
enum FuzzExecutionFixture {
    static let seed: UInt64 = 7

    static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// An established association, the SUT as server (`from: established`).
    static func establishedPrefix() throws -> Scenario {
        let loader = ScenarioLoader(preambleFolders: [Self.repository + "/Scenarios/preambles"])
        return try loader.load(
            yaml: "id: fuzz-prefix\ntitle: fuzz prefix, the association established\nfrom: established\nsteps: []\n",
            file: "fuzz-prefix.yaml")
    }

    static func packet(_ baseline: FuzzBaseline, tag: UInt32? = nil, _ chunks: [Chunk]) -> [UInt8] {
        let header = CommonHeader(
            sourcePort: baseline.endpoints.harnessPort, destinationPort: baseline.endpoints.sutPort,
            verificationTag: tag ?? baseline.model.peerTag ?? 0)
        return SCTPPacket(header: header, chunks: chunks).encoded()
    }

    /// Inputs that reach different parts of the stack from an established association.
    static func establishedInputs(_ baseline: FuzzBaseline) -> [FuzzInput] {
        let tsn = baseline.model.ourNextTSN
        let data = Self.packet(baseline, [.data(DataChunk(tsn: tsn, streamID: 0, userData: Array("fuzz".utf8)))])
        let heartbeat = Self.packet(baseline, [.heartbeat(HeartbeatChunk(parameters: [
            .heartbeatInfo(HeartbeatInfoParameter(info: [1, 2, 3, 4, 5, 6, 7, 8]))]))])
        let abort = Self.packet(baseline, [.abort(AbortChunk())])
        let shutdown = Self.packet(baseline, [.shutdown(ShutdownChunk(cumulativeTSNAck: tsn &- 1))])
        var broken = data
        broken[8] ^= 0xff
        return [
            FuzzInput(steps: [.packet(data)]),
            FuzzInput(steps: [.packet(data), .advance(milliseconds: 300)]),
            FuzzInput(steps: [.packet(heartbeat)]),
            FuzzInput(steps: [.packet(abort), .advance(milliseconds: 10)]),
            FuzzInput(steps: [.packet(shutdown), .advance(milliseconds: 50)]),
            FuzzInput(steps: [.packet(broken)]),
            FuzzInput(steps: [.action(.send(stream: 1, ppid: 51, payload: Array("out".utf8), unordered: false)),
                              .advance(milliseconds: 5_000)]),
            FuzzInput(steps: [.action(.shutdown), .advance(milliseconds: 100)]),
            FuzzInput(steps: []),
            FuzzInput(steps: [.packet(data), .packet(data), .advance(milliseconds: 1)]),
        ]
    }

    /// What the generic path gives: the engine's `SessionFuzzExecutor` (a target reset and the prefix
    /// replayed through a `HarnessSession` for every input), without its liveness probe.
    static func generic(prefix: Scenario?, inputs: [FuzzInput]) throws -> [FuzzOutcome] {
        let executor = SessionFuzzExecutor(descriptor: TargetRegistry.usrsctp)
        executor.probes = false
        defer { executor.shutdown() }
        _ = try executor.prepare(prefix: prefix, seed: Self.seed)
        return try executor.execute(inputs)
    }
}
