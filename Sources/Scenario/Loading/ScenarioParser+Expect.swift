import Yams

/// `expect:` steps: which chunks, how arranged, and the packet-level modifiers.
///
///     expect: cookie-ack
///     expect: {init-ack: {initiate_tag: -> peer_tag, outbound_streams: "<= $our_mis"}}
///     expect: [sack, data]                              # one packet, these chunks in this order
///     expect: {any_order: [sack, data]}                 # one packet, any order
///     expect: {any_order: [sack, data], across_packets: true}
///     expect: {contains: [sack]}                        # one packet with at least these
///     expect: {chunk: {type: 0x4f}}                     # any chunk by its raw header
extension ScenarioParser {
    static let arrangementKeys = ["any_order", "contains", "across_packets"]

    func packetExpectation(_ node: Node, modifiers: [MappingEntry]) -> PacketExpectation? {
        var arrangement = PacketExpectation.Arrangement.inOrder
        var chunkNodes: [Node] = []
        switch node {
        case .sequence(let sequence):
            chunkNodes = Array(sequence)
        case .mapping:
            guard let entries = self.reader.mapping(node, "expect") else { return nil }
            let arrangementEntries = entries.filter { Self.arrangementKeys.contains($0.key) }
            if arrangementEntries.isEmpty {
                chunkNodes = [node]
            } else {
                self.reader.checkKeys(entries, in: node, allowed: Self.arrangementKeys, "expect")
                let orderEntry = entries.first { $0.key == "any_order" || $0.key == "contains" }
                let across =
                    entries.first { $0.key == "across_packets" }.flatMap {
                        self.reader.bool($0.value, "across_packets")
                    } ?? false
                guard let orderEntry else {
                    self.reader.report(.missingKey, at: node, "across_packets needs any_order: [...]")
                    return nil
                }
                if entries.contains(where: { $0.key == "any_order" })
                    && entries.contains(where: { $0.key == "contains" })
                {
                    self.reader.report(.invalidValue, at: node, "write either any_order or contains, not both")
                }
                if orderEntry.key == "contains" {
                    arrangement = .contains
                    if across {
                        self.reader.report(.invalidValue, at: node, "across_packets works with any_order, not contains")
                    }
                } else {
                    arrangement = across ? .anyOrderAcrossPackets : .anyOrder
                }
                chunkNodes = self.reader.sequence(orderEntry.value, orderEntry.key) ?? []
            }
        case .scalar, .alias:
            chunkNodes = [node]
        }
        if chunkNodes.isEmpty {
            self.reader.report(
                .invalidValue, at: node, "an expectation needs at least one chunk", expected: "a chunk, or 'nothing'")
            return nil
        }
        let patterns = chunkNodes.compactMap { self.chunkPattern($0) }
        guard patterns.count == chunkNodes.count else { return nil }
        var expectation = PacketExpectation(chunks: patterns, arrangement: arrangement)
        for entry in modifiers {
            switch entry.key {
            case "verification_tag":
                expectation.verificationTag = self.locatedPattern(
                    entry.value, type: .unsigned(bits: 32), "verification_tag")
            case "src_port":
                expectation.sourcePort = self.locatedPattern(entry.value, type: .unsigned(bits: 16), "src_port")
            case "dst_port":
                expectation.destinationPort = self.locatedPattern(entry.value, type: .unsigned(bits: 16), "dst_port")
            case "checksum":
                guard let text = self.reader.string(entry.value, "checksum") else { continue }
                let choices = ["correct", "good", "zero", "any"]
                switch text {
                case "correct", "good": expectation.checksum = .correct
                case "zero": expectation.checksum = .zero
                case "any": expectation.checksum = .any
                default:
                    self.reader.report(
                        .invalidValue, at: entry.value, "unknown checksum expectation '\(text)'",
                        expected: "correct, zero or any", suggestion: NameSuggestion.closest(to: text, among: choices))
                }
            default:
                continue
            }
        }
        return expectation
    }

    /// One chunk pattern: `kind`, `{kind: {fields}}`, `{kind: null}` or `{chunk: {type, flags, length, value}}`.
    func chunkPattern(_ node: Node) -> ChunkPattern? {
        let location = self.reader.location(of: node)
        if case .scalar = node {
            guard let kind = self.reader.string(node, "a chunk"), self.checkChunkKind(kind, at: node) else {
                return nil
            }
            return ChunkPattern(record: RecordPattern(kind: kind), location: location)
        }
        guard let entries = self.reader.mapping(node, "a chunk pattern") else { return nil }
        guard entries.count == 1, let entry = entries.first else {
            self.reader.report(
                .invalidValue, at: node, "a chunk pattern must have exactly one key (its kind), found \(entries.count)",
                expected: "{kind: {fields}}; list several chunks as [a, b]")
            return nil
        }
        if entry.key == "chunk" {
            return self.rawChunkPattern(entry.value, location: location)
        }
        guard self.checkChunkKind(entry.key, at: entry.keyNode), let schema = self.vocabulary.chunks[entry.key] else {
            return nil
        }
        // The flags byte is a field of every chunk record; `length` is the header's, matched on the raw view.
        var length: LocatedPattern?
        let record = self.recordPattern(entry.value, schema: schema, extraFields: ["length"]) { name, value in
            if name == "length" {
                length = self.locatedPattern(value, type: .unsigned(bits: 16), "length")
            }
        }
        guard let record else { return nil }
        return ChunkPattern(record: record, length: length, location: location)
    }

    /// `{chunk: {type: 0x4f, flags: any, length: 8, value: 0x0a0b}}`: matches any chunk by its raw header.
    private func rawChunkPattern(_ node: Node, location: FileLocation) -> ChunkPattern? {
        guard let entries = self.reader.mapping(node, "chunk") else { return nil }
        self.reader.checkKeys(
            entries, in: node, allowed: ["type", "flags", "length", "value"], required: ["type"], "chunk")
        var fields: [FieldPatternEntry] = []
        var flags: LocatedPattern?
        var length: LocatedPattern?
        for entry in entries {
            switch entry.key {
            case "type", "value":
                let type: FieldRecordSchemaType = entry.key == "type" ? .unsigned(bits: 8) : .bytes
                if let pattern = self.locatedPattern(entry.value, type: type, entry.key, bytesDefaultHex: true) {
                    fields.append(
                        FieldPatternEntry(name: entry.key, pattern: pattern.pattern, location: pattern.location))
                }
            case "flags":
                flags = self.locatedPattern(entry.value, type: .unsigned(bits: 8), "flags")
            case "length":
                length = self.locatedPattern(entry.value, type: .unsigned(bits: 16), "length")
            default:
                continue
            }
        }
        return ChunkPattern(
            record: RecordPattern(kind: "chunk", fields: fields), flags: flags, length: length, location: location)
    }
}
