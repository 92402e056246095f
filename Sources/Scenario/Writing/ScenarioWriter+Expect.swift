import SCTPWire

/// `expect:` values: the arrangement of chunk patterns, and each chunk pattern.
extension ScenarioWriter {
    /// `kind`, `[a, b]`, `{any_order: [...]}`, `{any_order: [...], across_packets: true}`, `{contains: [...]}`.
    func packetExpectation(_ expectation: PacketExpectation) -> YAMLText {
        let chunks = expectation.chunks.map { self.chunkPattern($0) }
        switch expectation.arrangement {
        case .inOrder:
            return chunks.count == 1 ? chunks[0] : .sequence(chunks)
        case .anyOrder:
            return .single("any_order", .sequence(chunks))
        case .anyOrderAcrossPackets:
            return .mapping([("any_order", .sequence(chunks)), ("across_packets", .plain("true"))])
        case .contains:
            return .single("contains", .sequence(chunks))
        }
    }

    /// `kind`, `{kind: {fields, length, capture}}` or `{chunk: {type, value, flags, length}}`.
    func chunkPattern(_ chunk: ChunkPattern) -> YAMLText {
        let record = chunk.record
        if record.kind == "chunk" {
            var entries: [(key: String, value: YAMLText)] = record.fields.map { field in
                field.name == "type"
                    ? (field.name, self.fieldPattern(field.pattern, type: .unsigned(bits: 8)))
                    : (field.name, self.fieldPattern(field.pattern, type: .bytes, hexOnly: true))
            }
            if let flags = chunk.flags {
                entries.append(("flags", self.fieldPattern(flags.pattern, type: .unsigned(bits: 8))))
            }
            if let length = chunk.length {
                entries.append(("length", self.fieldPattern(length.pattern, type: .unsigned(bits: 16))))
            }
            return .single("chunk", .mapping(entries))
        }
        var entries = self.patternEntries(record.fields, schema: self.vocabulary.chunks[record.kind])
        if let length = chunk.length {
            entries.append(("length", self.fieldPattern(length.pattern, type: .unsigned(bits: 16))))
        }
        if let capture = record.capture { entries.append(("capture", .plain(capture))) }
        return entries.isEmpty ? .plain(record.kind) : .single(record.kind, .mapping(entries))
    }
}
