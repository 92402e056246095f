import Fuzz
import Runner
import SCTPWire
import Testing

/// The generators make valid typed values of every chunk, parameter and error cause the codec knows,
/// and the same seed makes the same values.
@Suite("Fuzz generators")
struct GeneratorTests {
    static let model: AssociationModel = {
        var model = AssociationModel(ourPort: 5000, peerPort: 5001, ourTag: 0xA1B2_C3D4, ourInitialTSN: 0xFFFF_FFF0)
        model.peerTag = 0x0102_0304
        model.peerInitialTSN = 77
        model.peerCumulativeTSN = 76
        model.peerInboundStreams = 10
        model.cookie = Array("a state cookie".utf8)
        model.state = .established
        return model
    }()

    @Test("every chunk kind: many draws, each a valid chunk of that kind whose bytes decode back to it")
    func everyChunkKind() {
        let records = RecordGenerator()
        var random = FuzzRandom(seed: 7)
        #expect(records.chunkKinds.count >= 24)
        for kind in records.chunkKinds {
            for _ in 0..<40 {
                let chunk = records.chunk(kind: kind, values: BoundaryValues(model: Self.model), random: &random)
                guard let made = chunk else {
                    Issue.record("no \(kind) chunk")
                    break
                }
                #expect(made.type.kind == kind)
                #expect((try? Chunk(decoding: made.encoded)) == made, "\(kind) does not round-trip")
            }
        }
    }

    @Test("every parameter and error cause kind: valid values that survive a round trip")
    func everyParameterAndCause() {
        let records = RecordGenerator()
        var random = FuzzRandom(seed: 11)
        let values = BoundaryValues(model: Self.model)
        #expect(records.parameterKinds.count >= 20 && records.causeKinds.count >= 15)
        for kind in records.parameterKinds {
            for _ in 0..<20 {
                guard let parameter = records.parameter(kind: kind, values: values, random: &random) else {
                    Issue.record("no \(kind) parameter")
                    break
                }
                var reader = ByteReader(parameter.encoded)
                #expect((try? Parameter.decode(from: &reader)) == parameter, "\(kind) does not round-trip")
                #expect(ParameterType(parameter.type).kind == kind)
            }
        }
        for kind in records.causeKinds {
            for _ in 0..<20 {
                guard let cause = records.cause(kind: kind, values: values, random: &random) else {
                    Issue.record("no \(kind) cause")
                    break
                }
                let chunk = Chunk.error(ErrorChunk(causes: [cause]))
                #expect((try? Chunk(decoding: chunk.encoded)) == chunk, "\(kind) does not round-trip")
                #expect(ErrorCauseCode(cause.code).kind == kind)
            }
        }
    }

    @Test("generated cases follow the association: DATA carries the next TSN most of the time, the SUT's tag")
    func casesFollowTheModel() {
        let baseline = FuzzBaseline(
            exchange: [], model: Self.model, endpoints: .init(sutPort: 5001, harnessPort: 5000), time: .zero)
        let generator = CaseGenerator(baseline: baseline, associated: true)
        var random = FuzzRandom(seed: 3)
        var data = 0
        var nextTSN = 0
        var rightTag = 0
        var packets = 0
        for _ in 0..<400 {
            var model = Self.model
            let packet = generator.packet(model: model, random: &random)
            packets += 1
            if packet.verificationTag == 0x0102_0304 { rightTag += 1 }
            for chunk in packet.chunks {
                if case .data(let dataChunk)? = chunk.typed {
                    data += 1
                    if dataChunk.tsn == model.ourNextTSN { nextTSN += 1 }
                    model.observeSent(tag: packet.verificationTag, chunks: [.data(dataChunk)])
                }
            }
        }
        #expect(data > 40)
        #expect(nextTSN * 5 > data, "\(nextTSN) of \(data) DATA chunks carry the next TSN")
        #expect(rightTag * 10 > packets * 7, "\(rightTag) of \(packets) packets carry the SUT's tag")
    }

    @Test("the same seed gives the same cases; another seed other cases")
    func seeded() {
        let baseline = FuzzBaseline(
            exchange: [], model: Self.model, endpoints: .init(sutPort: 5001, harnessPort: 5000), time: .zero)
        let generator = CaseGenerator(baseline: baseline, associated: true)
        func cases(_ seed: UInt64) -> [FuzzCase] {
            var random = FuzzRandom(seed: seed)
            return (0..<50).map { _ in generator.generate(random: &random) }
        }
        #expect(cases(5) == cases(5))
        #expect(cases(5) != cases(6))
    }
}
