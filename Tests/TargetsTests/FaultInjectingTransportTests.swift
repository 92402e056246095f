import NetworkLayers
import Testing
import Transports
import TransportTestSupport
import VirtualTime

/// A stand-in wire: remembers what was sent, replays scripted packets from the peer.
private final class ScriptedTransport: Transport {
    var sent: [AddressedPacket] = []
    var script: [AddressedPacket]

    init(script: [AddressedPacket] = []) {
        self.script = script
    }

    /// Keeps the instant and bytes (the envelope's addresses are not what these tests look at).
    func send(_ packet: AddressedPacket) throws(TransportError) {
        self.sent.append(AddressedPacket(time: packet.time, bytes: packet.bytes))
    }

    /// Stops at the earliest scripted packet (all packets due then), or at the deadline.
    func receiveNext(until deadline: VirtualInstant) throws(TransportError) -> ReceiveResult {
        let stop = min(deadline, self.script.map(\.time).min() ?? deadline)
        let due = self.script.filter { $0.time <= stop }
        self.script.removeAll { $0.time <= stop }
        return ReceiveResult(time: stop, packets: due)
    }
}

@Suite struct FaultInjectingTransportTests {
    private func ms(_ value: UInt64) -> VirtualInstant { VirtualInstant(nanoseconds: value * 1_000_000) }
    private func packet(_ marker: UInt8, at time: UInt64) -> AddressedPacket {
        AddressedPacket(time: self.ms(time), bytes: [marker, 1, 2, 3, 4, 5, 6, 7])
    }

    @Test func noFaultsPassEverythingThrough() throws {
        let inner = ScriptedTransport(script: [self.packet(9, at: 5)])
        let faulty = FaultInjectingTransport(wrapping: inner, seed: 1)
        try faulty.send([1, 2, 3], at: self.ms(1))
        #expect(inner.sent == [AddressedPacket(time: self.ms(1), bytes: [1, 2, 3])])
        #expect(try faulty.receive(until: self.ms(10)) == [self.packet(9, at: 5)])
        #expect(faulty.log.isEmpty)
    }

    @Test func dropRemovesPacketsInTheChosenDirectionOnly() throws {
        let inner = ScriptedTransport(script: [self.packet(9, at: 5)])
        let faulty = FaultInjectingTransport(wrapping: inner, seed: 1, toPeer: FaultProfile(drop: 1))
        try faulty.send([1], at: self.ms(1))
        #expect(inner.sent.isEmpty)
        #expect(try faulty.receive(until: self.ms(10)) == [self.packet(9, at: 5)])
        #expect(faulty.takeLog() == [FaultRecord(direction: .toSUT, index: 0, time: self.ms(1), kind: .dropped)])
        #expect(faulty.log.isEmpty)
    }

    @Test func duplicateDeliversTwiceAtTheSameInstant() throws {
        let inner = ScriptedTransport(script: [self.packet(9, at: 5)])
        let faulty = FaultInjectingTransport(wrapping: inner, seed: 1, fromPeer: FaultProfile(duplicate: 1))
        #expect(try faulty.receive(until: self.ms(10)) == [self.packet(9, at: 5), self.packet(9, at: 5)])
        #expect(faulty.log.map(\.kind) == [.duplicated])
    }

    @Test func corruptFlipsExactlyOneByte() throws {
        let inner = ScriptedTransport()
        let faulty = FaultInjectingTransport(wrapping: inner, seed: 7, toPeer: FaultProfile(corrupt: 1))
        let original = self.packet(1, at: 0).bytes
        try faulty.send(original, at: .zero)
        let sent = try #require(inner.sent.first).bytes
        let differing = zip(original, sent).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(differing.count == 1)
        guard case .corrupted(let offset, let mask) = faulty.log.first?.kind else {
            Issue.record("expected a corruption record")
            return
        }
        #expect(differing.first?.offset == offset)
        #expect(original[offset] ^ mask == sent[offset] && mask != 0)
    }

