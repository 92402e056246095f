import Runner
import SCTPWire

/// Mutates fuzz cases taken from the corpus: steps (insert, drop, duplicate, swap, splice from another
/// case, time steps), packets (chunk insert / duplicate / drop / reorder, illegal bundling, wrong tags,
/// checksums and ports: packets of another association) and chunks on their raw face
/// (`ChunkMutations`: lying lengths, truncation, padding, flags, field values from the boundary
/// dictionary, parameter and cause insertion, unknown types with each action-bit pattern).
public struct CaseMutator: Sendable {
    public var generator: CaseGenerator
    /// Most steps a mutated case keeps.
    public var maximumSteps: Int

    public init(generator: CaseGenerator, maximumSteps: Int = 12) {
        self.generator = generator
        self.maximumSteps = maximumSteps
    }

    /// `base` with 1 to 4 mutations; `other` is a second corpus case to splice from.
    public func mutate(_ base: FuzzCase, other: FuzzCase?, random: inout FuzzRandom) -> FuzzCase {
        var result = base
        let count = random.smallCount(from: 1, more: 0.5, limit: 4)
        for _ in 0..<count {
            self.mutateOnce(&result, other: other, random: &random)
        }
        if result.steps.isEmpty {
            result = self.generator.generate(random: &random)
        }
        if result.steps.count > self.maximumSteps {
            result.steps.removeLast(result.steps.count - self.maximumSteps)
        }
        return result
    }

    private func mutateOnce(_ fuzzCase: inout FuzzCase, other: FuzzCase?, random: inout FuzzRandom) {
        let packetIndexes = fuzzCase.steps.indices.filter {
            if case .packet = fuzzCase.steps[$0] { return true }
            return false
        }
        let choice = random.weighted([10, 5, 4, 4, 4, 3, packetIndexes.isEmpty ? 0 : 40, other == nil ? 0 : 4])
        let steps = fuzzCase.steps.count
        switch choice {
        case 0:  // insert a generated step where it fits the model at that point
            let index = random.below(steps + 1)
            var model = self.model(before: index, in: fuzzCase)
            fuzzCase.steps.insert(self.generator.step(model: &model, random: &random), at: index)
        case 1:
            if steps > 1 { fuzzCase.steps.remove(at: random.below(steps)) }
        case 2:
            if steps > 0 {
                let index = random.below(steps)
                fuzzCase.steps.insert(fuzzCase.steps[index], at: index)
            }
        case 3:
            if steps > 1 {
                let index = random.below(steps - 1)
                fuzzCase.steps.swapAt(index, index + 1)
            }
        case 4:  // time: let timers fire between two steps
            fuzzCase.steps.insert(
                .advance(milliseconds: CaseGenerator.advance(random: &random)), at: random.below(steps + 1))
        case 5:
            let index = random.below(steps + 1)
            let model = self.model(before: index, in: fuzzCase)
            fuzzCase.steps.insert(.action(self.generator.action(model: model, random: &random)), at: index)
        case 6:
            let index = random.pick(packetIndexes)!
            guard case .packet(var packet) = fuzzCase.steps[index] else { return }
            let model = self.model(before: index, in: fuzzCase)
            self.mutatePacket(&packet, model: model, random: &random)
            fuzzCase.steps[index] = .packet(packet)
        default:  // splice: a run of steps of another corpus case
            guard let other, !other.steps.isEmpty else { return }
            let start = random.below(other.steps.count)
            let length = random.within(1...min(3, other.steps.count - start))
            fuzzCase.steps.insert(contentsOf: other.steps[start..<(start + length)], at: random.below(steps + 1))
        }
    }

    /// The model after the case's first `index` steps (the packets the harness sent).
    func model(before index: Int, in fuzzCase: FuzzCase) -> AssociationModel {
        var model = self.generator.baseline.model
        for step in fuzzCase.steps.prefix(index) {
            if case .packet(let packet) = step {
                model.observeSent(tag: packet.verificationTag, chunks: packet.chunks.compactMap(\.typed))
            }
        }
        return model
    }

    /// One mutation of a packet: its chunk list, its header, or one chunk's bytes.
    func mutatePacket(_ packet: inout FuzzPacket, model: AssociationModel, random: inout FuzzRandom) {
        let count = packet.chunks.count
        let values = BoundaryValues(model: model)
        switch random.weighted([8, 4, count > 1 ? 4 : 0, count > 1 ? 4 : 0, 4, 4, 3, 2, 45]) {
        case 0:
            packet.chunks.insert(self.generator.chunk(model: model, random: &random), at: random.below(count + 1))
        case 1:
            if count > 0 {
                let index = random.below(count)
                packet.chunks.insert(packet.chunks[index], at: index)
            }
        case 2:
            packet.chunks.remove(at: random.below(count))
        case 3:
            let index = random.below(count - 1)
            packet.chunks.swapAt(index, index + 1)
        case 4:  // illegal bundling: a chunk that must be alone (RFC 9260 §6.10) among others
            let lonely: [String] = ["init", "init-ack", "shutdown-complete"]
            if let kind = random.pick(lonely),
                let chunk = self.generator.records.chunk(kind: kind, values: values, random: &random)
            {
                packet.chunks.insert(FuzzChunk(chunk), at: random.below(count + 1))
            }
        case 5:  // wrong tag (another association's, zero, the harness's own)
            packet.verificationTag = UInt32(truncatingIfNeeded: random.pick(values.tags) ?? 0)
        case 6:
            packet.checksum = random.pick([.bad, .zero, .value(UInt32(truncatingIfNeeded: random.next())), .correct])!
        case 7:  // a packet of another association: other ports
            if random.chance(0.5) {
                packet.sourcePort = UInt16(truncatingIfNeeded: random.pick(BoundaryValues.boundaries(bits: 16)) ?? 0)
            } else {
                packet.destinationPort = packet.destinationPort &+ UInt16(random.within(1...3))
            }
        default:
            guard count > 0 else {
                packet.chunks.append(self.generator.chunk(model: model, random: &random))
                return
            }
            let index = random.below(count)
            ChunkMutations(records: self.generator.records, values: values).mutate(
                &packet.chunks[index], random: &random)
        }
    }
}
