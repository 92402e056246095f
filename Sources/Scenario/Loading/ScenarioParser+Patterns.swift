import SCTPWire
import Yams

typealias FieldRecordSchemaType = FieldRecordSchema.ValueType

/// Field patterns, read according to the field's type in the codec's schema.
extension ScenarioParser {
    static let numericPatternForms =
        "a number, $variable, $variable + n, a range such as 1..65535, a comparison such as \">= 1\" or \"!= 0\", "
        + "any, or pattern -> name to capture"

    /// The fields of a record pattern (`{initiate_tag: -> peer_tag, parameters: [state-cookie]}`); fields left
    /// out match anything. `extraFields` are reported to `extra` instead (a chunk's `length`).
    func recordPattern(
        _ node: Node, schema: FieldRecordSchema, extraFields: [String] = [], extra: (String, Node) -> Void = { _, _ in }
    ) -> RecordPattern? {
        var record = RecordPattern(kind: schema.kind)
        if case .scalar(let scalar) = node {
            if Self.isNull(scalar) { return record }
            guard let text = self.reader.scalarText(node, schema.kind, expected: "a mapping of fields") else {
                return nil
            }
            if case .success(let capture?) = PatternTextParser.captureName(text), capture.rest.isEmpty {
                record.capture = capture.name
                self.defineCapture(capture.name)
                return record
            }
            self.reader.report(
                .wrongType, at: node, "the fields of \(schema.kind) must be a mapping, found '\(text)'",
                expected: "{field: pattern, ...}; fields: " + schema.fields.map(\.name).joined(separator: ", "))
            return nil
        }
        guard let entries = self.reader.mapping(node, "the fields of \(schema.kind)") else { return nil }
        var valid = true
        for entry in entries {
            let name = FieldNameAliases.canonical(entry.key)
            if name == "capture" {
                guard let variable = self.variableName(entry.value, "capture") else {
                    valid = false
                    continue
                }
                record.capture = variable
            } else if extraFields.contains(name) {
                extra(name, entry.value)
            } else if let field = schema.fields.first(where: { $0.name == name }) {
                guard let pattern = self.fieldPattern(entry.value, type: field.type, path: "\(schema.kind).\(name)")
                else {
                    valid = false
                    continue
                }
                record.fields.append(
                    FieldPatternEntry(name: name, pattern: pattern, location: self.reader.location(of: entry.value)))
            } else {
                valid = false
                self.reportUnknownField(entry, schema: schema, extra: extraFields + ["capture"])
            }
        }
        if let capture = record.capture {
            self.defineCapture(capture)
        }
        return valid ? record : nil
    }

    func reportUnknownField(_ entry: MappingEntry, schema: FieldRecordSchema, extra: [String]) {
        let names = schema.fields.map(\.name) + extra
        self.reader.report(
            .unknownField, at: entry.keyNode, "\(schema.kind) has no field '\(entry.key)'",
            expected: names.isEmpty ? "no fields" : "one of: " + names.joined(separator: ", "),
            suggestion: NameSuggestion.closest(to: entry.key, among: names))
    }

    func locatedPattern(
        _ node: Node, type: FieldRecordSchemaType, _ path: String, bytesDefaultHex: Bool = false
    ) -> LocatedPattern? {
        self.fieldPattern(node, type: type, path: path, bytesDefaultHex: bytesDefaultHex).map {
            LocatedPattern($0, at: self.reader.location(of: node))
        }
    }

    /// A pattern for one field of `type`.
    func fieldPattern(
        _ node: Node, type: FieldRecordSchemaType, path: String, bytesDefaultHex: Bool = false
    ) -> FieldPattern? {
        if case .mapping = node, let capture = self.captureMapping(node, type: type, path: path) {
            return capture
        }
        switch type {
        case .unsigned(let bits):
            guard let text = self.reader.scalarText(node, path, expected: Self.numericPatternForms) else { return nil }
            return self.numericPattern(text, at: node, bits: bits, path: path)
        case .bytes:
            return self.bytesPattern(node, path: path, defaultHex: bytesDefaultHex)
        case .text:
            guard let text = self.reader.scalarText(node, path, expected: "text") else { return nil }
            return self.scalarPattern(text, at: node) { .text($0) }
        case .flag:
            guard let text = self.reader.scalarText(node, path, expected: "true, false or any") else { return nil }
            return self.scalarPattern(text, at: node) { text in
                switch text.lowercased() {
                case "true", "yes", "on", "1": return .flag(true)
                case "false", "no", "off", "0": return .flag(false)
                default:
                    self.reader.report(
                        .wrongType, at: node, "\(path) is a flag, found '\(text)'", expected: "true, false or any")
                    return nil
                }
            }
        case .list(let element):
            return self.listPattern(node, element: element, path: path)
        case .record(let family):
            return self.nestedRecordPattern(node, family: family, path: path)
        case .either(let first, let second):
            let preferred = Self.fits(node, first) ? first : second
            return self.fieldPattern(node, type: preferred, path: path, bytesDefaultHex: bytesDefaultHex)
        }
    }

