import Targets
import Testing
import Transports
import TransportTestSupport
import VirtualTime

/// usrsctp's timers run on virtual time: they fire at the right virtual instants and cost no real
/// time (RFC 9260 §5.1 T1-init, §5.1.3 / §5.2.6 cookie lifetime, §8.3 heartbeats).
@Suite struct USRSCTPTimerTests {
    private let ms = USRSCTPFixture.ms

    private func seconds(_ value: UInt64) -> VirtualInstant { VirtualInstant(nanoseconds: value * 1_000_000_000) }

    @Test func initIsRetransmittedWithExponentialBackoffFromRTOInitial() throws {
        let fixture = try USRSCTPFixture()
        #expect(try fixture.target.perform(.connect, at: .zero) == .ok)
        let clock = ContinuousClock()
        let started = clock.now
        let packets = try fixture.transport.receive(until: self.seconds(100))
        let elapsed = clock.now - started
        // usrsctp's RTO.Initial is 3 s (not RFC 9260's 1 s); it doubles per T1-init expiry and
        // RTO.Max (60 s) caps it.
        #expect(packets.map(\.time) == [0, 3, 9, 21, 45, 93].map { self.seconds($0) })
        #expect(packets.allSatisfy { $0.bytes == packets[0].bytes })
        #expect(elapsed < .seconds(2), "100 s of virtual time took \(elapsed) of real time")
    }

    @Test func rtoOptionsChangeTheRetransmissionSchedule() throws {
        let fixture = try USRSCTPFixture()
        let option = SocketOption.rtoInfo(initial: 1_000, min: 500, max: 4_000)
        #expect(try fixture.target.perform(.setOption(option), at: .zero) == .ok)
        #expect(try fixture.target.perform(.connect, at: .zero) == .ok)
        let packets = try fixture.transport.receive(until: self.seconds(16))
        #expect(packets.map(\.time) == [0, 1, 3, 7, 11, 15].map { self.seconds($0) })
    }

    @Test func maxInitAttemptsEndsInCantStartAssociation() throws {
        let fixture = try USRSCTPFixture()
        #expect(try fixture.target.perform(.setOption(.rtoInfo(initial: 1_000, min: nil, max: nil)), at: .zero) == .ok)
        let attempts = SocketOption.initMessage(outboundStreams: nil, maxInboundStreams: nil, maxAttempts: 2)
        #expect(try fixture.target.perform(.setOption(attempts), at: .zero) == .ok)
        #expect(try fixture.target.perform(.connect, at: .zero) == .ok)
        let packets = try fixture.transport.receive(until: self.seconds(60))
        // INIT + Max.Init.Retransmits (2) retransmissions; when the next T1-init expires usrsctp gives
        // up and (unlike the RFC's silent stop) sends an ABORT with the T bit set.
        #expect(packets.map { TestSCTP.chunkTypes($0.bytes) } == [[1], [1], [1], [6]])
        #expect(packets.map(\.time) == [0, 1, 3, 7].map { self.seconds($0) })
        let events = fixture.target.takeTimedEvents()
        let failure = try #require(events.first)
        #expect(failure.event == .associationChange(state: "CANT_STR_ASSOC", outboundStreams: 10, inboundStreams: 0))
        #expect(failure.time == self.seconds(7))
    }

