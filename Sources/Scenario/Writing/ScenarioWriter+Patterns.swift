import SCTPWire

/// Field patterns, written for the type of the field they stand in (the loader reads `5` as a number
/// in a numeric field and as text in a text field, and a bare name as bytes in an either-typed field).
extension ScenarioWriter {
    /// `field: pattern` pairs of a record pattern.
    func patternEntries(_ fields: [FieldPatternEntry], schema: FieldRecordSchema?) -> [(key: String, value: YAMLText)] {
        fields.map { field in
            let type = schema?.fields.first { $0.name == field.name }?.type
            return (field.name, self.fieldPattern(field.pattern, type: type))
        }
    }

    /// One pattern; `hexOnly` where the loader reads bytes as hex without a `0x` (a raw chunk's `value`).
    func fieldPattern(_ pattern: FieldPattern, type: FieldRecordSchema.ValueType?, hexOnly: Bool = false) -> YAMLText {
        switch pattern {
        case .any, .comparison, .range, .flag:
            return .plain(self.scalarPattern(pattern, type: type) ?? "any")
        case .bytes(let bytes):
            return self.bytes(bytes, hexOnly: hexOnly)
        case .text(let text):
            return .quoted(text)
        case .capture(let name, let inner):
            if let text = self.scalarPattern(pattern, type: type) {
                return .plain(text)
            }
            let match = self.fieldPattern(inner, type: type, hexOnly: hexOnly)
            return .mapping([("capture", .plain(name)), ("match", match)])
        case .list(let list):
            let element: FieldRecordSchema.ValueType? =
                switch type.map(Self.listSide) {
                case .list(let element)?: element
                default: nil
                }
            let elements = list.elements.map { self.fieldPattern($0.pattern, type: element) }
            if list.exact == elements.isEmpty {
                return .sequence(elements)
            }
            return .mapping([("items", .sequence(elements)), ("exact", .plain(list.exact ? "true" : "false"))])
        case .record(let record):
            let family: String? =
                switch type.map(Self.recordSide) {
                case .record(let family)?: family
                default: nil
                }
            return self.recordPattern(record, family: family, inEither: Self.isEither(type))
        }
    }

    /// The pattern as one scalar's text (`any`, `1..$our_mis`, `"!= 0 -> peer_tag"`), nil when it needs
    /// a mapping or quotes (text, bytes, lists, records with fields, captures of those).
    func scalarPattern(_ pattern: FieldPattern, type: FieldRecordSchema.ValueType?) -> String? {
        let numeric: Bool
        switch type {
        case .unsigned?, nil: numeric = true
        default: numeric = false
        }
        switch pattern {
        case .any:
            return "any"
        case .comparison(let op, let expression):
            if op == .equal && (numeric || expression.description.hasPrefix("$")) { return expression.description }
            return "\(op.rawValue) \(expression)"
        case .range(let lower, let upper):
            return "\(lower?.description ?? "")..\(upper?.description ?? "")"
        case .flag(let flag):
            return flag ? "true" : "false"
        case .capture(let name, .any):
            return "-> \(name)"
        case .capture(let name, let inner):
            let recordTyped: Bool
            if case .record? = type { recordTyped = true } else { recordTyped = false }
            // Short form where the loader reads the text before the arrow with the same type; a record
            // field has no long form.
            switch inner {
            case .comparison, .range, .capture:
                guard numeric || recordTyped, let text = self.scalarPattern(inner, type: type) else { return nil }
                return "\(text) -> \(name)"
            case .record(let record) where recordTyped && record.fields.isEmpty && record.capture == nil:
                return "\(record.kind) -> \(name)"
            default:
                return nil
            }
        case .bytes, .text, .list, .record:
            return nil
        }
    }

    /// A nested record pattern: `kind`, `{kind: {fields, capture}}`, or the fields alone for a family
    /// with one kind of its own name (`gap-block`).
    func recordPattern(_ record: RecordPattern, family: String?, inEither: Bool) -> YAMLText {
        let schema = family.flatMap { self.vocabulary.schema(family: $0, kind: record.kind) }
        var entries = self.patternEntries(record.fields, schema: schema)
        if let capture = record.capture { entries.append(("capture", .plain(capture))) }
        if let family, self.vocabulary.implicitKind(of: family) == record.kind {
            return .mapping(entries)
        }
        // Inside an either-typed field a bare name would be read as bytes.
        return entries.isEmpty && !inEither ? .plain(record.kind) : .single(record.kind, .mapping(entries))
    }
}
