import NetworkLayers
import Targets
import Testing
import Transports
import TransportTestSupport
import VirtualTime

/// One seed reproduces every byte usrsctp emits (its tags, TSNs, cookie secrets, heartbeat nonces
/// and timing); another seed changes them.
@Suite struct USRSCTPDeterminismTests {
    private let ms = USRSCTPFixture.ms

    /// A whole passive exchange: handshake, data, two minutes of heartbeats; every packet with its instant.
    private func serverTranscript(seed: UInt64) throws -> [AddressedPacket] {
        let fixture = try USRSCTPFixture(seed: seed)
        var transcript: [AddressedPacket] = []
        let initAck = try #require(try fixture.sendInit(at: self.ms(1)))
        transcript.append(initAck)
        let fields = TestSCTP.Initiation(try #require(TestSCTP.chunks(initAck.bytes).first).body)
        let cookie = try #require(fields.stateCookie)
        try fixture.transport.send(TestSCTP.packet(tag: fields.tag, TestSCTP.chunk(10, cookie)), at: self.ms(2))
        try fixture.transport.send(TestSCTP.packet(
            tag: fields.tag, TestSCTP.dataChunk(tsn: USRSCTPFixture.harnessTSN, stream: 0, ssn: 0, ppid: 0, [42])
        ), at: self.ms(3))
        #expect(try fixture.target.perform(.send(stream: 0, ppid: 0, payload: [1, 2], unordered: false),
                                           at: self.ms(4)) == .ok)
        transcript += try fixture.transport.receive(until: .zero + .seconds(120))
        return transcript
    }

    @Test func sameSeedGivesIdenticalBytesAcrossHelperProcesses() throws {
        let first = try self.serverTranscript(seed: 42)
        let second = try self.serverTranscript(seed: 42)
        #expect(first.count >= 5)  // INIT ACK, COOKIE ACK, SACK, DATA, heartbeats ...
        #expect(first == second)
    }

    @Test func differentSeedChangesTagsAndCookies() throws {
        let first = try self.serverTranscript(seed: 42)
        let other = try self.serverTranscript(seed: 43)
        let tagA = TestSCTP.Initiation(try #require(first.first.flatMap { TestSCTP.chunks($0.bytes).first }).body)
        let tagB = TestSCTP.Initiation(try #require(other.first.flatMap { TestSCTP.chunks($0.bytes).first }).body)
        #expect(tagA.tag != tagB.tag)
        #expect(tagA.tsn != tagB.tsn)
        #expect(tagA.stateCookie != tagB.stateCookie)
    }

    @Test func clientInitIsReproducible() throws {
        func initPacket(seed: UInt64) throws -> AddressedPacket? {
            let fixture = try USRSCTPFixture(seed: seed)
            #expect(try fixture.target.perform(.connect, at: self.ms(7)) == .ok)
            return try fixture.transport.receive(until: self.ms(7)).first
        }
        let a = try #require(try initPacket(seed: 9))
        let b = try #require(try initPacket(seed: 9))
        let c = try #require(try initPacket(seed: 10))
        #expect(a == b)
        #expect(TestSCTP.Initiation(TestSCTP.chunks(a.bytes)[0].body).tag
            != TestSCTP.Initiation(TestSCTP.chunks(c.bytes)[0].body).tag)
    }
}
