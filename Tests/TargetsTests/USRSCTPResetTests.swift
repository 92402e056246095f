#if canImport(Glibc)
import Glibc
#endif
import NetworkLayers
import Targets
import Testing
import Transports
import TransportTestSupport
import VirtualTime

/// `Target.reset` in the usrsctp helper (the `RESET` command): the same process, the state of a new
/// one. The same seed must give the same bytes, at the same instants, as a new helper process.
@Suite struct USRSCTPResetTests {
    private let ms = USRSCTPFixture.ms

    /// A passive exchange (handshake, data both ways, two minutes of heartbeats) with its instants,
    /// counted from `start`.
    private func transcript(_ fixture: USRSCTPFixture, start: VirtualInstant = .zero) throws -> [AddressedPacket] {
        let at = { (milliseconds: UInt64) in start + .milliseconds(Int64(milliseconds)) }
        guard try fixture.target.perform(.listen, at: start) == .ok else { throw USRSCTPFixture.FixtureError.unexpected("listen") }
        let initPacket = TestSCTP.packet(
            tag: 0, TestSCTP.initChunk(tag: USRSCTPFixture.harnessTag, tsn: USRSCTPFixture.harnessTSN))
        try fixture.transport.send(initPacket, at: at(1))
        let initAck = try #require(try fixture.transport.receive(until: at(1)).first)
        let fields = TestSCTP.Initiation(try #require(TestSCTP.chunks(initAck.bytes).first).body)
        let cookie = try #require(fields.stateCookie)
        try fixture.transport.send(TestSCTP.packet(tag: fields.tag, TestSCTP.chunk(10, cookie)), at: at(2))
        try fixture.transport.send(TestSCTP.packet(
            tag: fields.tag, TestSCTP.dataChunk(tsn: USRSCTPFixture.harnessTSN, stream: 0, ssn: 0, ppid: 0, [42])
        ), at: at(3))
        #expect(try fixture.target.perform(.send(stream: 0, ppid: 0, payload: [1, 2], unordered: false), at: at(4)) == .ok)
        let later = try fixture.transport.receive(until: at(120_000))
        return ([initAck] + later).map { $0.with(time: VirtualInstant(nanoseconds: $0.time.nanoseconds - start.nanoseconds)) }
    }

    @Test func resetGivesTheBytesOfANewHelper() throws {
        let fresh = try self.transcript(USRSCTPFixture(seed: 42))
        #expect(fresh.count >= 5)
        // Another seed first, leaving an association with heartbeats and data in flight.
        let reused = try USRSCTPFixture(seed: 7)
        let pid = reused.target.processIdentifier
        let other = try self.transcript(reused)
        #expect(other != fresh)
        try reused.target.reset(USRSCTPFixture.configuration(seed: 42), start: .zero)
        #expect(try self.transcript(reused) == fresh)
        // Again, straight after a run: still the same bytes, still the same process.
        try reused.target.reset(USRSCTPFixture.configuration(seed: 42), start: .zero)
        #expect(try self.transcript(reused) == fresh)
        #expect(reused.target.processIdentifier == pid)
    }

    @Test func resetToALaterStartMatchesANewHelperStartedThere() throws {
        let start = VirtualInstant.zero + .seconds(3_600)
        let newAtStart = try USRSCTPTarget(configuration: USRSCTPFixture.configuration(seed: 5), start: start)
        let fresh = try self.transcript(USRSCTPFixture(target: newAtStart), start: start)
        let reused = try USRSCTPFixture(seed: 5)
        _ = try self.transcript(reused)
        try reused.target.reset(USRSCTPFixture.configuration(seed: 5), start: start)
        #expect(reused.target.now == start)
        #expect(try self.transcript(reused, start: start) == fresh)
    }

    /// `prepareReset` (what the pool does when a run gives its target back) sends `RESET` with the
    /// ended run's arguments at once; the next `reset` with those arguments reads its result, with
    /// another seed or start it resets again. Either way: the bytes of a new helper, the same process.
    @Test func preparedResetGivesTheBytesOfANewHelper() throws {
        let fresh = try self.transcript(USRSCTPFixture(seed: 42))
        let reused = try USRSCTPFixture(seed: 42)
        let pid = reused.target.processIdentifier
        #expect(try self.transcript(reused) == fresh)
        reused.target.prepareReset()
        try reused.target.reset(USRSCTPFixture.configuration(seed: 42), start: .zero)
        #expect(try self.transcript(reused) == fresh)
        // Prepared with seed 42, asked for seed 7 then back to 42: each reset is the one asked for.
        let other = try self.transcript(USRSCTPFixture(seed: 7))
        reused.target.prepareReset()
        try reused.target.reset(USRSCTPFixture.configuration(seed: 7), start: .zero)
        #expect(try self.transcript(reused) == other)
        reused.target.prepareReset()
        try reused.target.reset(USRSCTPFixture.configuration(seed: 42), start: .zero)
        #expect(try self.transcript(reused) == fresh)
        #expect(reused.target.processIdentifier == pid)
    }

    /// A helper that dies while it runs a prepared reset fails that reset (so the pool makes a new
    /// target), and says how it died.
    @Test func helperDyingDuringAPreparedResetFailsTheReset() throws {
        let fixture = try USRSCTPFixture()
        #expect(try fixture.target.perform(.listen, at: .zero) == .ok)
        #expect(kill(fixture.target.processIdentifier, SIGSEGV) == 0)
        fixture.target.prepareReset()
        #expect(throws: TargetError.self) {
            try fixture.target.reset(USRSCTPFixture.configuration(seed: 1), start: .zero)
        }
        #expect(fixture.target.terminationError != nil)
    }

