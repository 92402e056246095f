import Fuzz
import Runner
import SCTPWire
import Testing

/// The mutators reach every kind of damage they promise, and stay deterministic.
@Suite("Fuzz mutators")
struct MutatorTests {
    static let baseline = FuzzBaseline(
        exchange: [], model: GeneratorTests.model, endpoints: .init(sutPort: 5001, harnessPort: 5000), time: .zero)

    /// What 3000 mutations of generated cases did, by kind of damage.
    static func survey(seed: UInt64) -> [String: Int] {
        let generator = CaseGenerator(baseline: Self.baseline, associated: true)
        let mutator = CaseMutator(generator: generator)
        var random = FuzzRandom(seed: seed)
        var seen: [String: Int] = [:]
        var actionPatterns = Set<UInt8>()
        var parameterActionPatterns = Set<UInt16>()
        for _ in 0..<3_000 {
            let base = generator.generate(random: &random)
            let mutated = mutator.mutate(base, other: generator.generate(random: &random), random: &random)
            for step in mutated.steps {
                switch step {
                case .advance: seen["advance", default: 0] += 1
                case .action(.shutdown): seen["shutdown", default: 0] += 1
                case .action(.send): seen["send", default: 0] += 1
                case .action: seen["other action", default: 0] += 1
                case .packet(let packet):
                    if packet.checksum != .correct { seen["checksum", default: 0] += 1 }
                    if packet.verificationTag != 0x0102_0304 && packet.verificationTag != 0 {
                        seen["tag", default: 0] += 1
                    }
                    if packet.sourcePort != 5000 || packet.destinationPort != 5001 {
                        seen["other association", default: 0] += 1
                    }
                    if packet.chunks.count > 1 && packet.chunks.contains(where: { [1, 2, 14].contains($0.type) }) {
                        seen["illegal bundling", default: 0] += 1
                    }
                    for chunk in packet.chunks {
                        if let length = chunk.length {
                            seen[length < 4 + chunk.value.count ? "short length" : "long length", default: 0] += 1
                        }
                        if ChunkType(chunk.type).name == nil {
                            actionPatterns.insert(chunk.type >> 6)
                        }
                        if [1, 4, 6].contains(chunk.type) && chunk.length == nil && chunk.typed != nil {
                            for parameter in RawChunk(bytes: Self.frame(chunk), offset: 0).value.chunked() {
                                parameterActionPatterns.insert(parameter >> 14)
                            }
                        }
                    }
                }
            }
        }
        seen["chunk action patterns"] = actionPatterns.count
        seen["element action patterns"] = parameterActionPatterns.count
        return seen
    }

    static func frame(_ chunk: FuzzChunk) -> [UInt8] {
        var raw = RawPacket([])
        raw.appendChunk(type: ChunkType(chunk.type), flags: chunk.flags, value: chunk.value)
        return raw.bytes
    }

    @Test("lying lengths, checksums, tags, other associations, bundling, time, actions, unknown types")
    func everyKindOfDamage() {
        let seen = Self.survey(seed: 1)
        for kind in [
            "advance", "shutdown", "send", "checksum", "tag", "other association", "illegal bundling", "short length",
            "long length",
        ] {
            #expect(seen[kind, default: 0] > 10, "\(kind): \(seen[kind, default: 0])")
        }
        #expect(seen["chunk action patterns"] == 4, "unknown chunk types with every action-bit pattern")
    }

    @Test("the same seed mutates the same way")
    func deterministic() {
        #expect(Self.survey(seed: 9) == Self.survey(seed: 9))
    }
}

extension ArraySlice where Element == UInt8 {
    /// The type codes of the TLV elements after the fixed part, read loosely (tests only).
    func chunked() -> [UInt16] {
        var types: [UInt16] = []
        var offset = self.startIndex
        while offset + 4 <= self.endIndex {
            let type = UInt16(self[offset]) << 8 | UInt16(self[offset + 1])
            let length = Int(self[offset + 2]) << 8 | Int(self[offset + 3])
            if length < 4 { break }
            types.append(type)
            offset += (length + 3) & ~3
        }
        return types
    }
}
