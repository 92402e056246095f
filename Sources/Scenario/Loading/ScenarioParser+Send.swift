import SCTPWire
import Yams

/// `send:` steps: chunks with only the fields that matter, and packet-level overrides.
///
///     send: cookie-echo
///     send: {data: {stream_id: 1, user_data: "hello"}}
///     send: [cookie-echo, {data: {user_data: "hi"}}]     # bundled in one packet
///     send: {chunk: {type: 0x4f, flags: 0, value: "0a0b"}}
///     verification_tag: 0xdeadbeef                       # step-level overrides
///     checksum: bad                                      # correct | bad | zero | 0x12345678
extension ScenarioParser {
    func sendTemplate(_ node: Node, modifiers: [MappingEntry]) -> PacketTemplate? {
        let chunkNodes = self.reader.listOrSingle(node)
        if chunkNodes.isEmpty {
            self.reader.report(.invalidValue, at: node, "a packet needs at least one chunk")
            return nil
        }
        let chunks = chunkNodes.compactMap { self.chunkTemplate($0) }
        guard chunks.count == chunkNodes.count else { return nil }
        var template = PacketTemplate(chunks: chunks)
        for entry in modifiers {
            switch entry.key {
            case "verification_tag":
                template.verificationTag = self.expression(entry.value, bits: 32, path: "verification_tag")
            case "src_port":
                template.sourcePort = self.expression(entry.value, bits: 16, path: "src_port")
            case "dst_port":
                template.destinationPort = self.expression(entry.value, bits: 16, path: "dst_port")
            case "checksum":
                guard let text = self.reader.string(entry.value, "checksum") else { continue }
                switch text {
                case "correct", "good": template.checksum = .correct
                case "bad", "wrong": template.checksum = .bad
                case "zero": template.checksum = .zero
                default:
                    if let first = text.first, first.isNumber || first == "$" {
                        if let value = self.expression(entry.value, bits: 32, path: "checksum") {
                            template.checksum = .value(value)
                        }
                    } else {
                        self.reader.report(
                            .invalidValue, at: entry.value, "unknown checksum '\(text)'",
                            expected: "correct, bad, zero or a 32-bit value",
                            suggestion: NameSuggestion.closest(to: text, among: ["correct", "bad", "zero"]))
                    }
                }
            default:
                continue
            }
        }
        return template
    }

    private func chunkTemplate(_ node: Node) -> ChunkTemplate? {
        let location = self.reader.location(of: node)
        if case .scalar = node {
            guard let kind = self.reader.string(node, "a chunk"), self.checkChunkKind(kind, at: node) else {
                return nil
            }
            return ChunkTemplate(body: .typed(kind: kind, fields: []), location: location)
        }
        guard let entries = self.reader.mapping(node, "a chunk to send") else { return nil }
        guard entries.count == 1, let entry = entries.first else {
            self.reader.report(
                .invalidValue, at: node, "a chunk must have exactly one key (its kind), found \(entries.count)",
                expected: "{kind: {fields}}; bundle several chunks as a list [a, b]")
            return nil
        }
        if entry.key == "chunk" {
            return self.rawChunkTemplate(entry.value, location: location)
        }
        guard self.checkChunkKind(entry.key, at: entry.keyNode), let schema = self.vocabulary.chunks[entry.key] else {
            return nil
        }
        var length: ValueExpression?
        guard
            let fields = self.assignments(
                entry.value, schema: schema, extraFields: ["length"],
                extra: { _, value in
                    length = self.expression(value, bits: 16, path: "\(entry.key).length")
                })
        else { return nil }
        return ChunkTemplate(body: .typed(kind: entry.key, fields: fields), length: length, location: location)
    }

    private func rawChunkTemplate(_ node: Node, location: FileLocation) -> ChunkTemplate? {
        guard let entries = self.reader.mapping(node, "chunk") else { return nil }
        self.reader.checkKeys(
            entries, in: node, allowed: ["type", "flags", "length", "value"], required: ["type"], "chunk")
        var type: ValueExpression?
        var flags = ValueExpression.literal(0)
        var length: ValueExpression?
        var value: [UInt8] = []
        for entry in entries {
            switch entry.key {
            case "type": type = self.expression(entry.value, bits: 8, path: "chunk.type")
            case "flags": flags = self.expression(entry.value, bits: 8, path: "chunk.flags") ?? flags
            case "length": length = self.expression(entry.value, bits: 16, path: "chunk.length")
            case "value":
                if self.reader.isBinary(entry.value) {
                    value = self.reader.binary(entry.value, "chunk.value") ?? []
                } else if case .mapping = entry.value {
                    value = self.explicitBytes(entry.value, path: "chunk.value") ?? []
                } else if let text = self.reader.scalarText(entry.value, "chunk.value", expected: "hex bytes") {
                    value = self.bytesLiteral(text, at: entry.value, path: "chunk.value", defaultHex: true) ?? []
                }
            default: continue
            }
        }
        guard let type else { return nil }
        return ChunkTemplate(body: .raw(type: type, flags: flags, value: value), length: length, location: location)
    }

    /// The `field: value` pairs of a record template. nil after an error.
    func assignments(
        _ node: Node, schema: FieldRecordSchema, extraFields: [String] = [], extra: (String, Node) -> Void = { _, _ in }
    ) -> [FieldAssignment]? {
        if case .scalar(let scalar) = node, Self.isNull(scalar) { return [] }
        guard let entries = self.reader.mapping(node, "the fields of \(schema.kind)") else { return nil }
        var assignments: [FieldAssignment] = []
        var valid = true
        for entry in entries {
            let name = FieldNameAliases.canonical(entry.key)
            if extraFields.contains(name) {
                extra(name, entry.value)
            } else if let field = schema.fields.first(where: { $0.name == name }) {
                guard let value = self.templateValue(entry.value, type: field.type, path: "\(schema.kind).\(name)")
                else {
                    valid = false
                    continue
                }
                assignments.append(
                    FieldAssignment(name: name, value: value, location: self.reader.location(of: entry.value)))
            } else {
                valid = false
                self.reportUnknownField(entry, schema: schema, extra: extraFields)
            }
        }
        return valid ? assignments : nil
    }