    @Test func crashedHelperCannotResetAndSaysSo() throws {
        let fixture = try USRSCTPFixture()
        #expect(kill(fixture.target.processIdentifier, SIGSEGV) == 0)
        #expect(throws: TransportError.self) { _ = try fixture.transport.receive(until: self.ms(10)) }
        #expect(throws: TargetError.self) {
            try fixture.target.reset(USRSCTPFixture.configuration(seed: 1), start: .zero)
        }
        do {
            try fixture.target.reset(USRSCTPFixture.configuration(seed: 1), start: .zero)
        } catch {
            guard case .unsupported = error else {
                Issue.record("expected .unsupported, got \(error)")
                return
            }
        }
    }

    /// Idle virtual time is skipped to the stack's next timer: years of it cost no real time.
    @Test func idleYearsCostNoRealTime() throws {
        let fixture = try USRSCTPFixture()
        #expect(try fixture.target.perform(.listen, at: .zero) == .ok)
        let clock = ContinuousClock()
        let started = clock.now
        let threeYears = VirtualInstant.zero + .seconds(3 * 365 * 86_400)
        #expect(try fixture.transport.receive(until: threeYears).isEmpty)
        #expect(fixture.target.now == threeYears)
        // The stack still runs its timers at their own milliseconds afterwards.
        #expect(try fixture.target.perform(.connect, at: threeYears) == .ok)
        let inits = try fixture.transport.receive(until: threeYears + .seconds(10))
        #expect(inits.map(\.time) == [0, 3, 9].map { threeYears + .seconds($0) })
        #expect(clock.now - started < .seconds(2), "three idle years took \(clock.now - started)")
    }

    @Test func runningPastTheVirtualTimeLimitIsAClearError() throws {
        let fixture = try USRSCTPFixture(options: USRSCTPTarget.Options(virtualTimeLimit: .seconds(3_600)))
        #expect(try fixture.transport.receive(until: .zero + .seconds(3_600)).isEmpty)
        do {
            _ = try fixture.transport.receive(until: .zero + .seconds(3_601))
            Issue.record("a receive past the limit must fail")
        } catch {
            #expect(error.description.contains("virtual-time limit of 3600"), "\(error)")
        }
        // The limit counts from the last reset.
        try fixture.target.reset(USRSCTPFixture.configuration(seed: 1), start: .zero + .seconds(7_200))
        #expect(try fixture.transport.receive(until: .zero + .seconds(10_000)).isEmpty)
    }

    /// The test-only hook: the helper aborts on a chosen chunk type (here COOKIE ECHO).
    @Test func testHookCrashesTheHelperOnAChosenChunk() throws {
        let options = USRSCTPTarget.Options(helperEnvironment: ["SCTPCONFORM_TEST_CRASH_ON_CHUNK": "10"])
        let fixture = try USRSCTPFixture(options: options)
        #expect(throws: (any Error).self) { _ = try fixture.establish() }
        guard case .crashed(let description, let stderr)? = fixture.target.terminationError else {
            Issue.record("expected .crashed, got \(String(describing: fixture.target.terminationError))")
            return
        }
        #expect(description.contains("SIGABRT"))
        #expect(stderr.contains("test hook: aborting on a chunk of type 10"))
    }
}
