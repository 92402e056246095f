import Fuzz
import NetworkLayers
import SCTPWire
import Scenario
import Targets
import Testing
import VirtualTime

/// The fast usrsctp executor gives what the generic path (a new target, the prefix, the input through
/// a `HarnessSession`) gives, input by input, and a crash or hang stays with its input.
@Suite struct USRSCTPFuzzExecutorTests {
    @Test func establishedOutcomesEqualTheGenericPath() throws {
        let prefix = try FuzzExecutionFixture.establishedPrefix()
        let executor = USRSCTPFuzzExecutor()
        defer { executor.shutdown() }
        let baseline = try executor.prepare(prefix: prefix, seed: FuzzExecutionFixture.seed)
        #expect(baseline.model.peerTag != nil)
        #expect(baseline.exchange.count == 4)
        let inputs = FuzzExecutionFixture.establishedInputs(baseline)
        // Twice in one batch: each input starts from the held state again.
        let outcomes = try executor.execute(inputs + inputs)
        #expect(outcomes.count == 2 * inputs.count)
        let generic = try FuzzExecutionFixture.generic(prefix: prefix, inputs: inputs)
        for index in inputs.indices {
            let fast = outcomes[index]
            #expect(fast.failure == nil)
            #expect(fast.packets == generic[index].packets, "input \(index): packets differ")
            #expect(fast.events == generic[index].events, "input \(index): events differ")
            #expect(fast.actionResults == generic[index].actionResults, "input \(index): action results differ")
            #expect(fast.afterSteps == generic[index].afterSteps, "input \(index): steps before the packets differ")
            #expect(outcomes[index + inputs.count] == fast, "input \(index): not restored")
        }
        #expect(outcomes[0].packets.isEmpty == false || outcomes[1].packets.isEmpty == false)
        #expect(outcomes[2].packets.first.map { TestChunks.types($0.bytes) } == [5])  // HEARTBEAT ACK
        #expect(outcomes[0].state == "established")
        #expect(outcomes[3].state == "closed")  // ABORT
        #expect(outcomes[4].state == "shutdown-ack-sent")
        #expect(outcomes[6].actionResults == [.ok])
        #expect(outcomes[7].state == "shutdown-sent")
    }

    @Test func outOfTheBlueOutcomesEqualTheGenericPathAndStateIsUndone() throws {
        let executor = USRSCTPFuzzExecutor()
        defer { executor.shutdown() }
        let baseline = try executor.prepare(prefix: nil, seed: FuzzExecutionFixture.seed)
        #expect(baseline.exchange.isEmpty)
        let initPacket = FuzzExecutionFixture.packet(baseline, tag: 0, [
            .initiation(InitChunk(
                initiateTag: 0x1234_5678, advertisedReceiverWindow: 65_536, outboundStreams: 10, inboundStreams: 10,
                initialTSN: 100))])
        let first = try executor.execute([FuzzInput(steps: [.packet(initPacket)])])
        guard let initAck = first.first?.packets.first,
            case .initiationAck(let ack)? = try? SCTPPacket(decoding: initAck.bytes).chunks.first,
            case .stateCookie(let cookie)? = ack.parameters.first(where: {
                if case .stateCookie = $0 { return true } else { return false }
            })
        else {
            Issue.record("no INIT ACK with a cookie: \(first)")
            return
        }
        let cookieEcho = FuzzExecutionFixture.packet(baseline, tag: ack.initiateTag, [.cookieEcho(CookieEchoChunk(
            cookie: cookie.cookie))])
        let inputs = [
            FuzzInput(steps: [.packet(initPacket)]),
            FuzzInput(steps: [.packet(cookieEcho)]),  // creates an association: the stack is restored after it
            FuzzInput(steps: [.packet(initPacket)]),
            FuzzInput(steps: [.packet(FuzzExecutionFixture.packet(baseline, tag: 9, [.abort(AbortChunk())]))]),
            FuzzInput(steps: [.packet(initPacket), .advance(milliseconds: 1_000)]),
            FuzzInput(steps: [.packet(initPacket)]),
        ]
        let outcomes = try executor.execute(inputs)
        #expect(outcomes[1].state == "established")
        #expect(outcomes[0] == outcomes[2])
        #expect(outcomes[0] == outcomes[5])
        let generic = try FuzzExecutionFixture.generic(prefix: nil, inputs: inputs)
        for index in inputs.indices {
            #expect(outcomes[index].packets == generic[index].packets, "input \(index): packets differ")
            #expect(outcomes[index].events == generic[index].events, "input \(index): events differ")
            #expect(outcomes[index].afterSteps == generic[index].afterSteps, "input \(index): steps differ")
        }
    }

