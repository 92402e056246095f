import Rules
import SCTPWire
import Testing

/// Bad input never crashes the engine: damaged and truncated packets, random bytes, any order.
@Suite struct RobustnessTests {
    /// SplitMix64, seeded: the same damage on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            self.state &+= 0x9E37_79B9_7F4A_7C15
            var z = self.state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The packets of a clean conversation with data, heartbeats and shutdown.
    static func cleanPackets() -> [(from: Peer, bytes: [UInt8])] {
        var recorder = CaptureCheckTests.Recorder()
        recorder.handshake()
        let c = recorder.conversation
        recorder.send(.a, [c.data(tsn: 1000), c.data(tsn: 1001, stream: 1)])
        recorder.send(.b, [c.sack(cumulative: 1001), c.heartbeat([1, 2, 3])])
        recorder.send(.a, [c.heartbeatAck([1, 2, 3])])
        recorder.send(.a, [.shutdown(ShutdownChunk(cumulativeTSNAck: 4999))])
        recorder.send(.b, [.shutdownAck(ShutdownAckChunk())])
        recorder.send(.a, [c.shutdownComplete()])
        return recorder.packets
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func damagedPacketsNeverCrash(seed: UInt64) {
        var random = SeededGenerator(state: seed)
        let packets = Self.cleanPackets()
        for round in 0..<200 {
            var engine = RuleEngine(configuration: round % 2 == 0 ? .live : .capture)
            for (index, packet) in packets.enumerated() {
                var bytes = packet.bytes
                switch Int.random(in: 0..<5, using: &random) {
                case 0:
                    for _ in 0..<Int.random(in: 1...4, using: &random) {
                        bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(
                            in: 0...255, using: &random)
                    }
                case 1:
                    bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
                case 2:
                    bytes += (0..<Int.random(in: 1...40, using: &random)).map { _ in
                        UInt8.random(in: 0...255, using: &random)
                    }
                case 3:
                    var raw = RawPacket(bytes)
                    raw.setChunkLength(UInt16.random(in: 0...UInt16.max, using: &random), ofChunkAt: 12)
                    raw.fillChecksum()
                    bytes = raw.bytes
                default:
                    break
                }
                let from = packet.from == .a ? Conversation.endpointA : Conversation.endpointB
                let to = packet.from == .a ? Conversation.endpointB : Conversation.endpointA
                let found = engine.process(
                    SCTPObservation(number: index + 1, time: UInt64(index), source: from, destination: to, bytes: bytes)
                )
                for finding in found {
                    #expect(RuleCatalogue.rule(finding.ruleID) != nil)
                    #expect(finding.packetNumber <= index + 1)
                }
            }
            _ = engine.finish()
        }
    }

    @Test func randomBytesNeverCrash() {
        var random = SeededGenerator(state: 42)
        var engine = RuleEngine(configuration: .capture)
        for number in 1...2_000 {
            let bytes = (0..<Int.random(in: 0...120, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            let port = UInt16.random(in: 1...3, using: &random)
            _ = engine.process(
                SCTPObservation(
                    number: number, time: 0, source: TransportEndpoint(host: .harness, port: port),
                    destination: TransportEndpoint(host: .systemUnderTest, port: 7), bytes: bytes))
        }
        _ = engine.finish()
        #expect(engine.packetCount == 2_000)
    }

    @Test func packetsFromAnEndpointToItselfAreJudgedOnlyAsPackets() {
        var engine = RuleEngine(configuration: .capture)
        let packet = SCTPPacket(
            header: CommonHeader(sourcePort: 7, destinationPort: 7, verificationTag: 5),
            chunks: [.cookieAck(CookieAckChunk())])
        let endpoint = TransportEndpoint(host: .harness, port: 7)
        let found = engine.process(
            SCTPObservation(
                number: 1, time: 0, source: endpoint, destination: endpoint, bytes: packet.encoded(checksum: .zero)))
        #expect(found.map(\.ruleID) == ["packet.zero-checksum"])
        #expect(engine.associations.isEmpty)
    }

    @Test func snapLengthCutPacketsAreCountedNotJudged() {
        var engine = RuleEngine(configuration: .capture)
        let found = engine.process(
            SCTPObservation(
                number: 1, time: 0, source: Conversation.endpointA, destination: Conversation.endpointB, bytes: [1, 2],
                missingBytes: 60))
        #expect(found.isEmpty)
        #expect(engine.incompletePackets == 1)
    }

    @Test func findingsPerRuleAndAssociationAreCapped() {
        var conversation = Conversation(
            configuration: RuleConfiguration(
                observesFromStart: true, packetOrderIsCausal: true, findingLimitPerRule: 3))
        conversation.handshake()
        for _ in 0..<10 {
            conversation.send(.a, conversation.heartbeat([1]), tag: 0xbad)
        }
        #expect(conversation.findings.count == 3)
        #expect(conversation.engine.suppressedFindings == 7)
    }
}