    private func templateValue(_ node: Node, type: FieldRecordSchemaType, path: String) -> TemplateValue? {
        switch type {
        case .unsigned(let bits):
            return self.expression(node, bits: bits, path: path).map { .expression($0) }
        case .bytes:
            if self.reader.isBinary(node) { return self.reader.binary(node, path).map { .bytes($0) } }
            if case .mapping(let mapping) = node, mapping.keys.contains(where: { $0.scalar?.string == "from" }) {
                return self.flippedBytes(node, path: path)
            }
            if case .mapping = node { return self.explicitBytes(node, path: path).map { .bytes($0) } }
            guard let text = self.reader.scalarText(node, path, expected: "text, 0x-prefixed hex or $variable") else {
                return nil
            }
            if text.hasPrefix("$") { return self.expression(node, bits: 64, path: path).map { .expression($0) } }
            return self.bytesLiteral(text, at: node, path: path, defaultHex: false).map { .bytes($0) }
        case .text:
            guard let text = self.reader.scalarText(node, path, expected: "text") else { return nil }
            if text.hasPrefix("$") { return self.expression(node, bits: 64, path: path).map { .expression($0) } }
            return .text(text)
        case .flag:
            return self.reader.bool(node, path).map { .flag($0) }
        case .list(let element):
            guard let nodes = self.reader.sequence(node, path) else { return nil }
            var values: [TemplateValue] = []
            for (index, elementNode) in nodes.enumerated() {
                guard let value = self.templateValue(elementNode, type: element, path: "\(path)[\(index)]") else {
                    return nil
                }
                values.append(value)
            }
            return .list(values)
        case .record(let family):
            return self.recordTemplate(node, family: family, path: path)
        case .either(let first, let second):
            return self.templateValue(node, type: Self.fits(node, first) ? first : second, path: path)
        }
    }

    private func recordTemplate(_ node: Node, family: String, path: String) -> TemplateValue? {
        if let kind = self.vocabulary.implicitKind(of: family),
            let schema = self.vocabulary.schema(family: family, kind: kind),
            case .mapping = node
        {
            return self.assignments(node, schema: schema).map { .record(kind: kind, fields: $0) }
        }
        if case .scalar = node {
            guard let kind = self.reader.string(node, path),
                let schema = self.familySchema(kind, family: family, at: node)
            else { return nil }
            return .record(kind: schema.kind, fields: [])
        }
        guard let entries = self.reader.mapping(node, path) else { return nil }
        guard entries.count == 1, let entry = entries.first else {
            self.reader.report(
                .invalidValue, at: node, "a \(family) must have exactly one key (its kind)",
                expected: "{kind: {fields}}")
            return nil
        }
        guard let schema = self.familySchema(entry.key, family: family, at: entry.keyNode) else { return nil }
        return self.assignments(entry.value, schema: schema).map { .record(kind: schema.kind, fields: $0) }
    }

    /// `{from: $cookie, flip: 40}`: the value's bytes with byte 40 inverted.
    private func flippedBytes(_ node: Node, path: String) -> TemplateValue? {
        guard let entries = self.reader.mapping(node, path) else { return nil }
        self.reader.checkKeys(entries, in: node, allowed: ["from", "flip"], required: ["from", "flip"], path)
        guard let from = entries.first(where: { $0.key == "from" }),
            let flip = entries.first(where: { $0.key == "flip" }),
            let source = self.expression(from.value, bits: 64, path: "\(path).from"),
            let text = self.reader.scalarText(flip.value, "\(path).flip", expected: "a byte offset")
        else { return nil }
        let negative = text.hasPrefix("-")
        guard let magnitude = YAMLNodeReader.parseUnsigned(negative ? String(text.dropFirst()) : text),
            magnitude <= 65_535
        else {
            self.reader.report(
                .wrongType, at: flip.value, "\(path).flip must be a byte offset, found '\(text)'",
                expected: "0...65535, or negative to count from the end")
            return nil
        }
        return .flipped(source, flipping: negative ? -Int(magnitude) : Int(magnitude))
    }

    /// A value expression (`5000`, `0xdeadbeef`, `$our_tsn + 1`) whose literal fits in `bits` bits.
    func expression(_ node: Node, bits: Int, path: String) -> ValueExpression? {
        let expected = "a number, $variable or $variable + n"
        guard let text = self.reader.scalarText(node, path, expected: expected) else { return nil }
        switch PatternTextParser.expression(text) {
        case .failure(let error):
            self.reader.report(
                ScenarioError(
                    .invalidPattern, at: self.location(in: node, offset: error.offset),
                    "\(path): \(error.message) in '\(text)'", expected: expected))
            return nil
        case .success(let expression):
            self.checkVariablesDefined(expression.variables, at: self.reader.location(of: node))
            if case .literal(let value) = expression, value > YAMLNodeReader.maximum(bits: bits) {
                self.reader.report(
                    .invalidValue, at: node, "\(path): \(text) does not fit in \(bits) bits",
                    expected: "0...\(YAMLNodeReader.maximum(bits: bits))")
                return nil
            }
            return expression
        }
    }
}