    /// SCTPCONFORM_TEST_CRASH_ON_CHUNK=4: the helper aborts on a HEARTBEAT. That input's outcome is the
    /// crash; the inputs around it, and the next batch, run as if nothing had happened.
    @Test func aCrashIsReportedForItsInputAndTheExecutorGoesOn() throws {
        let prefix = try FuzzExecutionFixture.establishedPrefix()
        let executor = USRSCTPFuzzExecutor(
            options: USRSCTPTarget.Options(helperEnvironment: ["SCTPCONFORM_TEST_CRASH_ON_CHUNK": "4"]))
        defer { executor.shutdown() }
        let baseline = try executor.prepare(prefix: prefix, seed: FuzzExecutionFixture.seed)
        let inputs = FuzzExecutionFixture.establishedInputs(baseline)
        let batch = [inputs[1], inputs[2], inputs[1], inputs[2], inputs[2], inputs[0]]
        let outcomes = try executor.execute(batch)
        #expect(outcomes.count == batch.count)
        for index in [1, 3, 4] {
            guard case .crashed(let description, let stderr)? = outcomes[index].failure else {
                Issue.record("input \(index): expected a crash, got \(String(describing: outcomes[index].failure))")
                continue
            }
            #expect(description.contains("killed by signal 6 (SIGABRT)"), "\(description)")
            // The input's own last words, and only them.
            #expect(stderr == "sctpconform-usrsctp: test hook: aborting on a chunk of type 4\n", "\(stderr)")
        }
        #expect(outcomes[0].failure == nil && outcomes[2].failure == nil && outcomes[5].failure == nil)
        #expect(outcomes[0] == outcomes[2])
        let again = try executor.execute([inputs[1]])
        #expect(again == [outcomes[0]])
    }

    /// SCTPCONFORM_TEST_HANG_ON_CHUNK=4: the input runs past its real-time limit and is reported hung.
    @Test func aHangIsReportedForItsInput() throws {
        let prefix = try FuzzExecutionFixture.establishedPrefix()
        let executor = USRSCTPFuzzExecutor(
            options: USRSCTPTarget.Options(helperEnvironment: ["SCTPCONFORM_TEST_HANG_ON_CHUNK": "4"]),
            inputLimitMilliseconds: 200)
        defer { executor.shutdown() }
        let baseline = try executor.prepare(prefix: prefix, seed: FuzzExecutionFixture.seed)
        let inputs = FuzzExecutionFixture.establishedInputs(baseline)
        let outcomes = try executor.execute([inputs[2], inputs[0]])
        guard case .unresponsive? = outcomes[0].failure else {
            Issue.record("expected a hang, got \(String(describing: outcomes[0].failure))")
            return
        }
        #expect(outcomes[1].failure == nil && outcomes[1].state == "established")
    }
}

/// The liveness probe of the fast executor: an INIT from the next harness port delivered inside the
/// helper, after every input that a restore follows and every `probeEvery` inputs; a silent stack is
/// blamed on the input that silences it alone. SCTPCONFORM_TEST_DEAF_ON_CHUNK=T makes the helper drop
/// every packet from one holding a chunk of type T on (until its next reset): a stack that stopped
/// answering while the helper goes on.
@Suite struct USRSCTPLivenessProbeTests {
    static func deafOn(_ type: Int, probeEvery: UInt32? = 64) -> USRSCTPFuzzExecutor {
        USRSCTPFuzzExecutor(
            options: USRSCTPTarget.Options(helperEnvironment: ["SCTPCONFORM_TEST_DEAF_ON_CHUNK": "\(type)"]),
            probeEvery: probeEvery)
    }

