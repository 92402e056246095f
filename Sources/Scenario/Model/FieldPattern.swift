import SCTPWire

/// What a scenario expects of one field (the pattern face of a chunk, parameter or cause).
///
/// Written in YAML as `5000`, `any`, `1..65535`, `">= 1"`, `"!= 0"`, `"<= $our_mis"`,
/// `$our_tsn + 1`, `"hello"`, `0x0a0b`, `-> peer_tag`, `{capture: cookie}`, nested records and lists.
public indirect enum FieldPattern: Hashable, Sendable, CustomStringConvertible {
    /// Anything (also what a field left out of a pattern means).
    case any
    /// `value <op> expression`; `== $peer_tag` is plain equality with a captured variable.
    case comparison(ComparisonOperator, ValueExpression)
    /// `lower..upper`, both ends included; either end may be open (`1..`, `..10`).
    case range(lower: ValueExpression?, upper: ValueExpression?)
    /// Exactly these bytes.
    case bytes([UInt8])
    /// Exactly this text.
    case text(String)
    /// The flag is set (`true`) or clear (`false`).
    case flag(Bool)
    /// Matches `pattern` and stores the observed value in the variable `name`.
    case capture(name: String, pattern: FieldPattern)
    /// A list: each element pattern must match its own element (see `ListPattern`).
    case list(ListPattern)
    /// A nested record (a parameter or an error cause) of a given kind.
    case record(RecordPattern)

    /// Every variable the pattern reads (not the ones it captures), in order.
    public var variablesRead: [String] {
        switch self {
        case .any, .bytes, .text, .flag: []
        case .comparison(_, let expression): expression.variables
        case .range(let lower, let upper): (lower?.variables ?? []) + (upper?.variables ?? [])
        case .capture(_, let pattern): pattern.variablesRead
        case .list(let list): list.elements.flatMap(\.pattern.variablesRead)
        case .record(let record): record.fields.flatMap(\.pattern.variablesRead)
        }
    }

    /// The pattern as a scenario would write it, for "expected … observed …" messages.
    public var description: String {
        switch self {
        case .any: "any"
        case .comparison(.equal, let expression): expression.description
        case .comparison(let op, let expression): "\(op.rawValue) \(expression)"
        case .range(let lower, let upper): "\(lower?.description ?? "")..\(upper?.description ?? "")"
        case .bytes(let bytes): FieldValueText.describe(.bytes(bytes))
        case .text(let text): FieldValueText.describe(.text(text))
        case .flag(let flag): flag ? "true" : "false"
        case .capture(let name, .any): "-> \(name)"
        case .capture(let name, let pattern): "\(pattern) -> \(name)"
        case .list(let list): list.description
        case .record(let record): record.description
        }
    }
}

/// `==`, `!=`, `<`, `<=`, `>`, `>=`; ordered comparisons need numbers.
public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// A pattern with the place it was written.
public struct LocatedPattern: Hashable, Sendable {
    public var pattern: FieldPattern
    public var location: FileLocation

    public init(_ pattern: FieldPattern, at location: FileLocation) {
        self.pattern = pattern
        self.location = location
    }
}

/// A list pattern. By default it "contains": each element pattern matches a different element, in
/// any order, and other elements may be present. `exact` requires exactly these elements in order.
public struct ListPattern: Hashable, Sendable, CustomStringConvertible {
    public var elements: [LocatedPattern]
    public var exact: Bool

    public init(elements: [LocatedPattern], exact: Bool) {
        self.elements = elements
        self.exact = exact
    }

    public var description: String {
        let inner = self.elements.map(\.pattern.description).joined(separator: ", ")
        return self.exact ? "exactly [\(inner)]" : "containing [\(inner)]"
    }
}

/// One field of a record pattern.
public struct FieldPatternEntry: Hashable, Sendable {
    /// The snake_case field name, or a pseudo-field of the chunk header (`flags`, `length`).
    public var name: String
    public var pattern: FieldPattern
    public var location: FileLocation

    public init(name: String, pattern: FieldPattern, location: FileLocation) {
        self.name = name
        self.pattern = pattern
        self.location = location
    }
}

/// A pattern for a whole record of one kind: fields not listed match anything.
public struct RecordPattern: Hashable, Sendable, CustomStringConvertible {
    /// The record kind (`init-ack`, `state-cookie`, `invalid-stream-identifier`).
    public var kind: String
    public var fields: [FieldPatternEntry]
    /// When set, the whole record is captured into this variable; for a parameter or cause it holds the
    /// record's only bytes field if it has exactly one (a State Cookie's cookie), else the record.
    public var capture: String?

    public init(kind: String, fields: [FieldPatternEntry] = [], capture: String? = nil) {
        self.kind = kind
        self.fields = fields
        self.capture = capture
    }

    /// `init-ack {initiate_tag: -> peer_tag, outbound_streams: <= 10}`.
    public var description: String {
        var parts = self.fields.map { "\($0.name): \($0.pattern)" }
        if let capture = self.capture { parts.append("capture: \(capture)") }
        return parts.isEmpty ? self.kind : "\(self.kind) {\(parts.joined(separator: ", "))}"
    }
}
