import NetworkLayers
import Runner
import SCTPWire
import Targets
import Testing
import Transports
import TransportTestSupport
import VirtualTime

/// The open session API: packets, time, application actions and resets without a scenario file.
@Suite struct HarnessSessionTests {
    static let endpoints = SessionEndpoints(sutPort: 5001, harnessPort: 5000)
    static let configuration = TargetConfiguration(seed: 1, localPort: 5001, peerPort: 5000)

    /// The harness's INIT, from the session's association model.
    static func initPacket(_ session: HarnessSession) -> SCTPPacket {
        SCTPPacket(
            header: CommonHeader(sourcePort: 5000, destinationPort: 5001, verificationTag: 0),
            chunks: [
                .initiation(
                    InitChunk(
                        initiateTag: session.model.ourTag, advertisedReceiverWindow: 1 << 17, outboundStreams: 10,
                        inboundStreams: 10, initialTSN: session.model.ourInitialTSN))
            ])
    }

    /// INIT, INIT ACK, COOKIE ECHO, COOKIE ACK through the session; returns every packet's bytes.
    static func handshake(_ session: HarnessSession) throws -> [[UInt8]] {
        #expect(try session.perform(.listen) == .ok)
        try session.send(Self.initPacket(session))
        let initAck = try session.receive(until: session.now + .milliseconds(200))
        #expect(initAck.map(\.kinds) == [["init-ack"]])
        #expect(initAck.first?.envelope.source == SessionEndpoints.defaultSUTAddress)
        // The association model learnt the SUT's tag and cookie from the decoded INIT ACK.
        let peerTag = try #require(session.model.peerTag)
        let cookie = try #require(session.model.cookie)
        try session.send(
            SCTPPacket(
                header: CommonHeader(sourcePort: 5000, destinationPort: 5001, verificationTag: peerTag),
                chunks: [.cookieEcho(CookieEchoChunk(cookie: cookie))]))
        let cookieAck = try session.receive(until: session.now + .milliseconds(200))
        #expect(cookieAck.map(\.kinds) == [["cookie-ack"]])
        let events = session.takeEvents().map(\.event)
        #expect(events.contains { if case .associationChange("COMM_UP", _, _) = $0 { true } else { false } })
        return session.packets.map(\.bytes)
    }

    @Test(.enabled(if: RunnerTests.isUSRSCTPAvailable, "usrsctp target unavailable"))
    func handshakeWithUSRSCTPWithoutAScenario() throws {
        let target = try USRSCTPTarget(configuration: Self.configuration)
        defer { target.shutdown() }
        let session = HarnessSession(
            target: target, endpoints: Self.endpoints, seed: 1, checkers: { [RulesLiveChecker()] })
        let packets = try Self.handshake(session)
        #expect(packets.count == 4)
        #expect(session.packets.map(\.direction) == [.toSUT, .fromSUT, .toSUT, .fromSUT])
        #expect(session.capture.records.count == 4)
        #expect(session.finish().filter { $0.severity == .must }.isEmpty)
    }

    /// A reset gives a fresh stack and a fresh run: the same seed, the same bytes, numbering from 1.
    /// A target that cannot reset says so (`.unsupported`); the caller then makes a new one.
    @Test(.enabled(if: RunnerTests.isUSRSCTPAvailable, "usrsctp target unavailable"))
    func resetAndRunAgainWithUSRSCTP() throws {
        let target = try USRSCTPTarget(configuration: Self.configuration)
        defer { target.shutdown() }
        let session = HarnessSession(
            target: target, endpoints: Self.endpoints, seed: 1, checkers: { [RulesLiveChecker()] })
        let first = try Self.handshake(session)
        var again = session
        var replacement: USRSCTPTarget?
        let failure: TargetError?
        do {
            try session.reset(Self.configuration)
            failure = nil
        } catch {
            failure = error
        }
        if let failure {
            guard case .unsupported = failure else { throw failure }
            let fresh = try USRSCTPTarget(configuration: Self.configuration)
            replacement = fresh
            again = HarnessSession(
                target: fresh, endpoints: Self.endpoints, seed: 1, checkers: { [RulesLiveChecker()] })
        }
        defer { replacement?.shutdown() }
        #expect(again.packets.isEmpty && again.findings.isEmpty && again.now == .zero)
        let second = try Self.handshake(again)
        #expect(second == first)
        #expect(again.packets.map(\.number) == [1, 2, 3, 4])
    }

    @Test func resetClearsTheRunAndTheTarget() throws {
        let target = ScriptedTarget(onPacket: ScriptedPeer.server())
        let session = HarnessSession(target: target, endpoints: Self.endpoints, seed: 7)
        try session.send(Self.initPacket(session))
        _ = try session.receive(until: .milliseconds(10))
        #expect(session.packets.count == 2)
        #expect(session.model.peerTag != nil)
        try session.reset(Self.configuration)
        #expect(target.resets == 1 && target.received.isEmpty)
        #expect(session.packets.isEmpty && session.capture.records.isEmpty && session.now == .zero)
        #expect(session.model.peerTag == nil)
        try session.send(Self.initPacket(session))
        #expect(session.packets.map(\.number) == [1])
        // Another seed and other endpoints: another harness tag, and sends from the new address.
        let tag = session.model.ourTag
        let other = SessionEndpoints(
            harnessAddresses: [IPAddress("198.18.0.9")!], sutPort: 5001, harnessPort: 5000)
        try session.reset(Self.configuration, seed: 8, endpoints: other)
        #expect(session.model.ourTag != tag)
        try session.send(Self.initPacket(session))
        #expect(target.received.map(\.source) == [IPAddress("198.18.0.9")!])
    }

    @Test func sendFromAnotherHarnessAddressAndAdvanceTheClock() throws {
        let second = IPAddress("198.18.0.3")!
        let endpoints = SessionEndpoints(
            harnessAddresses: [SessionEndpoints.defaultHarnessAddress, second], sutPort: 5001, harnessPort: 5000)
        let target = ScriptedTarget(onPacket: ScriptedPeer.server())
        let session = HarnessSession(target: target, endpoints: endpoints, seed: 7)
        try session.send(Self.initPacket(session), from: second)
        #expect(target.received.first?.source == second)
        #expect(try session.advance(to: .milliseconds(50)))
        #expect(session.now == .milliseconds(50))
        let replies = session.takePackets()
        #expect(replies.first?.envelope.destination == second)
        #expect(session.takePackets().isEmpty)
    }
}

extension VirtualInstant {
    fileprivate static func milliseconds(_ value: UInt64) -> VirtualInstant {
        VirtualInstant(nanoseconds: value * 1_000_000)
    }
}
