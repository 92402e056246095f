import Runner
import SCTPWire
import Scenario
import Targets
import Testing
import VirtualTime

/// What `send` puts on the wire: defaults from the association, the scenario's fields, raw overrides.
@Suite struct RunnerSendTests {
    private func established(_ extraSteps: String) throws -> (ScenarioResult, [SCTPPacket], ScriptedTarget) {
        let server = ScriptedPeer.server()
        let target = ScriptedTarget(onPacket: server)
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(RunnerTestSupport.handshakeSteps + "\n" + extraSteps), target: target)
        return (result, RunnerTestSupport.sent(target), target)
    }

    @Test func defaultsComeFromTheAssociation() throws {
        let (result, sent, _) = try self.established(
            """
              - send: sack
              - send: [{data: {user_data: "a"}}, {data: {stream_id: 2, user_data: "b"}}, {data: {user_data: "c"}}]
              - expect: sack
              - send: shutdown
              - expect: shutdown-ack
            """)
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        let initiation = try #require(sent.first?.chunks.first)
        guard case .initiation(let initChunk) = initiation else {
            Issue.record("first packet should be INIT")
            return
        }
        #expect(sent.first?.header.verificationTag == 0)
        #expect(sent.first?.header.sourcePort == 5000 && sent.first?.header.destinationPort == 5001)
        #expect(initChunk.initiateTag != 0)
        #expect(initChunk.outboundStreams == 10 && initChunk.inboundStreams == 65535)
        // SACK before any DATA: the SUT's initial TSN - 1.
        #expect(
            sent[2].chunks == [
                .sack(SACKChunk(cumulativeTSNAck: ScriptedPeer.sutTSN - 1, advertisedReceiverWindow: 106_496))
            ])
        #expect(sent[2].header.verificationTag == ScriptedPeer.sutTag)
        // Bundled DATA: consecutive TSNs, per-stream sequence numbers.
        let data = sent[3].chunks.compactMap { chunk -> DataChunk? in
            if case .data(let data) = chunk { return data }
            return nil
        }
        #expect(data.map(\.tsn) == [initChunk.initialTSN, initChunk.initialTSN &+ 1, initChunk.initialTSN &+ 2])
        #expect(data.map(\.streamID) == [0, 2, 0])
        #expect(data.map(\.streamSequence) == [0, 0, 1])
        #expect(data.allSatisfy { $0.flags == .completeMessage })
        guard case .shutdown(let shutdown)? = sent[4].chunks.first else {
            Issue.record("expected SHUTDOWN")
            return
        }
        #expect(shutdown.cumulativeTSNAck == ScriptedPeer.sutTSN - 1)
    }

    @Test func rawOverrides() throws {
        let (result, _, target) = try self.established(
            """
              - send: {data: {user_data: "abc", length: 100, flags: 0x0b}}
                verification_tag: 0xdeadbeef
                checksum: bad
              - send: {chunk: {type: 0x4f, flags: 2, value: "0a0b0c"}}
                checksum: zero
                src_port: 7
              - send: {abort: {t_bit: true}}
                checksum: 0x12345678
            """)
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        let packets = target.received.suffix(3).map { RawPacket($0.bytes) }
        let lying = packets[0]
        #expect(lying.verificationTag == 0xDEAD_BEEF)
        guard case .incorrect? = lying.checksumStatus else {
            Issue.record("checksum should be wrong: \(String(describing: lying.checksumStatus))")
            return
        }
        let dataChunk = try #require(Array(lying.chunks).first)
        #expect(dataChunk.declaredLength == 100 && dataChunk.flags == 0x0B)
        #expect(packets[1].checksumStatus == .zero && packets[1].sourcePort == 7)
        let raw = try #require(Array(packets[1].chunks).first)
        #expect(
            raw.type == ChunkType(0x4F) && raw.flags == 2 && Array(raw.value) == [0x0A, 0x0B, 0x0C]
                && raw.declaredLength == 7)
        #expect(packets[2].checksum == 0x1234_5678)
        // T bit set: the harness's own tag (RFC 9260 §8.5.1).
        let initTag = try #require(RunnerTestSupport.sent(target).first.flatMap { ScriptedPeer.initiateTag(of: $0) })
        #expect(packets[2].verificationTag == initTag)
    }

    @Test func capturedValuesAndFlippedBytes() throws {
        let (result, sent, _) = try self.established(
            """
              - send: {cookie-echo: {cookie: {from: $cookie, flip: -1}}}
                verification_tag: $peer + 1
              - expect: cookie-ack
            """)
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        var tampered = ScriptedPeer.cookie
        tampered[tampered.count - 1] = ~tampered[tampered.count - 1]
        #expect(sent.last?.chunks == [.cookieEcho(CookieEchoChunk(cookie: tampered))])
        #expect(sent.last?.header.verificationTag == ScriptedPeer.sutTag + 1)
    }

    @Test func valueWithoutAVariableIsAnErrorAtItsLocation() throws {
        let target = ScriptedTarget()
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: {cookie-echo: {cookie: $cookie}}"), target: target)
        #expect(result.verdict == .error)
        #expect(
            result.reason?.hasPrefix("t.yaml:7:34: cannot build the packet: $cookie: variable $cookie has no value yet")
                == true)
        let outOfRange = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(
                RunnerTestSupport.handshakeSteps + "\n  - send: {cookie-echo: {cookie: {from: $cookie, flip: 99}}}"),
            target: ScriptedTarget(onPacket: ScriptedPeer.server()))
        #expect(outOfRange.verdict == .error)
        #expect(outOfRange.reason?.contains("flip: 99 is outside the 8 bytes") == true)
    }

    @Test func heartbeatAckEchoesTheSUTsInfo() throws {
        let target = ScriptedTarget(onPacket: ScriptedPeer.server())
        target.schedule(
            ScriptedPeer.simple(
                .heartbeat(HeartbeatChunk(parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: [4, 2]))])), tag: 0),
            at: VirtualInstant(nanoseconds: 10_000_000))
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - expect: heartbeat\n    verification_tag: any\n  - send: heartbeat-ack"),
            target: target)
        #expect(result.verdict == .pass)
        #expect(
            RunnerTestSupport.sent(target).last?.chunks == [
                .heartbeatAck(HeartbeatAckChunk(parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: [4, 2]))]))
            ])
    }

    @Test func liveCheckerSeesEveryPacketInOrder() throws {
        let checker = FlagEverySUTPacket(severity: .note)
        let box = CheckerBox(checker)
        let target = ScriptedTarget(onPacket: ScriptedPeer.server())
        _ = try RunnerTestSupport.run(
            RunnerTestSupport.scenario(RunnerTestSupport.handshakeSteps), target: target, checkers: { [box.checker] })
        #expect(checker.seen == [1, 2, 3, 4])
        #expect(checker.finished)
    }
}

