#if canImport(Glibc)
import Glibc
#endif
import NetworkLayers
import Targets
import Testing
import Transports
import TransportTestSupport
import VirtualTime

/// A helper that dies is a `.crashed` finding (or, killed from outside, `.killed`), never a harness
/// crash or hang.
@Suite struct USRSCTPCrashTests {
    /// An outside SIGKILL is not the stack's fault: `.killed`, naming the signal (its sender cannot be
    /// known), not `.crashed`.
    @Test func killedHelperIsKilledFromOutsideWithoutHanging() throws {
        let fixture = try USRSCTPFixture()
        _ = try fixture.establish()
        #expect(kill(fixture.target.processIdentifier, SIGKILL) == 0)
        let clock = ContinuousClock()
        let started = clock.now
        #expect(throws: TransportError.self) {
            _ = try fixture.transport.receive(until: .zero + .seconds(10))
        }
        guard case .killed(let description, _) = fixture.target.terminationError else {
            Issue.record("expected .killed, got \(String(describing: fixture.target.terminationError))")
            return
        }
        #expect(description.contains("killed by signal 9 (SIGKILL)"), "\(description)")
        #expect(description.contains("from outside the harness (the sender cannot be known)"), "\(description)")
        // Every later call fails at once with the same error.
        #expect(throws: fixture.target.terminationError!) {
            _ = try fixture.target.perform(.connect, at: .zero + .seconds(11))
        }
        #expect(throws: TransportError.self) {
            try fixture.transport.send([0, 1, 2], at: .zero + .seconds(11))
        }
        fixture.target.shutdown()
        #expect(clock.now - started < .seconds(5))
    }

    /// A send in two halves (`beginSend`, then `finishSend`, as the harness session sends): the helper
    /// dying of the packet is reported by `finishSend`, as `send` would report it, not later.
    @Test func crashOnAPacketSentInTwoHalvesIsReportedByFinishSend() throws {
        let options = USRSCTPTarget.Options(helperEnvironment: ["SCTPCONFORM_TEST_CRASH_ON_CHUNK": "1"])
        let fixture = try USRSCTPFixture(options: options)
        #expect(try fixture.target.perform(.listen, at: .zero) == .ok)
        let initPacket = TestSCTP.packet(
            tag: 0, TestSCTP.initChunk(tag: USRSCTPFixture.harnessTag, tsn: USRSCTPFixture.harnessTSN))
        try fixture.transport.beginSend(
            AddressedPacket(
                source: AddressedPacket.testHarness, destination: AddressedPacket.testSUT,
                time: .zero + .milliseconds(1), bytes: initPacket))
        #expect(throws: TransportError.self) { try fixture.transport.finishSend() }
        guard case .crashed(let description, _)? = fixture.target.terminationError else {
            Issue.record("expected .crashed, got \(String(describing: fixture.target.terminationError))")
            return
        }
        #expect(description.contains("SIGABRT"), "\(description)")
    }

    /// A SIGTERM is reported by the helper before it dies of it, with the sender: here this process.
    @Test func terminatedHelperNamesTheSender() throws {
        let fixture = try USRSCTPFixture()
        _ = try fixture.establish()
        #expect(kill(fixture.target.processIdentifier, SIGTERM) == 0)
        #expect(throws: TransportError.self) {
            _ = try fixture.transport.receive(until: .zero + .seconds(10))
        }
        guard case .killed(let description, let stderr) = fixture.target.terminationError else {
            Issue.record("expected .killed, got \(String(describing: fixture.target.terminationError))")
            return
        }
        #expect(description.contains("killed by signal 15 (SIGTERM)"), "\(description)")
        #expect(description.contains("sent by pid \(getpid())"), "\(description)")
        #expect(stderr.contains("killed by signal 15 from pid \(getpid())"))
    }

    /// A signal the stack raises itself (a segmentation fault) stays a crash.
    @Test func segmentationFaultIsACrash() throws {
        let fixture = try USRSCTPFixture()
        #expect(kill(fixture.target.processIdentifier, SIGSEGV) == 0)
        #expect(throws: TransportError.self) {
            _ = try fixture.transport.receive(until: .zero + .seconds(10))
        }
        guard case .crashed(let description, _) = fixture.target.terminationError else {
            Issue.record("expected .crashed, got \(String(describing: fixture.target.terminationError))")
            return
        }
        #expect(description.contains("SIGSEGV"))
    }

    @Test func shutdownIsIdempotentAndLaterCallsFail() throws {
        let fixture = try USRSCTPFixture()
        let pid = fixture.target.processIdentifier
        fixture.target.shutdown()
        fixture.target.shutdown()
        #expect(fixture.target.terminationError == nil)
        #expect(kill(pid, 0) != 0)  // reaped: no such process
        #expect(throws: TargetError.self) {
            _ = try fixture.target.perform(.listen, at: .zero)
        }
    }

    @Test func garbageIsDeliveredNotFatal() throws {
        let fixture = try USRSCTPFixture()
        #expect(try fixture.target.perform(.listen, at: .zero) == .ok)
        // Bad checksum, truncated header, random bytes: usrsctp drops them; the helper lives on.
        for packet: [UInt8] in [[], [1, 2, 3], Array(repeating: 0xff, count: 64)] {
            try fixture.transport.send(packet, at: .zero)
        }
        #expect(try fixture.transport.receive(until: .zero + .seconds(1)).isEmpty)
        #expect(fixture.target.terminationError == nil)
        #expect(try fixture.sendInit(at: USRSCTPFixture.ms(1_500)) != nil)
    }
}