    @Test func cookieEchoedAfterItsLifetimeGetsStaleCookieError() throws {
        let fixture = try USRSCTPFixture()
        let initAck = try #require(try fixture.sendInit(at: self.ms(1)))
        let fields = TestSCTP.Initiation(try #require(TestSCTP.chunks(initAck.bytes).first).body)
        let cookie = try #require(fields.stateCookie)
        // Valid.Cookie.Life is 60 s by default; echo it 65 s later.
        try fixture.transport.send(TestSCTP.packet(tag: fields.tag, TestSCTP.chunk(10, cookie)), at: self.seconds(65))
        let replies = try fixture.transport.receive(until: self.seconds(65))
        let reply = try #require(replies.first)
        #expect(reply.time == self.seconds(65))
        #expect(TestSCTP.verificationTag(reply.bytes) == USRSCTPFixture.harnessTag)
        let error = try #require(TestSCTP.chunks(reply.bytes).first)
        #expect(error.type == 9)
        let cause = try #require(TestSCTP.parameters(error.body, from: 0).first)
        #expect(cause.type == 3)  // Stale Cookie Error (RFC 9260 §3.3.10.3)
        // Measure of Staleness in microseconds: about 5 s past the lifetime.
        let staleness = TestSCTP.read32(cause.value, 0)
        #expect((4_900_000...6_100_000).contains(staleness))
        #expect(!fixture.target.takeEvents().contains {
            if case .associationChange = $0 { true } else { false }
        })
    }

    @Test func cookieEchoedWithinItsLifetimeIsAccepted() throws {
        let fixture = try USRSCTPFixture()
        let initAck = try #require(try fixture.sendInit(at: self.ms(1)))
        let fields = TestSCTP.Initiation(try #require(TestSCTP.chunks(initAck.bytes).first).body)
        let cookie = try #require(fields.stateCookie)
        try fixture.transport.send(TestSCTP.packet(tag: fields.tag, TestSCTP.chunk(10, cookie)), at: self.seconds(59))
        let replies = try fixture.transport.receive(until: self.seconds(59))
        #expect(replies.map { TestSCTP.chunkTypes($0.bytes) } == [[11]])
    }

    @Test func cookieLifeOptionShortensTheLifetime() throws {
        let fixture = try USRSCTPFixture()
        #expect(try fixture.target.perform(.setOption(.cookieLife(milliseconds: 10_000)), at: .zero) == .ok)
        let initAck = try #require(try fixture.sendInit(at: self.ms(1)))
        let fields = TestSCTP.Initiation(try #require(TestSCTP.chunks(initAck.bytes).first).body)
        let cookie = try #require(fields.stateCookie)
        try fixture.transport.send(TestSCTP.packet(tag: fields.tag, TestSCTP.chunk(10, cookie)), at: self.seconds(15))
        let replies = try fixture.transport.receive(until: self.seconds(15))
        let error = try #require(replies.first.flatMap { TestSCTP.chunks($0.bytes).first })
        #expect(error.type == 9)
        #expect(TestSCTP.parameters(error.body, from: 0).first?.type == 3)
    }

    @Test func heartbeatsFollowTheHeartbeatIntervalOption() throws {
        let fixture = try USRSCTPFixture()
        _ = try fixture.establish()
        #expect(try fixture.target.perform(.setOption(.heartbeatInterval(milliseconds: 5_000)), at: self.ms(3)) == .ok)
        let packets = try fixture.transport.receive(until: self.seconds(20))
        let heartbeats = packets.filter { TestSCTP.chunkTypes($0.bytes) == [4] }
        #expect(heartbeats.count >= 2)
        // RFC 9260 §8.3: interval + RTO, jittered by usrsctp; never sooner than the interval.
        #expect(heartbeats.allSatisfy { $0.time >= self.seconds(5) })
        #expect(zip(packets, packets.dropFirst()).allSatisfy { $0.time <= $1.time })
    }

    @Test func disabledHeartbeatsStaySilent() throws {
        let fixture = try USRSCTPFixture()
        _ = try fixture.establish()
        #expect(try fixture.target.perform(.setOption(.heartbeatInterval(milliseconds: 0)), at: self.ms(3)) == .ok)
        #expect(try fixture.transport.receive(until: self.seconds(300)).isEmpty)
    }

    @Test func receiveBeforeTheStackClockKeepsLaterPacketsQueued() throws {
        let fixture = try USRSCTPFixture()
        #expect(try fixture.target.perform(.connect, at: self.seconds(10)) == .ok)
        #expect(fixture.target.now == self.seconds(10))
        #expect(try fixture.transport.receive(until: self.seconds(5)).isEmpty)
        let later = try fixture.transport.receive(until: self.seconds(10))
        #expect(later.map(\.time) == [self.seconds(10)])
    }

    @Test func packetSentInThePastIsDeliveredNow() throws {
        let fixture = try USRSCTPFixture()
        let stack = try fixture.establish()
        try fixture.transport.send(TestSCTP.packet(
            tag: stack.tag, TestSCTP.dataChunk(tsn: USRSCTPFixture.harnessTSN, stream: 0, ssn: 0, ppid: 0, [1])
        ), at: .zero)
        let replies = try fixture.transport.receive(until: self.seconds(1))
        #expect(replies.first?.time == self.ms(2))
    }

    @Test func unansweredHeartbeatsEndTheAssociationQuicklyInRealTime() throws {
        let fixture = try USRSCTPFixture()
        _ = try fixture.establish()
        _ = fixture.target.takeEvents()
        let clock = ContinuousClock()
        let started = clock.now
        // Two hours of virtual time, split over many helper commands: heartbeats every ~30 s + RTO
        // until Association.Max.Retrans (10) is exceeded, then ABORT (RFC 9260 §8.1, §8.3).
        let packets = try fixture.transport.receive(until: self.seconds(7_200))
        let elapsed = clock.now - started
        #expect(elapsed < .seconds(5), "two hours of virtual time took \(elapsed)")
        let heartbeats = packets.filter { TestSCTP.chunkTypes($0.bytes) == [4] }
        #expect(heartbeats.count >= 10)
        #expect(heartbeats.allSatisfy { $0.time.nanoseconds % 1_000_000 == 0 })  // 1 ms timer ticks
        let last = try #require(packets.last)
        #expect(TestSCTP.chunkTypes(last.bytes) == [6])
        #expect(zip(packets, packets.dropFirst()).allSatisfy { $0.time <= $1.time })
        let lost = fixture.target.takeTimedEvents().first {
            if case .associationChange(state: "COMM_LOST", _, _) = $0.event { true } else { false }
        }
        #expect(lost?.time == last.time)
    }
}
