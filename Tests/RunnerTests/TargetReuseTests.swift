#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Runner
import Scenario
import Targets
import Testing
import Transports
import TransportTestSupport
import VirtualTime

/// One runner keeps its target between runs (`TargetPool`): each run resets the previous run's
/// usrsctp helper instead of starting one, with the same bytes, and a crash, an outside kill or a
/// hang still ends only its own run.
@Suite(.enabled(if: RunnerTests.isUSRSCTPAvailable, "usrsctp target unavailable"))
struct TargetReuseTests {
    /// Counts the targets a descriptor made (tests run it from one task).
    final class MadeCount: @unchecked Sendable {
        var value = 0
    }

    /// usrsctp with `options`, counting the targets made.
    static func descriptor(_ options: USRSCTPTarget.Options = USRSCTPTarget.Options(), count: MadeCount = MadeCount())
        -> TargetDescriptor
    {
        TargetDescriptor(
            name: "usrsctp", summary: "usrsctp for tests", capabilities: USRSCTPTarget.supportedCapabilities,
            checkAvailability: { .available(detail: "test") },
            make: { (configuration, start) throws(TargetError) -> any Target in
                count.value += 1
                return try USRSCTPTarget(configuration: configuration, start: start, options: options)
            })
    }

    static func scenario(
        _ id: String, _ extraSteps: String = "", steps: String = RunnerTestSupport.handshakeSteps
    ) throws -> Scenario {
        let yaml = """
            id: \(id)
            title: \(id)
            rfc: ["RFC 9260 §5.1"]
            sut: {role: server, port: 5001}
            peer: {port: 5000}
            steps:
            \(steps)
            \(extraSteps)
            """
        return try ScenarioLoader().load(yaml: yaml, file: "\(id).yaml")
    }

    /// A chunk of type 0x45 (69), which only the middle scenario sends: the test hooks act on it.
    static let chunk69 = "  - send: {chunk: {type: 0x45, value: \"0102\"}}"

    @Test func aFolderRunUsesOneHelper() throws {
        let count = MadeCount()
        let runner = ScenarioRunner(target: Self.descriptor(count: count))
        for id in ["a", "b", "c", "d"] {
            #expect(runner.run(try Self.scenario(id)).verdict == .pass)
        }
        #expect(count.value == 1)
    }

    /// A crash of the helper during one scenario of a folder run is an ERROR for that scenario only,
    /// with the sut-crashed finding naming the packet; the next scenario gets a new helper and passes.
    @Test func crashEndsOnlyItsOwnScenario() throws {
        let count = MadeCount()
        let options = USRSCTPTarget.Options(helperEnvironment: ["SCTPCONFORM_TEST_CRASH_ON_CHUNK": "69"])
        let runner = ScenarioRunner(target: Self.descriptor(options, count: count))
        let results = try [Self.scenario("first"), Self.scenario("crashing", Self.chunk69), Self.scenario("third")]
            .map { runner.run($0) }
        #expect(results.map(\.verdict) == [.pass, .error, .pass])
        let crashed = results[1]
        #expect(crashed.reason?.hasPrefix("target crashed: ") == true, "\(crashed.reason ?? "")")
        #expect(crashed.reason?.contains("SIGABRT") == true)
        let finding = try #require(crashed.findings.first { $0.rule == "sut-crashed" })
        #expect(finding.severity == .must)
        #expect(finding.packetNumber == 5)
        #expect(finding.message.hasPrefix("the SUT crashed on packet #5 [chunk 0x45]: "), "\(finding.message)")
        #expect(finding.message.contains("test hook: aborting on a chunk of type 69"))
        #expect(results[2].findings.isEmpty)
        #expect(count.value == 2)
    }

