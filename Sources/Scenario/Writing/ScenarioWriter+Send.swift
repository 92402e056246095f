import SCTPWire

/// `send:` values: chunk templates, raw chunks, field values and expressions.
extension ScenarioWriter {
    /// One chunk alone, several as a list (bundled in one packet).
    func packetTemplate(_ template: PacketTemplate) -> YAMLText {
        let chunks = template.chunks.map { self.chunkTemplate($0) }
        return chunks.count == 1 ? chunks[0] : .sequence(chunks)
    }

    /// `kind`, `{kind: {fields, length}}`, or `{chunk: {type, flags, length, value}}`.
    func chunkTemplate(_ chunk: ChunkTemplate) -> YAMLText {
        switch chunk.body {
        case .raw(let type, let flags, let value):
            var entries: [(key: String, value: YAMLText)] = [
                ("type", self.expression(type)), ("flags", self.expression(flags)),
            ]
            if let length = chunk.length { entries.append(("length", self.expression(length))) }
            entries.append(("value", self.bytes(value, hexOnly: true)))
            return .single("chunk", .mapping(entries))
        case .typed(let kind, let fields):
            let schema = self.vocabulary.chunks[kind]
            var entries = self.assignments(fields, schema: schema)
            if let length = chunk.length { entries.append(("length", self.expression(length))) }
            return entries.isEmpty ? .plain(kind) : .single(kind, .mapping(entries))
        }
    }

    /// `field: value` pairs of a record template.
    func assignments(_ fields: [FieldAssignment], schema: FieldRecordSchema?) -> [(key: String, value: YAMLText)] {
        fields.map { field in
            let type = schema?.fields.first { $0.name == field.name }?.type
            return (field.name, self.templateValue(field.value, type: type))
        }
    }

    /// A field value as the loader reads it for a field of `type` (nil: the field is unknown, written by
    /// the value's own shape).
    func templateValue(_ value: TemplateValue, type: FieldRecordSchema.ValueType?) -> YAMLText {
        switch value {
        case .expression(let expression):
            return self.expression(expression)
        case .bytes(let bytes):
            return self.bytes(bytes, hexOnly: false)
        case .text(let text):
            return .quoted(text)
        case .flag(let flag):
            return .plain(flag ? "true" : "false")
        case .list(let elements):
            let elementType: FieldRecordSchema.ValueType? =
                switch type.map(Self.listSide) {
                case .list(let element)?: element
                default: nil
                }
            return .sequence(elements.map { self.templateValue($0, type: elementType) })
        case .flipped(let source, let offset):
            return .mapping([("from", self.expression(source)), ("flip", .plain(String(offset)))])
        case .record(let kind, let fields):
            let family: String? =
                switch type.map(Self.recordSide) {
                case .record(let family)?: family
                default: nil
                }
            return self.recordTemplate(kind: kind, fields: fields, family: family, inEither: Self.isEither(type))
        }
    }

    /// A nested parameter or cause: `kind`, `{kind: {fields}}`, or the fields alone for a family with
    /// one kind of its own name (`gap-block`).
    private func recordTemplate(kind: String, fields: [FieldAssignment], family: String?, inEither: Bool) -> YAMLText {
        let schema = family.flatMap { self.vocabulary.schema(family: $0, kind: kind) }
        let entries = self.assignments(fields, schema: schema)
        if let family, self.vocabulary.implicitKind(of: family) == kind {
            return .mapping(entries)
        }
        // Inside an either-typed field a bare name would be read as bytes.
        return entries.isEmpty && !inEither ? .plain(kind) : .single(kind, .mapping(entries))
    }

    /// `5000`, `0xdeadbeef`, `$our_tsn + 1`.
    func expression(_ expression: ValueExpression) -> YAMLText {
        .plain(expression.description)
    }

    /// Bytes as quoted text when that reads back as the same bytes, else `0x`-prefixed hex (which every
    /// bytes value reads as hex); `hexOnly` for the raw chunk's `value`, which reads text as hex digits.
    func bytes(_ bytes: [UInt8], hexOnly: Bool) -> YAMLText {
        let hex = bytes.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
        if bytes.isEmpty { return .quoted("") }
        if hexOnly { return .plain("0x" + hex) }
        if let text = String(validating: bytes, as: UTF8.self), Self.readsBackAsText(text) {
            return .quoted(text)
        }
        return .plain("0x" + hex)
    }

    /// Whether the loader reads `text` in quotes as these bytes, in a template and in a pattern: not hex,
    /// not a variable, comparison or capture, and nothing YAML would not keep exactly.
    static func readsBackAsText(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty, !trimmed.hasPrefix("0x"), !trimmed.hasPrefix("$"), !text.hasPrefix("$"),
            !trimmed.hasPrefix("=="), !trimmed.hasPrefix("!="), !text.contains("->")
        else { return false }
        return text.unicodeScalars.allSatisfy { YAMLScalarStyle.isPrintable($0) }
    }

    // MARK: Either-typed fields

    static func isEither(_ type: FieldRecordSchema.ValueType?) -> Bool {
        if case .either? = type { return true }
        return false
    }

    /// The list alternative of an either type (or the type itself).
    static func listSide(_ type: FieldRecordSchema.ValueType) -> FieldRecordSchema.ValueType {
        guard case .either(let first, let second) = type else { return type }
        if case .list = first { return first }
        return second
    }

    /// The record alternative of an either type (or the type itself).
    static func recordSide(_ type: FieldRecordSchema.ValueType) -> FieldRecordSchema.ValueType {
        guard case .either(let first, let second) = type else { return type }
        if case .record = first { return first }
        return second
    }
}
