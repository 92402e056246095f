import SCTPWire

/// One way an observed value differs from its pattern: where, what was expected, what was seen.
public struct FieldMismatch: Hashable, Sendable, CustomStringConvertible {
    /// Field path, e.g. `init-ack.outbound_streams` or `init-ack.parameters`.
    public var path: String
    /// The pattern, with variables resolved: `<= $our_mis (= 10)`.
    public var expected: String
    /// The observed value, or `absent`.
    public var observed: String
    /// Where the pattern is written.
    public var location: FileLocation?

    public init(path: String, expected: String, observed: String, location: FileLocation?) {
        self.path = path
        self.expected = expected
        self.observed = observed
        self.location = location
    }

    /// `init-ack.outbound_streams: expected <= $our_mis (= 10), observed 20`.
    public var description: String {
        "\(self.path): expected \(self.expected), observed \(self.observed)"
    }
}

/// Matches field records against patterns, reading and capturing variables.
///
/// Captures take effect in pattern order, so a later field may use a variable captured by an earlier
/// one. A matcher is a value: try an alternative on a copy, keep the copy if it matched.
public struct PatternMatcher: Sendable {
    public var variables: VariableStore
    /// Variables a pattern needed that had no value (the scenario's mistake, not the SUT's).
    public private(set) var unresolved: [String] = []

    public init(variables: VariableStore) {
        self.variables = variables
    }

    /// Keeps the unresolved variables another matcher (a discarded trial copy) ran into.
    public mutating func absorbUnresolved(from other: PatternMatcher) {
        for name in other.unresolved where !self.unresolved.contains(name) {
            self.unresolved.append(name)
        }
    }

    /// Matches a record pattern (kind, then each field) against `record`. `path` prefixes mismatch paths
    /// (made only when a mismatch is reported).
    public mutating func match(
        _ pattern: RecordPattern, _ record: FieldRecord, path: @autoclosure () -> String
    ) -> [FieldMismatch] {
        guard pattern.kind == record.kind else {
            return [FieldMismatch(path: path(), expected: pattern.kind, observed: record.kind, location: nil)]
        }
        var mismatches: [FieldMismatch] = []
        for field in pattern.fields {
            mismatches += self.match(
                field.pattern, record[field.name], path: "\(path()).\(field.name)", location: field.location)
        }
        if mismatches.isEmpty, let capture = pattern.capture {
            self.variables[capture] = Self.captureValue(of: record)
        }
        return mismatches
    }

    /// Matches one field value (nil when the record has no such field). The texts of a mismatch (its
    /// path, the value) are made only when there is one.
    public mutating func match(
        _ pattern: FieldPattern, _ value: FieldValue?, path: @autoclosure () -> String, location: FileLocation?
    ) -> [FieldMismatch] {
        func mismatch(_ expected: String? = nil) -> [FieldMismatch] {
            [
                FieldMismatch(
                    path: path(), expected: expected ?? self.describe(pattern),
                    observed: value.map(FieldValueText.describe) ?? "absent", location: location)
            ]
        }
        if case .any = pattern { return [] }
        guard let value else { return mismatch() }
        switch pattern {
        case .any:
            return []
        case .comparison(let op, let expression):
            let expected: FieldValue
            do {
                expected = try expression.evaluate(in: self.variables)
            } catch {
                if case .undefined(let name) = error { self.unresolved.append(name) }
                return mismatch("\(pattern), but \(error)")
            }
            return self.compare(value, op, expected) ? [] : mismatch()
        case .range(let lower, let upper):
            guard case .unsigned(let number) = value else { return mismatch() }
            do {
                if let lower, number < (try lower.evaluateNumber(in: self.variables)) { return mismatch() }
                if let upper, number > (try upper.evaluateNumber(in: self.variables)) { return mismatch() }
            } catch {
                if case .undefined(let name) = error { self.unresolved.append(name) }
                return mismatch("\(pattern), but \(error)")
            }
            return []
        case .bytes(let bytes):
            return Self.bytes(of: value) == bytes ? [] : mismatch()
        case .text(let text):
            return Self.bytes(of: value) == Array(text.utf8) ? [] : mismatch()
        case .flag(let flag):
            return value == .flag(flag) ? [] : mismatch()
        case .capture(let name, let inner):
            let mismatches = self.match(inner, value, path: path(), location: location)
            if mismatches.isEmpty {
                self.variables[name] = value
            }
            return mismatches
        case .list(let list):
            guard case .list(let elements) = value else { return mismatch() }
            return self.match(list, elements, path: path(), location: location)
        case .record(let recordPattern):
            guard case .record(let record) = value else { return mismatch() }
            return self.match(recordPattern, record, path: path())
        }
    }