    /// Issue 11 item 10: a helper that stops answering in two scenarios in a row stops the folder run
    /// early with the reason, instead of costing the response timeout in every remaining scenario.
    @Test func helperHangingTwiceInARowStopsTheFolderRun() throws {
        let options = USRSCTPTarget.Options(
            responseTimeoutMilliseconds: 300, helperEnvironment: ["SCTPCONFORM_TEST_HANG_ON_CHUNK": "69"])
        let runner = ScenarioRunner(target: Self.descriptor(options))
        let clock = ContinuousClock()
        let started = clock.now
        let results = try (1...5).map { runner.run(try Self.scenario("hang\($0)", Self.chunk69)) }
        #expect(results.map(\.verdict) == Array(repeating: .error, count: 5))
        #expect(results[0].reason?.hasPrefix("target unresponsive: ") == true, "\(results[0].reason ?? "")")
        #expect(results[1].reason?.hasPrefix("target unresponsive: ") == true)
        for result in results[2...] {
            #expect(result.reason?.hasPrefix("not run: the target stopped answering in 2 scenarios in a row") == true,
                    "\(result.reason ?? "")")
            #expect(result.packets.isEmpty)
        }
        #expect(clock.now - started < .seconds(8))
        #expect(results[0].findings.allSatisfy { $0.rule != "sut-crashed" })
    }

    /// A scenario that passes between two hangs resets the count.
    @Test func hangsThatAreNotInARowDoNotStopTheRun() throws {
        let options = USRSCTPTarget.Options(
            responseTimeoutMilliseconds: 300, helperEnvironment: ["SCTPCONFORM_TEST_HANG_ON_CHUNK": "69"])
        let runner = ScenarioRunner(target: Self.descriptor(options))
        let results = try [
            Self.scenario("h1", Self.chunk69), Self.scenario("ok"), Self.scenario("h2", Self.chunk69),
            Self.scenario("ok2"),
        ].map { runner.run($0) }
        #expect(results.map(\.verdict) == [.error, .pass, .error, .pass])
    }

    /// Issue 11 item 10: a helper killed from outside is an ERROR saying so, not a MUST finding
    /// against the stack.
    @Test func helperKilledFromOutsideIsAnErrorNotACrashFinding() throws {
        let descriptor = TargetDescriptor(
            name: "usrsctp", summary: "usrsctp killed at listen", capabilities: USRSCTPTarget.supportedCapabilities,
            checkAvailability: { .available(detail: "test") },
            make: { (configuration, start) throws(TargetError) -> any Target in
                KilledAtListen(try USRSCTPTarget(configuration: configuration, start: start))
            })
        let result = ScenarioRunner(target: descriptor).run(try Self.scenario("killed"))
        #expect(result.verdict == .error)
        #expect(result.reason?.hasPrefix("target killed: ") == true, "\(result.reason ?? "")")
        #expect(result.reason?.contains("killed by signal 9 (SIGKILL) from outside the harness") == true)
        #expect(result.findings.allSatisfy { $0.rule != "sut-crashed" && $0.severity != .must })
    }

    /// Every shipped scenario gives the same capture (same bytes, same instants) whether each run has
    /// a helper of its own or all share one, reset between runs, in the reverse order.
    @Test func resetRunsGiveTheCapturesOfNewHelpers() throws {
        let (files, _) = ScenarioLoader.scenarioFiles(in: [RunnerTests.scenariosDirectory])
        let scenarios = try files.map { try ScenarioLoader().load(path: $0) }
        #expect(scenarios.count >= 15)
        let configuration = RunnerConfiguration(seed: 11)
        var fresh: [String: ScenarioResult] = [:]
        for scenario in scenarios {
            fresh[scenario.id] = ScenarioRunner(target: TargetRegistry.usrsctp, configuration: configuration)
                .run(scenario)
        }
        let shared = ScenarioRunner(target: TargetRegistry.usrsctp, configuration: configuration)
        for scenario in scenarios.reversed() {
            let result = shared.run(scenario)
            let alone = try #require(fresh[scenario.id])
            #expect(result.verdict == alone.verdict, "\(scenario.id)")
            #expect(result.capture == alone.capture, "\(scenario.id): the capture differs after a reset")
            #expect(result.packets.map(\.bytes) == alone.packets.map(\.bytes), "\(scenario.id)")
        }
    }

    /// Issue 11 item 11: a year of `wait: 24h` steps costs little real time (the helper skips idle
    /// virtual time to the stack's next timer); the listening stack then still answers.
    @Test func aYearOfDailyWaitsIsQuick() throws {
        let waits = String(repeating: "  - wait: 24h\n", count: 366)
        let scenario = try Self.scenario(
            "waits", RunnerTestSupport.handshakeSteps.replacingOccurrences(of: "  - app: listen\n", with: ""),
            steps: "  - app: listen\n" + waits)
        let clock = ContinuousClock()
        let started = clock.now
        let result = ScenarioRunner(target: TargetRegistry.usrsctp).run(scenario)
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        #expect(result.duration >= .seconds(366 * 86_400))
        #expect(clock.now - started < .seconds(20), "a year of waits took \(clock.now - started)")
    }

    /// A run that takes the clock past the target's virtual-time limit ends in ERROR saying so; the
    /// next run (the limit counts from its reset) passes on the same helper.
    @Test func runPastTheVirtualTimeLimitIsAnError() throws {
        let count = MadeCount()
        let runner = ScenarioRunner(
            target: Self.descriptor(USRSCTPTarget.Options(virtualTimeLimit: .seconds(3_600)), count: count))
        let long = runner.run(try Self.scenario("long", steps: "  - app: listen\n  - wait: 3601s"))
        #expect(long.verdict == .error)
        #expect(long.reason?.contains("past the virtual-time limit of 3600") == true, "\(long.reason ?? "")")
        let short = runner.run(try Self.scenario("short", steps: "  - app: listen\n  - wait: 3500s"))
        #expect(short.verdict == .pass, "\(short.reason ?? "")")
        #expect(count.value == 1)
    }
}

/// A usrsctp target whose helper is killed (SIGKILL, from this process) when the scenario listens.
final class KilledAtListen: Target {
    let inner: USRSCTPTarget

    init(_ inner: USRSCTPTarget) {
        self.inner = inner
    }

    var name: String { self.inner.name }
    var capabilities: Set<TargetCapability> { self.inner.capabilities }
    var transport: any Transport { self.inner.transport }
    var terminationError: TargetError? { self.inner.terminationError }

    func perform(_ action: ApplicationAction, at time: VirtualInstant) throws(TargetError) -> ActionResult {
        if action == .listen {
            kill(self.inner.processIdentifier, SIGKILL)
        }
        return try self.inner.perform(action, at: time)
    }

    func takeTimedEvents() -> [TimedApplicationEvent] { self.inner.takeTimedEvents() }
    func shutdown() { self.inner.shutdown() }
}
