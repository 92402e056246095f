import Foundation

/// Reads the text forms of numeric patterns and expressions:
///
///     any   _   5000   0xdeadbeef   $peer_tag   $our_tsn + 1   1..65535   1..   ..10
///     == 5   != 0   < 10   <= $our_mis   > 0   >= 1   -> peer_tag   != 0 -> peer_tag
///
/// `pattern -> name` captures the matched value into `name` (`-> name` alone matches anything). An
/// arrow rather than a sigil: `?` and `&` cannot start a plain YAML value inside `{...}`.
/// Errors carry the character offset in the text so the loader can point at the exact column.
struct PatternTextParser {
    struct SyntaxError: Error {
        var offset: Int
        var message: String
    }

    private let characters: [Character]
    private var position = 0

    init(_ text: String) {
        self.characters = Array(text)
    }

    /// A whole numeric pattern.
    static func numericPattern(_ text: String) -> Result<FieldPattern, SyntaxError> {
        switch Self.captureName(text) {
        case .failure(let error):
            return .failure(error)
        case .success(let capture?):
            if capture.rest.isEmpty { return .success(.capture(name: capture.name, pattern: .any)) }
            return Self.numericPattern(capture.rest).map { .capture(name: capture.name, pattern: $0) }
        case .success(nil):
            break
        }
        var parser = PatternTextParser(text)
        do {
            let pattern = try parser.pattern()
            try parser.expectEnd()
            return .success(pattern)
        } catch {
            return .failure(error)
        }
    }

    /// A whole expression (a send value): number, variable, sums.
    static func expression(_ text: String) -> Result<ValueExpression, SyntaxError> {
        var parser = PatternTextParser(text)
        do {
            let expression = try parser.expression()
            try parser.expectEnd()
            return .success(expression)
        } catch {
            return .failure(error)
        }
    }

    /// `pattern -> name` split into the name and the pattern text before the arrow (empty when the
    /// capture stands alone), or nil if the text has no arrow. The name may be written with a `$`.
    static func captureName(_ text: String) -> Result<(name: String, rest: String)?, SyntaxError> {
        guard let arrow = text.range(of: "->", options: .backwards) else { return .success(nil) }
        let offset = text.distance(from: text.startIndex, to: arrow.lowerBound)
        var name = String(text[arrow.upperBound...]).trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("$") { name.removeFirst() }
        guard Self.isIdentifier(name) else {
            return .failure(SyntaxError(offset: offset, message: "'->' must be followed by a variable name"))
        }
        let rest = String(text[..<arrow.lowerBound]).trimmingCharacters(in: .whitespaces)
        return .success((name, rest))
    }

    /// Whether `name` is a valid variable name: a letter or `_`, then letters, digits, `_`.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    // MARK: Grammar

    private mutating func pattern() throws(SyntaxError) -> FieldPattern {
        self.skipSpaces()
        if self.consumeWord("any") || self.consumeWord("_") || self.consume("*") {
            return .any
        }
        for op in [ComparisonOperator.equal, .notEqual, .lessOrEqual, .greaterOrEqual, .less, .greater]
        where self.consume(op.rawValue) {
            return .comparison(op, try self.expression())
        }
        if self.consume("..") {
            return .range(lower: nil, upper: try self.expression())
        }
        let lower = try self.expression()
        self.skipSpaces()
        if self.consume("..") {
            self.skipSpaces()
            if self.isAtEnd { return .range(lower: lower, upper: nil) }
            return .range(lower: lower, upper: try self.expression())
        }
        return .comparison(.equal, lower)
    }

    private mutating func expression() throws(SyntaxError) -> ValueExpression {
        var result = try self.term()
        while true {
            self.skipSpaces()
            if self.peek == "+" {
                self.position += 1
                result = .sum(result, try self.term())
            } else if self.peek == "-" {
                self.position += 1
                result = .difference(result, try self.term())
            } else {
                return result
            }
        }
    }

    private mutating func term() throws(SyntaxError) -> ValueExpression {
        self.skipSpaces()
        guard let character = self.peek else {
            throw SyntaxError(offset: self.position, message: "a number or $variable is missing at the end")
        }
        if character == "$" {
            self.position += 1
            return .variable(try self.identifier(after: "$"))
        }
        guard character.isASCII, character.isNumber else {
            throw SyntaxError(
                offset: self.position, message: "expected a number or $variable, found '\(character)'")
        }
        let start = self.position
        while let next = self.peek, next.isASCII, next.isLetter || next.isNumber || next == "_" {
            self.position += 1
        }
        let text = String(self.characters[start..<self.position])
        guard let value = YAMLNodeReader.parseUnsigned(text) else {
            throw SyntaxError(offset: start, message: "'\(text)' is not a number")
        }
        return .literal(value)
    }

    private mutating func identifier(after sigil: Character) throws(SyntaxError) -> String {
        let start = self.position
        while let next = self.peek, next.isASCII, next.isLetter || next.isNumber || next == "_" {
            self.position += 1
        }
        let name = String(self.characters[start..<self.position])
        guard Self.isIdentifier(name) else {
            throw SyntaxError(offset: max(0, start - 1), message: "'\(sigil)' must be followed by a variable name")
        }
        return name
    }

    // MARK: Characters

    private var peek: Character? {
        self.position < self.characters.count ? self.characters[self.position] : nil
    }

    private var isAtEnd: Bool { self.position >= self.characters.count }

    private mutating func skipSpaces() {
        while let next = self.peek, next == " " || next == "\t" {
            self.position += 1
        }
    }

    private mutating func consume(_ token: String) -> Bool {
        self.skipSpaces()
        let tokenCharacters = Array(token)
        guard self.position + tokenCharacters.count <= self.characters.count,
            Array(self.characters[self.position..<self.position + tokenCharacters.count]) == tokenCharacters
        else { return false }
        self.position += tokenCharacters.count
        return true
    }

    /// Consumes `word` only when it stands alone (not the start of a longer name).
    private mutating func consumeWord(_ word: String) -> Bool {
        let saved = self.position
        guard self.consume(word) else { return false }
        if let next = self.peek, next.isLetter || next.isNumber || next == "_" {
            self.position = saved
            return false
        }
        return true
    }

    private mutating func expectEnd() throws(SyntaxError) {
        self.skipSpaces()
        if let character = self.peek {
            throw SyntaxError(offset: self.position, message: "unexpected '\(character)'")
        }
    }
}
