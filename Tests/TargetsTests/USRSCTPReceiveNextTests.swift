import Targets
import Testing
import Transports
import TransportTestSupport
import VirtualTime

/// `receiveNext(until:)` on the hosted usrsctp: the stack runs to the first instant with output, so
/// the harness learns of a packet or an application event at the instant it happened.
@Suite struct USRSCTPReceiveNextTests {
    private let ms = USRSCTPFixture.ms

    private func seconds(_ value: UInt64) -> VirtualInstant { VirtualInstant(nanoseconds: value * 1_000_000_000) }

    @Test func stopsAtTheFirstTimerThatSendsSomething() throws {
        let fixture = try USRSCTPFixture()
        #expect(try fixture.target.perform(.connect, at: .zero) == .ok)
        // The INIT the connect sent is reported at once, at its own instant.
        let initial = try fixture.transport.receiveNext(until: self.seconds(100))
        #expect(initial.time == .zero)
        #expect(initial.packets.map(\.time) == [.zero])
        // Then the stack runs to its T1-init expiry at RTO.Initial (3 s in usrsctp), not to 100 s.
        let retransmission = try fixture.transport.receiveNext(until: self.seconds(100))
        #expect(retransmission.time == self.seconds(3))
        #expect(retransmission.packets.map(\.time) == [self.seconds(3)])
        #expect(retransmission.packets.first?.bytes == initial.packets.first?.bytes)
        #expect(fixture.target.now == self.seconds(3))
        // Nothing before the deadline: the stack stands at the deadline.
        let quiet = try fixture.transport.receiveNext(until: self.seconds(5))
        #expect(quiet == ReceiveResult(time: self.seconds(5), packets: []))
        #expect(fixture.target.now == self.seconds(5))
    }

    @Test func stopsForAnApplicationEventToo() throws {
        let fixture = try USRSCTPFixture()
        let stack = try fixture.establish()
        _ = fixture.target.takeEvents()
        #expect(try fixture.transport.receiveNext(until: self.ms(10)) == ReceiveResult(time: self.ms(10), packets: []))
        try fixture.transport.send(TestSCTP.packet(
            tag: stack.tag,
            TestSCTP.dataChunk(tsn: USRSCTPFixture.harnessTSN, stream: 1, ssn: 0, ppid: 51, Array("hi".utf8))
        ), at: self.ms(10) + .microseconds(500))
        let delivery = try fixture.transport.receiveNext(until: self.seconds(1))
        #expect(delivery.time == self.ms(10) + .microseconds(500))
        #expect(fixture.target.takeTimedEvents().map(\.time) == [self.ms(10) + .microseconds(500)])
        // Whatever follows (the SACK, at once or on the delayed-ack timer) comes no earlier.
        let next = try fixture.transport.receiveNext(until: self.seconds(1))
        #expect(next.time >= delivery.time)
        #expect(next.packets.allSatisfy { $0.time == next.time })
    }
}
