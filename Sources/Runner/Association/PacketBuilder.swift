import SCTPWire
import Scenario

/// A `send` step that cannot be turned into bytes (a variable without a value, a field the codec
/// rejects), located in the scenario file.
struct PacketBuildError: Error, Hashable, Sendable {
    var location: FileLocation
    var message: String
}

/// A packet ready to send, with what the model needs to learn from it.
struct BuiltPacket: Hashable, Sendable {
    var bytes: [UInt8]
    var verificationTag: UInt32
}

/// Turns a `send` template into packet bytes: defaults from the association model, the scenario's
/// fields on top, then the raw overrides (lying lengths, odd flags, wrong checksums) on the encoded bytes.
struct PacketBuilder {
    var vocabulary: ScenarioVocabulary

    func build(
        _ template: PacketTemplate, model: AssociationModel, variables: VariableStore, filler: [UInt8],
        location: FileLocation
    ) throws(PacketBuildError) -> BuiltPacket {
        var working = model
        var chunkBytes: [[UInt8]] = []
        var firstKind: String?
        var firstFlags: UInt8 = 0
        for chunkTemplate in template.chunks {
            var bytes: [UInt8]
            switch chunkTemplate.body {
            case .typed(let kind, let assignments):
                let chunk = try self.typedChunk(
                    kind: kind, assignments: assignments, model: working, variables: variables, filler: filler,
                    location: chunkTemplate.location)
                working.observeSent(tag: working.lastSentTag ?? 0, chunks: [chunk])
                bytes = chunk.encoded
                if firstKind == nil { (firstKind, firstFlags) = (kind, chunk.flags) }
            case .raw(let type, let flags, let value):
                let typeValue = try self.number(type, variables, chunkTemplate.location)
                let flagsValue = try self.number(flags, variables, chunkTemplate.location)
                var raw = RawPacket([])
                raw.appendChunk(
                    type: ChunkType(UInt8(truncatingIfNeeded: typeValue)), flags: UInt8(truncatingIfNeeded: flagsValue),
                    value: value)
                bytes = raw.bytes
                if firstKind == nil { (firstKind, firstFlags) = ("chunk", UInt8(truncatingIfNeeded: flagsValue)) }
            }
            if let length = chunkTemplate.length {
                let value = try self.number(length, variables, chunkTemplate.location)
                var raw = RawPacket(bytes)
                raw.setChunkLength(UInt16(truncatingIfNeeded: value), ofChunkAt: 0)
                bytes = raw.bytes
            }
            chunkBytes.append(bytes)
        }

        let tag: UInt32
        if let expression = template.verificationTag {
            tag = UInt32(truncatingIfNeeded: try self.number(expression, variables, location))
        } else {
            tag = Self.defaultTag(firstKind: firstKind, firstFlags: firstFlags, model: model)
        }
        let sourcePort =
            try template.sourcePort.map { expression throws(PacketBuildError) in
                UInt16(truncatingIfNeeded: try self.number(expression, variables, location))
            } ?? model.ourPort
        let destinationPort =
            try template.destinationPort.map { expression throws(PacketBuildError) in
                UInt16(truncatingIfNeeded: try self.number(expression, variables, location))
            } ?? model.peerPort

        var raw = RawPacket(
            SCTPPacket(
                header: CommonHeader(sourcePort: sourcePort, destinationPort: destinationPort, verificationTag: tag),
                chunks: []),
            checksum: .zero)
        for bytes in chunkBytes {
            raw.bytes.append(contentsOf: bytes)
        }
        switch template.checksum {
        case .correct:
            raw.fillChecksum()
        case .zero:
            raw.checksum = 0
        case .bad:
            raw.checksum = ~(SCTPChecksum.expected(for: raw.bytes) ?? 0)
        case .value(let expression):
            raw.checksum = UInt32(truncatingIfNeeded: try self.number(expression, variables, location))
        }
        return BuiltPacket(bytes: raw.bytes, verificationTag: tag)
    }

    /// RFC 9260 §8.5: 0 in a packet carrying INIT; the sender's own tag when an ABORT or SHUTDOWN
    /// COMPLETE has the T bit set (§8.5.1); otherwise the SUT's tag (0 while unknown).
    static func defaultTag(firstKind: String?, firstFlags: UInt8, model: AssociationModel) -> UInt32 {
        if firstKind == "init" { return 0 }
        let reflects = firstFlags & TBitChunkFlags.tBit.rawValue != 0
        if reflects, firstKind == "abort" || firstKind == "shutdown-complete" { return model.ourTag }
        return model.peerTag ?? 0
    }

    private func typedChunk(
        kind: String, assignments: [FieldAssignment], model: AssociationModel, variables: VariableStore,
        filler: [UInt8], location: FileLocation
    ) throws(PacketBuildError) -> Chunk {
        let defaults = ChunkDefaults(model: model, filler: filler)
        var record = defaults.record(kind: kind, schema: self.vocabulary.chunks[kind])
        for assignment in assignments {
            record[assignment.name] = try self.value(assignment.value, variables, assignment.location)
        }
        if kind == "data", !assignments.contains(where: { $0.name == "stream_seq" }) {
            if case .unsigned(let stream) = record["stream_id"] {
                record["stream_seq"] = .unsigned(
                    UInt64(defaults.streamSequence(for: UInt16(truncatingIfNeeded: stream))))
            }
        }
        do {
            return try Chunk(fieldRecord: record)
        } catch {
            throw PacketBuildError(location: location, message: "cannot build \(kind): \(error.description)")
        }
    }

    private func value(
        _ value: TemplateValue, _ variables: VariableStore, _ location: FileLocation
    ) throws(PacketBuildError) -> FieldValue {
        switch value {
        case .expression(let expression):
            do {
                return try expression.evaluate(in: variables)
            } catch {
                throw PacketBuildError(location: location, message: "\(expression): \(error)")
            }
        case .bytes(let bytes):
            return .bytes(bytes)
        case .text(let text):
            return .text(text)
        case .flag(let flag):
            return .flag(flag)
        case .list(let elements):
            var values: [FieldValue] = []
            for element in elements {
                values.append(try self.value(element, variables, location))
            }
            return .list(values)
        case .flipped(let expression, let offset):
            let source: FieldValue
            do {
                source = try expression.evaluate(in: variables)
            } catch {
                throw PacketBuildError(location: location, message: "\(expression): \(error)")
            }
            guard case .bytes(var bytes) = source else {
                throw PacketBuildError(location: location, message: "\(expression) does not hold bytes")
            }
            let index = offset < 0 ? bytes.count + offset : offset
            guard bytes.indices.contains(index) else {
                throw PacketBuildError(
                    location: location, message: "flip: \(offset) is outside the \(bytes.count) bytes of \(expression)")
            }
            bytes[index] = ~bytes[index]
            return .bytes(bytes)
        case .record(let kind, let assignments):
            var record = FieldRecord(kind: kind)
            let schema = self.vocabulary.families.values.lazy.compactMap { $0[kind] }.first
            for field in schema?.fields ?? [] where !field.isOptional {
                record[field.name] = ChunkDefaults.zero(of: field.type)
            }
            for assignment in assignments {
                record[assignment.name] = try self.value(assignment.value, variables, assignment.location)
            }
            return .record(record)
        }
    }

    private func number(
        _ expression: ValueExpression, _ variables: VariableStore, _ location: FileLocation
    ) throws(PacketBuildError) -> UInt64 {
        do {
            return try expression.evaluateNumber(in: variables)
        } catch {
            throw PacketBuildError(location: location, message: "\(expression): \(error)")
        }
    }
}
