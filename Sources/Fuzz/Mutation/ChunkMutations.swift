import SCTPWire

/// Mutations of one chunk on its raw face (type, flags, value bytes, length field): the ways a real
/// peer or a broken middlebox gets a chunk wrong (RFC 9260 §3.2, §3.2.1, §3.3.10).
public struct ChunkMutations: Sendable {
    public var records: RecordGenerator
    public var values: BoundaryValues

    public init(records: RecordGenerator, values: BoundaryValues) {
        self.records = records
        self.values = values
    }

    /// Chunk types whose value is (or ends in) a list of parameters, and those that list causes.
    static let parameterChunks: Set<UInt8> = [1, 2, 4, 5, 0x80, 0xC1, 0x82]
    static let causeChunks: Set<UInt8> = [6, 9]

    public func mutate(_ chunk: inout FuzzChunk, random: inout FuzzRandom) {
        let trueLength = 4 + chunk.value.count
        switch random.weighted([10, 8, 5, 6, 26, 6, 12, 4]) {
        case 0:  // a length that lies: short, past the end, not a multiple of 4, huge
            let lies = [0, 1, 3, 4, trueLength - 1, trueLength + 1, trueLength + 4, trueLength + 200, 0xFFFF]
            chunk.length = UInt16(clamping: max(0, random.pick(lies) ?? 0))
        case 1:  // truncation: the value cut short, its length still the old one
            if !chunk.value.isEmpty {
                chunk.length = chunk.length ?? UInt16(clamping: trueLength)
                chunk.value.removeLast(random.within(1...chunk.value.count))
            }
        case 2:  // padding that is not zero, or too much of it, behind a true length
            chunk.length = chunk.length ?? UInt16(clamping: trueLength)
            let pad = (4 - trueLength % 4) % 4 + (random.chance(0.5) ? 4 : 0)
            chunk.value += random.chance(0.5) ? random.bytes(max(1, pad)) : [UInt8](repeating: 0xFF, count: max(1, pad))
        case 3:  // flags: a random bit, all, none
            chunk.flags = random.pick([chunk.flags ^ (1 << UInt8(random.below(8))), 0xFF, 0, chunk.flags ^ 0x01])!
        case 4:  // a field: an aligned 1, 2 or 4 byte value from the boundary dictionary
            self.overwriteField(&chunk, random: &random)
        case 5:  // bit flip
            if !chunk.value.isEmpty {
                chunk.value[random.below(chunk.value.count)] ^= 1 << UInt8(random.below(8))
            }
        case 6:  // parameter or cause insertion
            self.insertElement(&chunk, random: &random)
        default:  // the type becomes unknown, with each action-bit pattern (RFC 9260 §3.2)
            let action = UInt8(random.below(4)) << 6
            var type = action | UInt8(random.within(0x10...0x3F))
            while ChunkType(type).name != nil { type = action | UInt8(random.within(0x10...0x3F)) }
            chunk.type = type
        }
    }

    private func overwriteField(_ chunk: inout FuzzChunk, random: inout FuzzRandom) {
        let width = random.pick([1, 2, 4, 4, 4])!
        guard chunk.value.count >= width else { return }
        let offset = random.below(chunk.value.count / width) * width
        let name =
            width == 4
            ? random.pick(["tsn", "tag", "value"])!
            : (width == 2 ? random.pick(["stream_id", "seq", "value"])! : "value")
        let value = random.pick(self.values.candidates(name: name, bits: width * 8)) ?? 0
        for byte in 0..<width {
            chunk.value[offset + byte] = UInt8(truncatingIfNeeded: value >> UInt64(8 * (width - 1 - byte)))
        }
    }

    /// Appends a generated parameter or cause (or an unknown one with one of the four action-bit
    /// patterns of RFC 9260 §3.2.1) to the chunk's value, the chunk length following it.
    private func insertElement(_ chunk: inout FuzzChunk, random: inout FuzzRandom) {
        let wantsCauses =
            Self.causeChunks.contains(chunk.type) || (!Self.parameterChunks.contains(chunk.type) && random.chance(0.3))
        var element: [UInt8]
        if random.chance(0.25) {
            let action = UInt16(random.below(4)) << 14
            let type = action | UInt16(random.within(0x0100...0x3FFF))
            element =
                wantsCauses
                ? UnknownErrorCause(code: type & 0x3FFF | 0x0100, value: random.bytes(random.below(9))).encodedElement
                : UnknownParameter(type: type, value: random.bytes(random.below(9))).encodedElement
        } else if wantsCauses,
            let kind = random.pick(self.records.causeKinds),
            let cause = self.records.cause(kind: kind, values: self.values, random: &random)
        {
            element = cause.encoded
        } else if let kind = random.pick(self.records.parameterKinds),
            let parameter = self.records.parameter(kind: kind, values: self.values, random: &random)
        {
            element = parameter.encoded
        } else {
            return
        }
        // The value so far is padded to 4 bytes first, as a list element must start aligned.
        chunk.value += [UInt8](repeating: 0, count: (4 - chunk.value.count % 4) % 4)
        chunk.value += element
    }
}

extension UnknownParameter {
    var encodedElement: [UInt8] { Parameter.unknown(self).encoded }
}

extension UnknownErrorCause {
    var encodedElement: [UInt8] { ErrorCause.unknown(self).encoded }
}