final class CheckerBox: @unchecked Sendable {
    let checker: FlagEverySUTPacket

    init(_ checker: FlagEverySUTPacket) {
        self.checker = checker
    }
}

/// What the harness learns from its own packets.
@Suite struct RunnerOwnTagTests {
    /// RFC 9260 §3.3.2: an INIT with initiate tag 0 is discarded by the SUT, so it announces nothing;
    /// the next default INIT carries the harness's own (seeded, non-zero) tag again.
    @Test func anInitWithTagZeroDoesNotBecomeTheHarnessTag() throws {
        let reference = ScriptedTarget()
        _ = try RunnerTestSupport.run(RunnerTestSupport.scenario("  - send: init"), target: reference)
        let referenceInit = try #require(RunnerTestSupport.sent(reference).first?.chunks.first)

        let target = ScriptedTarget()
        let result = try RunnerTestSupport.run(
            RunnerTestSupport.scenario("  - send: {init: {initiate_tag: 0}}\n  - send: init"), target: target)
        #expect(result.verdict == .pass, "\(result.reason ?? "")")
        let sent = RunnerTestSupport.sent(target)
        #expect(sent.count == 2)
        guard case .initiation(let zero)? = sent.first?.chunks.first,
            case .initiation(let proper)? = sent.last?.chunks.first
        else {
            Issue.record("expected two INITs, got \(sent)")
            return
        }
        #expect(zero.initiateTag == 0)
        #expect(proper.initiateTag != 0)
        #expect(sent.last?.chunks.first == referenceInit)
    }
}
