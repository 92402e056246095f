import Foundation
@testable import Fuzz
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

    /// What the generic path sees: a new target through the prefix, then the input's steps through a
    /// `HarnessSession` at the prefix's end.
    static func generic(prefix: Scenario?, input: FuzzInput) throws -> FuzzOutcome {
        let configuration: TargetConfiguration
        if let prefix {
            configuration = TargetConfiguration(seed: Self.seed, localPort: prefix.sutPort, peerPort: prefix.peerPort)
        } else {
            configuration = TargetConfiguration(seed: Self.seed, localPort: 5001, peerPort: 5000)
        }
        let target = try USRSCTPTarget(configuration: configuration)
        defer { target.shutdown() }
        let baseline = try FuzzPrefixRun.run(prefix, seed: Self.seed, on: target, now: { target.now })
        let session = HarnessSession(
            target: target, endpoints: baseline.endpoints, seed: Self.seed, start: baseline.time)
        for step in input.steps {
            switch step {
            case .packet(let bytes): try session.send(bytes)
            case .advance(let milliseconds):
                try session.advance(to: session.now + .milliseconds(Int64(milliseconds)))
            case .action(let action): _ = try session.perform(action)
            }
        }
        try session.collect()
        let packets = session.packets.filter { $0.direction == .fromSUT }.map(\.packet)
        return FuzzOutcome(packets: packets, events: session.takeEvents())
    }
}
