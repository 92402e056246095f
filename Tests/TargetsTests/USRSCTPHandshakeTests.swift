import SCTPWire
import Targets
import Testing
import Transports
import TransportTestSupport
import VirtualTime

/// The hosted usrsctp as a server and as a client, driven with hand-built packets (RFC 9260 §5.1).
@Suite struct USRSCTPHandshakeTests {
    private let ms = USRSCTPFixture.ms

    @Test func initGetsAnInitAckAddressedToTheInitiateTag() throws {
        let fixture = try USRSCTPFixture()
        let reply = try #require(try fixture.sendInit(at: self.ms(1)))
        #expect(reply.time == self.ms(1))
        #expect(SCTPChecksum.verify(reply.bytes) == .correct)
        #expect(TestSCTP.read16(reply.bytes, 0) == TestSCTP.stackPort)
        #expect(TestSCTP.read16(reply.bytes, 2) == TestSCTP.peerPort)
        #expect(TestSCTP.verificationTag(reply.bytes) == USRSCTPFixture.harnessTag)
        let chunks = TestSCTP.chunks(reply.bytes)
        #expect(chunks.map(\.type) == [2])
        let fields = TestSCTP.Initiation(try #require(chunks.first).body)
        #expect(fields.tag != 0)
        #expect(fields.inbound >= 1 && fields.outbound >= 1)
        #expect(fields.stateCookie?.isEmpty == false)
        #expect(fixture.target.takeEvents().isEmpty)
    }

    @Test func cookieEchoCompletesTheAssociation() throws {
        let fixture = try USRSCTPFixture()
        _ = try fixture.establish()
        let events = fixture.target.takeTimedEvents()
        let up = try #require(events.first { if case .associationChange = $0.event { true } else { false } })
        #expect(up.time == self.ms(2))
        #expect(up.event == .associationChange(state: "COMM_UP", outboundStreams: 10, inboundStreams: 10))
    }

    @Test func dataIsAcknowledgedAndDelivered() throws {
        let fixture = try USRSCTPFixture()
        let stack = try fixture.establish()
        _ = fixture.target.takeEvents()
        let tsn = USRSCTPFixture.harnessTSN
        try fixture.transport.send(TestSCTP.packet(
            tag: stack.tag,
            TestSCTP.dataChunk(tsn: tsn, stream: 1, ssn: 0, ppid: 51, Array("hello".utf8)),
            TestSCTP.dataChunk(tsn: tsn + 1, stream: 2, ssn: 0, ppid: 0x0102_0304, [9, 8, 7], unordered: true)
        ), at: self.ms(10))
        let replies = try fixture.transport.receive(until: .zero + .seconds(1))
        let sack = try #require(replies.first { TestSCTP.chunkTypes($0.bytes) == [3] })
        #expect(TestSCTP.verificationTag(sack.bytes) == USRSCTPFixture.harnessTag)
        let sackBody = try #require(TestSCTP.chunks(sack.bytes).first).body
        #expect(TestSCTP.read32(sackBody, 0) == tsn + 1)  // cumulative TSN ack (RFC 9260 §3.3.4)
        #expect(sack.time >= self.ms(10) && sack.time <= self.ms(10) + .milliseconds(200))
        #expect(fixture.target.takeEvents() == [
            .message(stream: 1, ppid: 51, payload: Array("hello".utf8), unordered: false),
            .message(stream: 2, ppid: 0x0102_0304, payload: [9, 8, 7], unordered: true),
        ])
    }

    @Test func fragmentedMessageIsDeliveredWhole() throws {
        let fixture = try USRSCTPFixture()
        let stack = try fixture.establish()
        _ = fixture.target.takeEvents()
        // 120 kB in 100 fragments of 1200 bytes (RFC 9260 §6.9): larger than usrsctp's partial
        // delivery point, so the helper must join the pieces the stack hands up.
        let message = (0..<120_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let fragments = stride(from: 0, to: message.count, by: 1_200).map {
            Array(message[$0..<min($0 + 1_200, message.count)])
        }
        for (index, fragment) in fragments.enumerated() {
            let flags: UInt8 = (index == 0 ? 0x02 : 0) | (index == fragments.count - 1 ? 0x01 : 0)
            let tsn = USRSCTPFixture.harnessTSN + UInt32(index)
            let body = TestSCTP.be32(tsn) + TestSCTP.be16(0) + TestSCTP.be16(0) + TestSCTP.be32(7) + fragment
            try fixture.transport.send(TestSCTP.packet(tag: stack.tag, TestSCTP.chunk(0, flags: flags, body)),
                                       at: self.ms(10 + UInt64(index)))
        }
        _ = try fixture.transport.receive(until: .zero + .seconds(1))
        #expect(fixture.target.takeEvents().filter {
            if case .message = $0 { true } else { false }
        } == [.message(stream: 0, ppid: 7, payload: message, unordered: false)])
    }

    @Test func applicationSendProducesDataWithTheRequestedFields() throws {
        let fixture = try USRSCTPFixture()
        let stack = try fixture.establish()
        #expect(try fixture.target.perform(
            .send(stream: 3, ppid: 46, payload: [1, 2, 3, 4, 5], unordered: true), at: self.ms(5)) == .ok)
        let packets = try fixture.transport.receive(until: self.ms(5))
        let data = try #require(packets.first.flatMap { TestSCTP.chunks($0.bytes).first })
        #expect(data.type == 0)
        #expect(data.flags & 0x07 == 0x07)  // U, B, E
        #expect(TestSCTP.read32(data.body, 0) == stack.tsn)
        #expect(TestSCTP.read16(data.body, 4) == 3)
        #expect(TestSCTP.read32(data.body, 8) == 46)
        #expect(Array(data.body[12...]) == [1, 2, 3, 4, 5])
    }

    @Test func gracefulShutdownFromTheApplication() throws {
        let fixture = try USRSCTPFixture()
        let stack = try fixture.establish()
        #expect(try fixture.target.perform(.shutdown, at: self.ms(5)) == .ok)
        let shutdown = try fixture.transport.receive(until: self.ms(5))
        #expect(shutdown.map { TestSCTP.chunkTypes($0.bytes) } == [[7]])
        try fixture.transport.send(TestSCTP.packet(tag: stack.tag, TestSCTP.chunk(8, [])), at: self.ms(6))
        let complete = try fixture.transport.receive(until: self.ms(6))
        #expect(complete.map { TestSCTP.chunkTypes($0.bytes) } == [[14]])
        #expect(fixture.target.takeEvents().contains(
            .associationChange(state: "SHUTDOWN_COMP", outboundStreams: 10, inboundStreams: 10)))
    }

    @Test func peerShutdownIsAcknowledgedAndReported() throws {
        let fixture = try USRSCTPFixture()
        let stack = try fixture.establish()
        _ = fixture.target.takeEvents()
        // Cumulative TSN Ack of the stack's own TSNs: it has sent nothing, so its initial TSN - 1.
        let cumulative = TestSCTP.be32(stack.tsn &- 1)
        try fixture.transport.send(TestSCTP.packet(tag: stack.tag, TestSCTP.chunk(7, cumulative)), at: self.ms(5))
        let replies = try fixture.transport.receive(until: self.ms(5))
        #expect(replies.map { TestSCTP.chunkTypes($0.bytes) } == [[8]])
        #expect(fixture.target.takeEvents().contains(.shutdownReceived))
    }

    @Test func abortCarriesTheUserAbortReason() throws {
        let fixture = try USRSCTPFixture()
        _ = try fixture.establish()
        #expect(try fixture.target.perform(.abort(reason: Array("bye".utf8)), at: self.ms(5)) == .ok)
        let packets = try fixture.transport.receive(until: self.ms(5))
        let abort = try #require(packets.first.flatMap { TestSCTP.chunks($0.bytes).first })
        #expect(abort.type == 6)
        let causes = TestSCTP.parameters(abort.body, from: 0)
        // User-Initiated Abort (RFC 9260 §3.3.10.12) with the upper layer's reason.
        #expect(causes.first?.type == 12)
        #expect(causes.first?.value == Array("bye".utf8))
    }

    @Test func errorChunkFromThePeerIsReportedWithItsCauseCode() throws {
        let fixture = try USRSCTPFixture()
        let stack = try fixture.establish()
        _ = fixture.target.takeEvents()
        // ERROR with a Protocol Violation cause (code 13, RFC 9260 §3.3.10.13).
        let cause = TestSCTP.be16(13) + TestSCTP.be16(8) + Array("oops".utf8)
        try fixture.transport.send(TestSCTP.packet(tag: stack.tag, TestSCTP.chunk(9, cause)), at: self.ms(5))
        _ = try fixture.transport.receive(until: self.ms(5))
        #expect(fixture.target.takeEvents().contains(.remoteError(causeCode: 13)))
    }

    @Test func connectSendsInitWithTheConfiguredStreamCounts() throws {
        let fixture = try USRSCTPFixture()
        #expect(try fixture.target.perform(
            .setOption(.initMessage(outboundStreams: 5, maxInboundStreams: 7, maxAttempts: nil)), at: .zero) == .ok)
        #expect(try fixture.target.perform(.connect, at: self.ms(3)) == .ok)
        let packets = try fixture.transport.receive(until: self.ms(3))
        let initPacket = try #require(packets.first)
        #expect(initPacket.time == self.ms(3))
        #expect(TestSCTP.verificationTag(initPacket.bytes) == 0)
        let chunk = try #require(TestSCTP.chunks(initPacket.bytes).first)
        #expect(chunk.type == 1)
        let fields = TestSCTP.Initiation(chunk.body)
        #expect(fields.outbound == 5 && fields.inbound == 7)
        #expect(fields.tag != 0)
    }

    @Test func failingSocketCallsAreResultsNotThrows() throws {
        let fixture = try USRSCTPFixture()
        #expect(try fixture.target.perform(.close, at: .zero) == .ok)
        guard case .failed(let code, _) = try fixture.target.perform(.listen, at: .zero) else {
            Issue.record("listen after close should fail")
            return
        }
        #expect(code == 9)  // EBADF
    }
}