    private mutating func match(
        _ list: ListPattern, _ elements: [FieldValue], path: @autoclosure () -> String, location: FileLocation?
    ) -> [FieldMismatch] {
        // Text for messages only: made when there is a mismatch to report.
        func observed() -> String { FieldValueText.describe(.list(elements)) }
        if list.exact {
            guard list.elements.count == elements.count else {
                return [
                    FieldMismatch(
                        path: path(), expected: "\(list.elements.count) elements: \(self.describe(.list(list)))",
                        observed: "\(elements.count) elements: \(observed())", location: location)
                ]
            }
            var mismatches: [FieldMismatch] = []
            for (index, (element, value)) in zip(list.elements, elements).enumerated() {
                mismatches += self.match(
                    element.pattern, value, path: "\(path())[\(index)]", location: element.location)
            }
            return mismatches
        }
        var used = Set<Int>()
        for element in list.elements {
            var found = false
            for (index, value) in elements.enumerated() where !used.contains(index) {
                var attempt = self
                if attempt.match(element.pattern, value, path: path(), location: element.location).isEmpty {
                    self = attempt
                    used.insert(index)
                    found = true
                    break
                }
                self.absorbUnresolved(from: attempt)
            }
            if !found {
                return [
                    FieldMismatch(
                        path: path(), expected: "an element matching \(self.describe(element.pattern))",
                        observed: observed(), location: element.location)
                ]
            }
        }
        return []
    }

    /// Equality across shapes (text and bytes compare as UTF-8); ordering needs numbers.
    private func compare(_ value: FieldValue, _ op: ComparisonOperator, _ expected: FieldValue) -> Bool {
        if case .unsigned(let lhs) = value, case .unsigned(let rhs) = expected {
            switch op {
            case .equal: return lhs == rhs
            case .notEqual: return lhs != rhs
            case .less: return lhs < rhs
            case .lessOrEqual: return lhs <= rhs
            case .greater: return lhs > rhs
            case .greaterOrEqual: return lhs >= rhs
            }
        }
        let equal: Bool
        if let lhs = Self.bytes(of: value), let rhs = Self.bytes(of: expected) {
            equal = lhs == rhs
        } else {
            equal = value == expected
        }
        switch op {
        case .equal: return equal
        case .notEqual: return !equal
        default: return false
        }
    }

    /// The pattern as written, with each variable's current value: `<= $our_mis (= 10)`.
    public func describe(_ pattern: FieldPattern) -> String {
        let variables = pattern.variablesRead
        guard !variables.isEmpty else { return pattern.description }
        let values = variables.map { name in
            "$\(name) = " + (self.variables[name].map(FieldValueText.describe) ?? "unset")
        }
        return "\(pattern.description) (\(values.joined(separator: ", ")))"
    }

    static func bytes(of value: FieldValue) -> [UInt8]? {
        switch value {
        case .bytes(let bytes): bytes
        case .text(let text): Array(text.utf8)
        default: nil
        }
    }

    /// What capturing a whole record stores: its only bytes field when it has exactly one field (a
    /// State Cookie's cookie, a Heartbeat Info's info), else the record.
    public static func captureValue(of record: FieldRecord) -> FieldValue {
        if record.fields.count == 1, let field = record.fields.first, case .bytes = field.value {
            return field.value
        }
        return .record(record)
    }
}