    @Test func delayedOutboundPacketsReachThePeerAtTheirReleaseInstant() throws {
        let inner = ScriptedTransport()
        let faulty = FaultInjectingTransport(
            wrapping: inner, seed: 1, toPeer: FaultProfile(delay: 1, delayBy: .milliseconds(50)))
        try faulty.send([1], at: self.ms(10))
        #expect(inner.sent.isEmpty)
        _ = try faulty.receive(until: self.ms(40))
        #expect(inner.sent.isEmpty)
        _ = try faulty.receive(until: self.ms(100))
        #expect(inner.sent == [AddressedPacket(time: self.ms(60), bytes: [1])])
        #expect(faulty.log.map(\.kind) == [.delayed(until: self.ms(60))])
    }

    @Test func delayedInboundPacketsKeepReceiveResultsInTimeOrder() throws {
        let inner = ScriptedTransport(script: [self.packet(1, at: 10), self.packet(2, at: 20)])
        let faulty = FaultInjectingTransport(
            wrapping: inner, seed: 3, fromPeer: FaultProfile(delay: 1, delayBy: .milliseconds(15)))
        let first = try faulty.receive(until: self.ms(26))
        #expect(first == [self.packet(1, at: 25)])
        let second = try faulty.receive(until: self.ms(100))
        #expect(second == [self.packet(2, at: 35)])
    }

