import NetworkLayers
@testable import Rules
import SCTPWire
import Testing

/// The live rules judge from the one decode a run makes of each packet (`DecodedSCTPPacket`): the view
/// built from it must be the view the rules build from the bytes themselves, field for field, for
/// well-formed and broken packets, and the findings the same.
@Suite struct DecodeOnceTests {
    typealias Seen = PacketViewDecodingTests.Seen

    @Test func theViewFromTheOneDecodeEqualsTheViewFromTheBytes() {
        let (source, destination) = PacketViewDecodingTests.endpoints
        var failures = 0
        for (index, bytes) in PacketViewDecodingTests.packets.enumerated() {
            let observation = SCTPObservation(
                number: index, time: UInt64(index), source: source, destination: destination, bytes: bytes)
            let fromBytes = PacketView(observation)
            let fromDecode = PacketView(
                number: index, time: UInt64(index), source: source, destination: destination,
                decoded: DecodedSCTPPacket(bytes))
            let sameChunks =
                fromDecode.bytes == fromBytes.bytes
                && fromDecode.chunks.map(Seen.init) == fromBytes.chunks.map(Seen.init)
                && fromDecode.decodingError == fromBytes.decodingError && fromDecode.header == fromBytes.header
            let same =
                sameChunks && fromDecode.checksum == fromBytes.checksum && fromDecode.chunkTypes == fromBytes.chunkTypes
                && fromDecode.chunkCount == fromBytes.chunkCount
                && fromDecode.firstChunkType == fromBytes.firstChunkType
                && fromDecode.hasReflectingChunk == fromBytes.hasReflectingChunk
                && fromDecode.endpointPair == fromBytes.endpointPair
            if !same {
                failures += 1
                if failures <= 5 {
                    let gotError = fromDecode.decodingError.map(String.init(describing:)) ?? "-"
                    let wantedError = fromBytes.decodingError.map(String.init(describing:)) ?? "-"
                    let got = "\(fromDecode.chunks.map(Seen.init)) / \(gotError)"
                    let wanted = "\(fromBytes.chunks.map(Seen.init)) / \(wantedError)"
                    Issue.record("packet \(index) \(Array(bytes.prefix(32))): \(got) instead of \(wanted)")
                }
            }
        }
        #expect(failures == 0)
    }

    @Test(arguments: RuleEvidence.all)
    func everyEvidenceConversationGivesTheSameFindingsFromTheOneDecode(_ evidence: RuleEvidence) {
        for script in [evidence.violation, evidence.nearMiss] {
            let conversation = evidence.run(script)
            var engine = RuleEngine(configuration: evidence.configuration)
            var findings: [Finding] = []
            for (index, packet) in conversation.sent.enumerated() {
                let view = PacketView(
                    number: index + 1, time: packet.time, source: conversation.endpoint(packet.from),
                    destination: conversation.endpoint(packet.from.other), decoded: DecodedSCTPPacket(packet.bytes))
                findings += engine.process(view)
            }
            findings += engine.finish()
            #expect(findings == conversation.findings, "\(evidence.id)")
        }
    }

    /// The one chunk walker gives the same headers over an array and over a raw buffer, and the raw
    /// chunk sequence is its chunks (plus a header cut short at the end).
    @Test func theChunkWalkAgreesOverEveryKindOfBytesAndWithTheRawSequence() {
        for bytes in PacketViewDecodingTests.packets {
            var walk = RawChunkWalk(bytes)
            var headers: [RawChunkWalk<[UInt8]>.Header] = []
            while let header = walk.next() { headers.append(header) }
            let overBuffer = bytes.withUnsafeBytes { raw in
                Array(RawChunkWalk(raw)).map { ($0.offset, $0.type, $0.flags, $0.declaredLength, $0.isLengthSane) }
            }
            #expect(overBuffer.map(\.0) == headers.map(\.offset))
            #expect(overBuffer.map(\.3) == headers.map(\.declaredLength))
            #expect(overBuffer.map(\.4) == headers.map(\.isLengthSane))
            let sequence = Array(RawPacket(bytes).chunks)
            let partial = walk.endsInPartialHeader ? [walk.offset] : []
            #expect(sequence.map(\.offset) == headers.map(\.offset) + partial)
            #expect(sequence.map(\.isLengthSane) == headers.map(\.isLengthSane) + partial.map { _ in false })
            // Only the last header may have a lying length, and the walk stops there.
            #expect(headers.dropLast().allSatisfy { $0.isLengthSane })
            #expect(walk.stoppedAtLyingLength == (headers.last.map { !$0.isLengthSane } ?? false))
        }
    }
}