    @Test func afterAPrefixEveryInputIsProbedAndTheSilencingOneIsNamed() throws {
        let prefix = try FuzzExecutionFixture.establishedPrefix()
        let executor = Self.deafOn(4)  // HEARTBEAT
        defer { executor.shutdown() }
        let baseline = try executor.prepare(prefix: prefix, seed: FuzzExecutionFixture.seed)
        let inputs = FuzzExecutionFixture.establishedInputs(baseline)
        let outcomes = try executor.execute(inputs)
        for (index, outcome) in outcomes.enumerated() {
            #expect(outcome.failure == nil)
            #expect(outcome.alive == (index != 2), "input \(index): alive \(String(describing: outcome.alive))")
        }
        // The HEARTBEAT was dropped: nothing came back for it.
        #expect(outcomes[2].packets.isEmpty)
        // The oracle names it; the others are no finding.
        let oracle = FuzzOracle(baseline: baseline, checksRules: false)
        let deaf = FuzzCase(steps: [])
        #expect(oracle.judge(deaf, outcomes[2])?.kind == .liveness)
        #expect(oracle.judge(deaf, outcomes[0]) == nil)
    }

    @Test func outOfTheBlueASilenceLeftBehindIsBlamedOnItsInput() throws {
        let executor = Self.deafOn(4, probeEvery: 100)
        defer { executor.shutdown() }
        let baseline = try executor.prepare(prefix: nil, seed: FuzzExecutionFixture.seed)
        // Out-of-the-blue packets that leave nothing behind: no restore between them, so the deafness
        // the second one causes lasts, and only the probe after the last input sees it.
        let abort = FuzzInput(steps: [.packet(FuzzExecutionFixture.packet(baseline, tag: 9, [.abort(AbortChunk())]))])
        let heartbeat = FuzzInput(steps: [.packet(FuzzExecutionFixture.packet(baseline, tag: 9, [
            .heartbeat(HeartbeatChunk(parameters: [.heartbeatInfo(HeartbeatInfoParameter(info: [1, 2, 3, 4]))]))]))])
        let outcomes = try executor.execute([abort, heartbeat, abort, abort, abort])
        #expect(outcomes.map(\.alive) == [nil, false, nil, nil, nil])
        #expect(outcomes.allSatisfy { $0.failure == nil })
        // The next batch starts from the held state again: the stack answers.
        #expect(try executor.execute([abort]).map(\.alive) == [true])
    }

    @Test func outOfTheBlueTheStackIsProbedEveryNInputsAndBeforeEveryRestore() throws {
        let executor = USRSCTPFuzzExecutor(probeEvery: 8)
        defer { executor.shutdown() }
        let baseline = try executor.prepare(prefix: nil, seed: FuzzExecutionFixture.seed)
        let abort = FuzzInput(steps: [.packet(FuzzExecutionFixture.packet(baseline, tag: 9, [.abort(AbortChunk())]))])
        let initiation = FuzzInput(steps: [.packet(FuzzExecutionFixture.packet(baseline, tag: 0, [
            .initiation(InitChunk(
                initiateTag: 0x1234_5678, advertisedReceiverWindow: 65_536, outboundStreams: 10, inboundStreams: 10,
                initialTSN: 100))]))])
        // An INIT leaves state (its INIT ACK moved the endpoint's random store): probed before the restore.
        var batch = Array(repeating: abort, count: 20)
        batch[3] = initiation
        let outcomes = try executor.execute(batch)
        let probed = outcomes.indices.filter { outcomes[$0].alive != nil }
        #expect(probed == [3, 11, 19])
        #expect(outcomes.allSatisfy { $0.alive != false })
        // Without a probe, nothing is said about liveness.
        let quiet = USRSCTPFuzzExecutor(probeEvery: nil)
        defer { quiet.shutdown() }
        _ = try quiet.prepare(prefix: nil, seed: FuzzExecutionFixture.seed)
        #expect(try quiet.execute(batch).allSatisfy { $0.alive == nil })
    }
}

/// Chunk types of a packet (common header onward).
enum TestChunks {
    static func types(_ packet: [UInt8]) -> [UInt8] {
        var types: [UInt8] = []
        var offset = 12
        while offset + 4 <= packet.count {
            types.append(packet[offset])
            let length = Int(packet[offset + 2]) << 8 | Int(packet[offset + 3])
            guard length >= 4 else { break }
            offset += (length + 3) & ~3
        }
        return types
    }
}