    /// `{capture: name, match: pattern}` for a non-record field; nil when the mapping is something else.
    private func captureMapping(_ node: Node, type: FieldRecordSchemaType, path: String) -> FieldPattern? {
        if case .record = type { return nil }
        guard case .mapping(let mapping) = node, mapping.keys.contains(where: { $0.scalar?.string == "capture" }),
            let entries = self.reader.mapping(node, path)
        else { return nil }
        self.reader.checkKeys(entries, in: node, allowed: ["capture", "match"], required: ["capture"], path)
        var inner = FieldPattern.any
        if let match = entries.first(where: { $0.key == "match" }) {
            guard let pattern = self.fieldPattern(match.value, type: type, path: path) else { return .any }
            inner = pattern
        }
        guard let entry = entries.first(where: { $0.key == "capture" }),
            let name = self.variableName(entry.value, "capture")
        else { return .any }
        self.defineCapture(name)
        return .capture(name: name, pattern: inner)
    }

    func numericPattern(_ text: String, at node: Node, bits: Int, path: String) -> FieldPattern? {
        switch PatternTextParser.numericPattern(text) {
        case .failure(let error):
            self.reader.report(
                ScenarioError(
                    .invalidPattern, at: self.location(in: node, offset: error.offset),
                    "\(path): \(error.message) in '\(text)'", expected: Self.numericPatternForms))
            return nil
        case .success(let pattern):
            self.checkVariablesDefined(pattern.variablesRead, at: self.reader.location(of: node))
            if case .capture(let name, _) = pattern { self.defineCapture(name) }
            if let (lower, upper) = Self.emptyRange(in: pattern) {
                let offset = text.range(of: "..").map { text.distance(from: text.startIndex, to: $0.lowerBound) } ?? 0
                self.reader.report(
                    ScenarioError(
                        .invalidPattern, at: self.location(in: node, offset: offset),
                        "\(path): the range \(lower)..\(upper) is empty (its lower end is above its upper end), "
                            + "so it can never match",
                        expected: "lower..upper with lower <= upper, e.g. \(upper)..\(lower)"))
                return nil
            }
            if case .comparison(.equal, .literal(let value)) = pattern, value > YAMLNodeReader.maximum(bits: bits) {
                self.reader.report(
                    .invalidValue, at: node, "\(path) is a \(bits)-bit field; \(text) can never match",
                    expected: "0...\(YAMLNodeReader.maximum(bits: bits))")
            }
            return pattern
        }
    }

    /// The ends of a range between two numbers whose lower end is above its upper (`5..1`), also under
    /// a capture; nil for any other pattern (a range with a variable end is judged when it runs).
    static func emptyRange(in pattern: FieldPattern) -> (UInt64, UInt64)? {
        switch pattern {
        case .range(.literal(let lower)?, .literal(let upper)?) where lower > upper: (lower, upper)
        case .capture(_, let inner): Self.emptyRange(in: inner)
        default: nil
        }
    }

