import SCTPWire

/// A value written in a scenario: a number, a `$variable`, or a sum or difference of those
/// (`$our_tsn + 1`).
///
/// Arithmetic wraps modulo 2^32, as TSNs and tags do (RFC 9260 §1.6 serial number arithmetic); no
/// SCTP field is wider than 32 bits.
public indirect enum ValueExpression: Hashable, Sendable, CustomStringConvertible {
    /// A number as written (`5000`, `0xdeadbeef`).
    case literal(UInt64)
    /// The current value of a variable (a capture or one the harness keeps, e.g. `our_tsn`).
    case variable(String)
    /// `lhs + rhs`, modulo 2^32.
    case sum(ValueExpression, ValueExpression)
    /// `lhs - rhs`, modulo 2^32.
    case difference(ValueExpression, ValueExpression)

    /// Every variable the expression reads, in order.
    public var variables: [String] {
        switch self {
        case .literal: []
        case .variable(let name): [name]
        case .sum(let lhs, let rhs), .difference(let lhs, let rhs): lhs.variables + rhs.variables
        }
    }

    /// `$our_tsn + 1`.
    public var description: String {
        switch self {
        case .literal(let value): value > 0xFFFF ? "0x" + String(value, radix: 16) : String(value)
        case .variable(let name): "$" + name
        case .sum(let lhs, let rhs): "\(lhs) + \(rhs)"
        case .difference(let lhs, let rhs): "\(lhs) - \(rhs)"
        }
    }

    /// The value, reading variables from `variables`. A variable may hold any field value (a
    /// captured cookie is bytes); arithmetic needs numbers on both sides.
    public func evaluate(in variables: VariableStore) throws(ExpressionError) -> FieldValue {
        switch self {
        case .literal(let value):
            return .unsigned(value)
        case .variable(let name):
            guard let value = variables[name] else { throw ExpressionError.undefined(name) }
            return value
        case .sum(let lhs, let rhs):
            let (left, right) = (try lhs.evaluateNumber(in: variables), try rhs.evaluateNumber(in: variables))
            return .unsigned((left &+ right) & 0xFFFF_FFFF)
        case .difference(let lhs, let rhs):
            let (left, right) = (try lhs.evaluateNumber(in: variables), try rhs.evaluateNumber(in: variables))
            return .unsigned((left &- right) & 0xFFFF_FFFF)
        }
    }

    /// The value as a number; a variable holding bytes or text is an error.
    public func evaluateNumber(in variables: VariableStore) throws(ExpressionError) -> UInt64 {
        let value = try self.evaluate(in: variables)
        guard case .unsigned(let number) = value else {
            throw ExpressionError.notANumber(self.description, value)
        }
        return number
    }
}

/// Why an expression has no value at run time.
public enum ExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The variable has not been set yet (no capture, no packet that teaches the harness its value).
    case undefined(String)
    /// Arithmetic or a comparison needs a number and the value is not one.
    case notANumber(String, FieldValue)

    public var description: String {
        switch self {
        case .undefined(let name):
            "variable $\(name) has no value yet"
        case .notANumber(let expression, let value):
            "\(expression) is \(FieldValueText.describe(value)), not a number"
        }
    }
}
