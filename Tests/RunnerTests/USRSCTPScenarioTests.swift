import NetworkLayers
import Foundation
import Reports
import Runner
import Scenario
import Targets
import Testing

/// The shipped scenarios against the real usrsctp target (when this machine can build it).
@Suite(.serialized, .enabled(if: RunnerTests.isUSRSCTPAvailable, "usrsctp target unavailable"))
struct USRSCTPScenarioTests {
    /// Where usrsctp 0.9.5 does not conform: each a DEVIATION at this step, waived by the scenario's
    /// `known_deviations:`. If usrsctp changes, this test says so (and so does the stale waiver).
    static let knownNonConformances: [String: (step: Int, reason: String)] = [
        "init-tag-zero": (
            3,
            "usrsctp answers an INIT with initiate tag 0 with an ABORT (RFC 4960 §3.3.2); "
                + "RFC 9260 §3.3.2 requires a silent discard"
        )
    ]

    private func scenarios() throws -> [Scenario] {
        let (files, _) = ScenarioLoader.scenarioFiles(in: [RunnerTests.scenariosDirectory])
        return try files.map { try ScenarioLoader().load(path: $0) }
    }

    @Test func shippedScenariosPassOrDeviateAsKnown() throws {
        let runner = ScenarioRunner(target: TargetRegistry.usrsctp)
        let scenarios = try self.scenarios()
        #expect(scenarios.count >= 15)
        var results: [ScenarioResult] = []
        for scenario in scenarios {
            let result = runner.run(scenario)
            results.append(result)
            let explanation = ([ConsoleReport.line(result)] + ConsoleReport.details(result)).joined(separator: "\n")
            if let known = Self.knownNonConformances[scenario.id] {
                #expect(result.verdict == .deviation, "\(known.reason); now: \(explanation)")
                #expect(result.failedStep?.number == known.step, "\(explanation)")
                #expect(result.knownDeviation?.deviation.step == known.step)
                #expect(result.knownDeviation?.status == .waived)
            } else {
                #expect(result.verdict == .pass, "\(explanation)")
                #expect(scenario.knownDeviations(forTarget: "usrsctp").isEmpty, "\(scenario.id) waives a passing step")
            }
        }
        let summary = RunSummary(results)
        #expect(summary.knownDeviations == Self.knownNonConformances.count)
        #expect(summary.exitStatus == 0)
    }

    @Test func strictCountsTheKnownDeviationsAsFailures() throws {
        let scenarios = try self.scenarios().filter { Self.knownNonConformances[$0.id] != nil }
        #expect(scenarios.count == Self.knownNonConformances.count)
        let runner = ScenarioRunner(target: TargetRegistry.usrsctp, configuration: RunnerConfiguration(strict: true))
        let results = scenarios.map { runner.run($0) }
        for result in results {
            #expect(result.verdict == .fail)
            #expect(result.knownDeviation?.status == .countedAsFailure)
        }
        #expect(RunSummary(results).exitStatus == 1)
    }

    @Test func sameSeedGivesIdenticalReportsDifferentSeedDoesNot() throws {
        let scenarios = try self.scenarios().filter { ["handshake", "cookie-stale"].contains($0.id) }
        #expect(scenarios.count == 2)
        func reports(seed: UInt64) -> [[UInt8]] {
            let runner = ScenarioRunner(target: TargetRegistry.usrsctp, configuration: RunnerConfiguration(seed: seed))
            return scenarios.flatMap { scenario -> [[UInt8]] in
                let result = runner.run(scenario)
                return [
                    ReportWriter.pcap(result), Array(ResultJSON.scenario(result, pcapName: "x.pcap").serialized().utf8),
                ]
            }
        }
        let first = reports(seed: 1)
        let second = reports(seed: 1)
        let other = reports(seed: 2)
        #expect(first == second)
        for (index, bytes) in first.enumerated() {
            #expect(bytes != other[index], "report \(index) did not change with the seed")
        }
    }

    /// Minutes of virtual time take well under a second of real time; asserted loosely (the figure is
    /// measured by `sctpconform-bench`), only to catch a run that waits in real time.
    @Test func longVirtualWaitsDoNotWaitInRealTime() throws {
        let scenarios = try self.scenarios().filter { ["cookie-stale", "init-retransmission"].contains($0.id) }
        #expect(scenarios.count == 2)
        let runner = ScenarioRunner(target: TargetRegistry.usrsctp)
        let clock = ContinuousClock()
        let start = clock.now
        for scenario in scenarios {
            let result = runner.run(scenario)
            #expect(result.verdict == .pass)
            #expect(result.duration.nanoseconds >= 30_000_000_000)
        }
        #expect(clock.now - start < .seconds(10))
    }
}

enum RunnerTests {
    static var isUSRSCTPAvailable: Bool { TargetRegistry.usrsctp.checkAvailability().isAvailable }

    static var scenariosDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios").path
    }
}

/// The harness answers usrsctp at the instant usrsctp sent: no polling delay in virtual time.
@Suite(.enabled(if: RunnerTests.isUSRSCTPAvailable, "usrsctp target unavailable"))
struct USRSCTPEventDrivenTests {
    @Test func theHeartbeatAckCarriesTheHeartbeatsTimestamp() throws {
        let path = RunnerTests.scenariosDirectory + "/handshake.yaml"
        let scenario = try ScenarioLoader().load(path: path)
        let result = ScenarioRunner(target: TargetRegistry.usrsctp).run(scenario)
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        // Chunk type 4 is HEARTBEAT, 5 HEARTBEAT ACK (RFC 9260 §3.3.5, §3.3.6); byte 12 is the first chunk's type.
        let firstChunkType = { (packet: ExchangedPacket) in packet.bytes.count > 12 ? packet.bytes[12] : nil }
        let heartbeat = try #require(result.packets.first { $0.direction == .fromSUT && firstChunkType($0) == 4 })
        let answer = try #require(result.packets.first { $0.direction == .toSUT && firstChunkType($0) == 5 })
        #expect(answer.time == heartbeat.time)
        #expect(heartbeat.time.nanoseconds % 1_000_000 == 0, "usrsctp's timers fire on millisecond boundaries")
        let stamps = result.capture.map(\.timestamp)
        #expect(stamps[answer.number - 1] == stamps[heartbeat.number - 1])
    }
}