    /// Text-like fields: `any`, `[pattern] -> name`, `$variable`, `== $x`, `!= $x`, else a literal via `literal`.
    private func scalarPattern(_ text: String, at node: Node, literal: (String) -> FieldPattern?) -> FieldPattern? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if Self.isQuoted(node) == false, ["any", "_", "*"].contains(trimmed) { return .any }
        switch PatternTextParser.captureName(trimmed) {
        case .failure(let error):
            self.reader.report(
                ScenarioError(.invalidPattern, at: self.location(in: node, offset: error.offset), error.message))
            return nil
        case .success(let capture?):
            self.defineCapture(capture.name)
            let inner =
                capture.rest.isEmpty ? FieldPattern.any : self.scalarPattern(capture.rest, at: node, literal: literal)
            return inner.map { .capture(name: capture.name, pattern: $0) }
        case .success(nil):
            break
        }
        for op in [ComparisonOperator.equal, .notEqual] where trimmed.hasPrefix(op.rawValue) || trimmed.hasPrefix("$") {
            let expressionText = trimmed.hasPrefix("$") ? trimmed : String(trimmed.dropFirst(2))
            switch PatternTextParser.expression(expressionText) {
            case .success(let expression):
                self.checkVariablesDefined(expression.variables, at: self.reader.location(of: node))
                return .comparison(trimmed.hasPrefix("$") ? .equal : op, expression)
            case .failure(let error):
                self.reader.report(
                    ScenarioError(.invalidPattern, at: self.location(in: node, offset: error.offset), error.message))
                return nil
            }
        }
        return literal(text)
    }

    private func bytesPattern(_ node: Node, path: String, defaultHex: Bool) -> FieldPattern? {
        if self.reader.isBinary(node) {
            return self.reader.binary(node, path).map { .bytes($0) }
        }
        if case .mapping = node {
            return self.explicitBytes(node, path: path).map { .bytes($0) }
        }
        guard let text = self.reader.scalarText(node, path, expected: "text, 0x-prefixed hex, $variable or any") else {
            return nil
        }
        return self.scalarPattern(text, at: node) { literal in
            self.bytesLiteral(literal, at: node, path: path, defaultHex: defaultHex).map { .bytes($0) }
        }
    }

    private func listPattern(_ node: Node, element: FieldRecordSchemaType, path: String) -> FieldPattern? {
        var exact = false
        var elementNodes: [Node]
        switch node {
        case .sequence(let sequence):
            elementNodes = Array(sequence)
            exact = elementNodes.isEmpty
        case .mapping:
            guard let entries = self.reader.mapping(node, path) else { return nil }
            self.reader.checkKeys(entries, in: node, allowed: ["items", "exact"], required: ["items"], path)
            exact = entries.first(where: { $0.key == "exact" }).flatMap { self.reader.bool($0.value, "exact") } ?? false
            guard let items = entries.first(where: { $0.key == "items" }),
                let nodes = self.reader.sequence(items.value, "\(path).items")
            else { return nil }
            elementNodes = nodes
        default:
            guard let text = self.reader.scalarText(node, path, expected: "a list") else { return nil }
            return self.scalarPattern(text, at: node) { literal in
                self.reader.report(
                    .wrongType, at: node, "\(path) is a list, found '\(literal)'",
                    expected: "[pattern, ...], {items: [...], exact: true}, any or -> name")
                return nil
            }
        }
        var elements: [LocatedPattern] = []
        for (index, elementNode) in elementNodes.enumerated() {
            guard let pattern = self.fieldPattern(elementNode, type: element, path: "\(path)[\(index)]") else {
                return nil
            }
            elements.append(LocatedPattern(pattern, at: self.reader.location(of: elementNode)))
        }
        return .list(ListPattern(elements: elements, exact: exact))
    }

    private func nestedRecordPattern(_ node: Node, family: String, path: String) -> FieldPattern? {
        if let kind = self.vocabulary.implicitKind(of: family),
            let schema = self.vocabulary.schema(family: family, kind: kind)
        {
            if case .mapping = node {
                return self.recordPattern(node, schema: schema).map { .record($0) }
            }
        }
        if case .scalar = node {
            guard let text = self.reader.scalarText(node, path, expected: "a \(family) kind") else { return nil }
            return self.scalarPattern(text, at: node) { kind in
                self.familySchema(kind, family: family, at: node).map { .record(RecordPattern(kind: $0.kind)) }
            }
        }
        guard let entries = self.reader.mapping(node, path) else { return nil }
        guard entries.count == 1, let entry = entries.first else {
            self.reader.report(
                .invalidValue, at: node, "a \(family) pattern must have exactly one key (its kind)",
                expected: "{kind: {fields}}")
            return nil
        }
        guard let schema = self.familySchema(entry.key, family: family, at: entry.keyNode) else { return nil }
        return self.recordPattern(entry.value, schema: schema).map { .record($0) }
    }

    /// The schema of `kind` in `family`, reporting an unknown kind with a suggestion.
    func familySchema(_ kind: String, family: String, at node: Node) -> FieldRecordSchema? {
        if let schema = self.vocabulary.schema(family: family, kind: kind) { return schema }
        let kinds = (self.vocabulary.families[family] ?? [:]).keys.sorted()
        self.reader.report(
            .unknownKind, at: node, "unknown \(family) kind '\(kind)'",
            expected: kinds.isEmpty ? "a \(family)" : "one of: " + kinds.joined(separator: ", "),
            suggestion: NameSuggestion.closest(to: kind, among: kinds))
        return nil
    }

    // MARK: Scalars

    func variableName(_ node: Node, _ what: String) -> String? {
        guard let text = self.reader.string(node, what) else { return nil }
        let name = text.hasPrefix("$") ? String(text.dropFirst()) : text
        guard PatternTextParser.isIdentifier(name) else {
            self.reader.report(
                .invalidValue, at: node, "'\(text)' is not a variable name",
                expected: "letters, digits and '_', starting with a letter")
            return nil
        }
        return name
    }

    /// `{hex: "0a 0b"}`, `{text: "hello"}`, `{size: 100, fill: 0xab}`.
    func explicitBytes(_ node: Node, path: String) -> [UInt8]? {
        guard let entries = self.reader.mapping(node, path) else { return nil }
        self.reader.checkKeys(entries, in: node, allowed: ["hex", "text", "size", "fill"], path)
        if let hex = entries.first(where: { $0.key == "hex" }) {
            guard let text = self.reader.scalarText(hex.value, "\(path).hex", expected: "hex digits") else {
                return nil
            }
            return self.bytesLiteral(text, at: hex.value, path: path, defaultHex: true)
        }
        if let text = entries.first(where: { $0.key == "text" }) {
            return self.reader.scalarText(text.value, "\(path).text", expected: "text").map { Array($0.utf8) }
        }
        if let size = entries.first(where: { $0.key == "size" }) {
            guard let count = self.reader.unsigned(size.value, "\(path).size", bits: 16) else { return nil }
            let fill = entries.first(where: { $0.key == "fill" }).flatMap {
                self.reader.unsigned($0.value, "fill", bits: 8)
            }
            return [UInt8](repeating: UInt8(fill ?? 0), count: Int(count))
        }
        self.reader.report(.missingKey, at: node, "\(path) needs hex, text or size", expected: "{hex: \"0a0b\"}")
        return nil
    }

    /// Hex when it starts with `0x` (or `defaultHex`), else the UTF-8 text.
    func bytesLiteral(_ text: String, at node: Node, path: String, defaultHex: Bool) -> [UInt8]? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard defaultHex || trimmed.lowercased().hasPrefix("0x") else { return Array(text.utf8) }
        guard let bytes = Self.parseHex(trimmed) else {
            self.reader.report(
                .invalidValue, at: node, "\(path): '\(text)' is not hex bytes",
                expected: "an even number of hex digits, optionally 0x-prefixed, spaces or ':' allowed")
            return nil
        }
        return bytes
    }

    static func parseHex(_ text: String) -> [UInt8]? {
        var digits = text.lowercased()
        if digits.hasPrefix("0x") { digits.removeFirst(2) }
        digits.removeAll { $0 == " " || $0 == ":" || $0 == "_" }
        guard digits.count % 2 == 0, digits.allSatisfy(\.isHexDigit) else { return nil }
        var bytes: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            guard let byte = UInt8(digits[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }

    static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && (scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null")
    }

    static func isQuoted(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .singleQuoted || scalar.style == .doubleQuoted
    }

    /// Whether `node`'s shape suits `type` (for either-typed fields). A mapping written with the
    /// keys of a bytes value (`{hex: ...}`, `{text: ...}`, `{size: ..., fill: ...}`, `{from: ..., flip: ...}`)
    /// is bytes, not a record.
    static func fits(_ node: Node, _ type: FieldRecordSchemaType) -> Bool {
        switch (node, type) {
        case (.mapping, .record): return !Self.isBytesMapping(node)
        case (.mapping, .bytes): return Self.isBytesMapping(node)
        case (.sequence, .list), (.scalar, .unsigned), (.scalar, .bytes), (.scalar, .text), (.scalar, .flag):
            return true
        default:
            return false
        }
    }

    /// The keys of the mapping forms of a bytes value.
    static let bytesMappingKeys: Set<String> = ["hex", "text", "size", "fill", "from", "flip"]

    /// Whether `node` is a non-empty mapping whose keys are all keys of a bytes value.
    static func isBytesMapping(_ node: Node) -> Bool {
        guard case .mapping(let mapping) = node, !mapping.isEmpty else { return false }
        return mapping.keys.allSatisfy { $0.scalar.map { Self.bytesMappingKeys.contains($0.string) } ?? false }
    }

    /// The location of the character at `offset` inside a scalar (quotes skipped).
    func location(in node: Node, offset: Int) -> FileLocation {
        self.reader.location(of: node).advanced(byColumns: offset + (Self.isQuoted(node) ? 1 : 0))
    }
}