    @Test func receiveNextStopsAtTheReleaseOfAHeldPacket() throws {
        let inner = ScriptedTransport(script: [self.packet(1, at: 10)])
        let faulty = FaultInjectingTransport(
            wrapping: inner, seed: 3, fromPeer: FaultProfile(delay: 1, delayBy: .milliseconds(15)))
        // The peer sends at 10 ms; the packet is held (an early, empty result), then handed on at 25 ms.
        #expect(try faulty.receiveNext(until: self.ms(100)) == ReceiveResult(time: self.ms(10), packets: []))
        #expect(try faulty.receiveNext(until: self.ms(100)) == ReceiveResult(time: self.ms(25), packets: [
            self.packet(1, at: 25)
        ]))
        #expect(try faulty.receiveNext(until: self.ms(100)) == ReceiveResult(time: self.ms(100), packets: []))
    }

    @Test func receiveNextHandsADelayedOutboundPacketOnAtItsReleaseInstant() throws {
        let inner = ScriptedTransport(script: [self.packet(9, at: 80)])
        let faulty = FaultInjectingTransport(
            wrapping: inner, seed: 1, toPeer: FaultProfile(delay: 1, delayBy: .milliseconds(50)))
        try faulty.send([1], at: self.ms(10))
        // The peer is not let past 60 ms before the held packet reaches it there.
        #expect(try faulty.receiveNext(until: self.ms(100)) == ReceiveResult(time: self.ms(60), packets: []))
        #expect(inner.sent == [AddressedPacket(time: self.ms(60), bytes: [1])])
        #expect(try faulty.receiveNext(until: self.ms(100)).packets == [self.packet(9, at: 80)])
    }

    @Test func receiveUntilGivesUpOnAPeerThatMakesNoProgress() {
        final class Stuck: Transport {
            func send(_ packet: AddressedPacket) throws(TransportError) {}
            func receiveNext(until deadline: VirtualInstant) throws(TransportError) -> ReceiveResult {
                ReceiveResult(time: .zero, packets: [])
            }
        }
        #expect(throws: TransportError.self) {
            _ = try Stuck().receive(until: VirtualInstant(nanoseconds: 1_000_000), stallLimit: 10)
        }
    }

    @Test func reorderedPacketFollowsItsSuccessor() throws {
        let inner = ScriptedTransport(script: [self.packet(1, at: 10), self.packet(2, at: 20), self.packet(3, at: 30)])
        // Reorder only the first packet: find a seed whose first draw reorders and second does not.
        let profile = FaultProfile(reorder: 0.5)
        let seed = try #require((0..<200).first { seed in
            let probe = FaultInjectingTransport(wrapping: ScriptedTransport(script: [
                self.packet(1, at: 10), self.packet(2, at: 20), self.packet(3, at: 30),
            ]), seed: UInt64(seed), fromPeer: profile)
            let kinds = (try? probe.receive(until: self.ms(100))).map { _ in probe.log.map(\.index) }
            return kinds == [0]
        })
        let faulty = FaultInjectingTransport(wrapping: inner, seed: UInt64(seed), fromPeer: profile)
        let received = try faulty.receive(until: self.ms(100))
        #expect(received.map { $0.bytes[0] } == [2, 1, 3])
        #expect(received.map(\.time) == [self.ms(20), self.ms(20), self.ms(30)])
    }

    @Test func reorderedPacketWithoutSuccessorIsReleasedAfterTheWindow() throws {
        let inner = ScriptedTransport(script: [self.packet(1, at: 10)])
        let faulty = FaultInjectingTransport(
            wrapping: inner, seed: 1, fromPeer: FaultProfile(reorder: 1, reorderWindow: .milliseconds(100)))
        #expect(try faulty.receive(until: self.ms(50)).isEmpty)
        #expect(try faulty.receive(until: self.ms(200)) == [self.packet(1, at: 110)])
    }

    @Test func sameSeedSameFaultsDifferentSeedDifferentFaults() throws {
        func run(seed: UInt64) throws -> [FaultRecord] {
            let script = (0..<200).map { self.packet(UInt8(truncatingIfNeeded: $0), at: UInt64($0)) }
            let profile = FaultProfile(drop: 0.2, duplicate: 0.1, reorder: 0.1, corrupt: 0.1, delay: 0.1)
            let faulty = FaultInjectingTransport(wrapping: ScriptedTransport(script: script), seed: seed,
                                                 toPeer: profile, fromPeer: profile)
            for index in 0..<100 { try faulty.send([UInt8(index), 0, 0, 0], at: self.ms(UInt64(index))) }
            _ = try faulty.receive(until: self.ms(1_000))
            return faulty.log
        }
        let first = try run(seed: 11)
        #expect(first.count > 40)
        #expect(Set(first.map(\.direction)) == [.toSUT, .fromSUT])
        #expect(first == (try run(seed: 11)))
        #expect(first != (try run(seed: 12)))
    }

    @Test func trafficInOneDirectionDoesNotShiftTheOthersFaults() throws {
        func inboundFaults(outboundPackets: Int) throws -> [FaultRecord] {
            let script = (0..<50).map { self.packet(UInt8($0), at: UInt64($0) + 1) }
            let faulty = FaultInjectingTransport(
                wrapping: ScriptedTransport(script: script), seed: 5,
                toPeer: FaultProfile(drop: 0.5), fromPeer: FaultProfile(drop: 0.5))
            for index in 0..<outboundPackets { try faulty.send([0], at: self.ms(UInt64(index))) }
            _ = try faulty.receive(until: self.ms(100))
            return faulty.log.filter { $0.direction == .fromSUT }
        }
        #expect(try inboundFaults(outboundPackets: 0) == inboundFaults(outboundPackets: 37))
    }

    @Test func wrapsAHostedStack() throws {
        let fixture = try USRSCTPFixture()
        #expect(try fixture.target.perform(.connect, at: .zero) == .ok)
        // Every INIT from the stack is lost on the way to the harness; the stack keeps retransmitting.
        let faulty = FaultInjectingTransport(wrapping: fixture.transport, seed: 1, fromPeer: FaultProfile(drop: 1))
        #expect(try faulty.receive(until: .zero + .seconds(10)).isEmpty)
        #expect(faulty.log.map(\.time) == [0, 3, 9].map { VirtualInstant(nanoseconds: $0 * 1_000_000_000) })
    }
}
