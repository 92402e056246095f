import Foundation
import Yams

/// One `key: value` pair of a YAML mapping, with the key as text.
struct MappingEntry {
    var key: String
    var keyNode: Node
    var value: Node
}

/// Reads Yams nodes into scenario values, collecting every problem as a located `ScenarioError`
/// instead of stopping at the first one. Each reading method returns nil after recording an error.
final class YAMLNodeReader {
    let file: String
    /// The errors so far, each once (see `report`).
    private(set) var errors: [ScenarioError] = []
    /// For each error, how many more times it was reported at the same place (a value reused through
    /// YAML aliases is read, and found wrong, once per use).
    private var repeats: [Int] = []
    /// Errors beyond `errorLimit`, counted but not kept.
    private(set) var omittedErrors = 0
    /// The index of each error by place, kind and message with its numbers blanked (`step 3` and
    /// `step 4` of one aliased value are one problem).
    private var errorIndex: [String: Int] = [:]
    /// The most errors listed for one file.
    static let errorLimit = 200
    /// Nodes visited so far; a document built from aliases can be exponentially larger than its text.
    private var visitedNodes = 0
    static let nodeBudget = 200_000

    init(file: String) {
        self.file = file
    }

    // MARK: Errors

    func location(of node: Node) -> FileLocation {
        guard let mark = node.mark else { return FileLocation(file: self.file, line: 1, column: 1) }
        return FileLocation(file: self.file, line: mark.line, column: mark.column)
    }

    /// Records an error, once per place: the same problem at the same line and column again (an
    /// aliased value read at each use) only counts as a repeat. Past `errorLimit` errors are counted only.
    func report(_ error: ScenarioError) {
        var digitsBlanked = ""
        for character in error.message where !(character.isNumber && digitsBlanked.last == "#") {
            digitsBlanked.append(character.isNumber ? "#" : character)
        }
        let key = "\(error.kind.rawValue)|\(error.location)|\(digitsBlanked)"
        if let index = self.errorIndex[key] {
            self.repeats[index] += 1
            return
        }
        guard self.errors.count < Self.errorLimit else {
            self.omittedErrors += 1
            return
        }
        self.errorIndex[key] = self.errors.count
        self.errors.append(error)
        self.repeats.append(0)
    }

    /// Every error for the user, in file order: repeats noted on the error they repeat, and a last line
    /// saying how many errors were not listed.
    var collectedErrors: [ScenarioError] {
        var listed = zip(self.errors, self.repeats).map { error, repeats in
            var error = error
            if repeats > 0 {
                let times = repeats == 1 ? "time" : "times"
                error.message += " (and \(repeats) more \(times) where YAML aliases reuse this value)"
            }
            return error
        }
        listed.sort { $0.location < $1.location }
        if self.omittedErrors > 0 {
            listed.append(
                ScenarioError(
                    .tooManyErrors, at: FileLocation(file: self.file, line: 1, column: 1),
                    "\(self.omittedErrors) more error\(self.omittedErrors == 1 ? "" : "s") not listed "
                        + "(only the first \(Self.errorLimit) are)"))
        }
        return listed
    }

    func report(
        _ kind: ScenarioError.Kind, at node: Node, _ message: String, expected: String? = nil, suggestion: String? = nil
    ) {
        self.report(
            ScenarioError(kind, at: self.location(of: node), message, expected: expected, suggestion: suggestion))
    }

    /// Counts a visited node; false (with one error) once the document is too large to walk.
    func visit(_ node: Node) -> Bool {
        self.visitedNodes += 1
        if self.visitedNodes == Self.nodeBudget + 1 {
            self.report(.invalidValue, at: node, "the document is too large (more than \(Self.nodeBudget) values)")
        }
        return self.visitedNodes <= Self.nodeBudget
    }

    /// `a mapping`, `a list`, `"text"`: how a node looks, for "expected X, found Y" messages.
    func shape(of node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if scalar.string.isEmpty && scalar.style == .plain { return "nothing" }
            return "'\(scalar.string)'"
        }
    }

    // MARK: Shapes

    /// The entries of a mapping, or nil (with an error) for anything else.
    func mapping(_ node: Node, _ what: String) -> [MappingEntry]? {
        guard self.visit(node) else { return nil }
        guard case .mapping(let mapping) = node else {
            self.report(.wrongType, at: node, "\(what) must be a mapping, found \(self.shape(of: node))")
            return nil
        }
        var entries: [MappingEntry] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                self.report(
                    .wrongType, at: keyNode, "a key in \(what) must be a plain name, found \(self.shape(of: keyNode))")
                continue
            }
            entries.append(MappingEntry(key: key.string, keyNode: keyNode, value: value))
        }
        return entries
    }

    /// The elements of a list, or nil (with an error).
    func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard self.visit(node) else { return nil }
        guard case .sequence(let sequence) = node else {
            self.report(.wrongType, at: node, "\(what) must be a list, found \(self.shape(of: node))")
            return nil
        }
        return Array(sequence)
    }

    /// The elements of a list, or a single value taken as a one-element list.
    func listOrSingle(_ node: Node) -> [Node] {
        if case .sequence(let sequence) = node { return Array(sequence) }
        return [node]
    }

    /// Reports keys not in `allowed` (with a suggestion) and required keys that are missing.
    func checkKeys(
        _ entries: [MappingEntry], in node: Node, allowed: [String], required: [String] = [], _ what: String
    ) {
        for entry in entries where !allowed.contains(entry.key) {
            self.report(
                .unknownKey, at: entry.keyNode, "unknown key '\(entry.key)' in \(what)",
                expected: "one of: " + allowed.joined(separator: ", "),
                suggestion: NameSuggestion.closest(to: entry.key, among: allowed))
        }
        for key in required where !entries.contains(where: { $0.key == key }) {
            self.report(.missingKey, at: node, "\(what) needs '\(key)'")
        }
    }

    // MARK: Scalars

    /// The text of a scalar, or nil (with an error) for a mapping or list.
    func scalarText(_ node: Node, _ what: String, expected: String) -> String? {
        guard self.visit(node) else { return nil }
        guard case .scalar(let scalar) = node else {
            self.report(.wrongType, at: node, "\(what) must be \(expected), found \(self.shape(of: node))")
            return nil
        }
        if let hint = Self.tagMisreading(scalar) {
            self.report(.wrongType, at: node, "\(what): \(hint)", expected: expected)
            return nil
        }
        if scalar.tag.rawValue == Tag.Name.binary.rawValue {
            self.report(
                .wrongType, at: node, "\(what) is a !!binary value (base64 bytes), which only a bytes field takes",
                expected: expected)
            return nil
        }
        return scalar.string
    }

    /// Whether `node` is a `!!binary` scalar (YAML's base64-encoded bytes).
    func isBinary(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.tag.rawValue == Tag.Name.binary.rawValue
    }

    /// The bytes of a `!!binary` scalar, decoded from base64 (line breaks and spaces allowed, as YAML
    /// writes them); nil with an error when the text is not base64.
    func binary(_ node: Node, _ what: String) -> [UInt8]? {
        guard self.visit(node), case .scalar(let scalar) = node else { return nil }
        let text = scalar.string.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: text) else {
            self.report(
                .invalidValue, at: node, "\(what): the !!binary value is not base64",
                expected: "base64 text (A-Z, a-z, 0-9, +, /, = padding)")
            return nil
        }
        return Array(data)
    }

    /// A non-empty string.
    func string(_ node: Node, _ what: String) -> String? {
        guard let text = self.scalarText(node, what, expected: "text") else { return nil }
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            self.report(.invalidValue, at: node, "\(what) must not be empty")
            return nil
        }
        return text
    }

    /// An unsigned integer (`5000`, `0x1388`) that fits in `bits` bits.
    func unsigned(_ node: Node, _ what: String, bits: Int) -> UInt64? {
        let expected = "a number from 0 to \(Self.maximum(bits: bits))"
        guard let text = self.scalarText(node, what, expected: expected) else { return nil }
        guard let value = Self.parseUnsigned(text) else {
            self.report(.wrongType, at: node, "\(what) must be \(expected), found '\(text)'")
            return nil
        }
        guard value <= Self.maximum(bits: bits) else {
            self.report(.invalidValue, at: node, "\(what) \(text) does not fit in \(bits) bits", expected: expected)
            return nil
        }
        return value
    }

    /// `true` or `false` (also `yes`/`no`, `on`/`off`).
    func bool(_ node: Node, _ what: String) -> Bool? {
        guard let text = self.scalarText(node, what, expected: "true or false") else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            self.report(.wrongType, at: node, "\(what) must be true or false, found '\(text)'")
            return nil
        }
    }

    /// `200ms`, `1.5s`, `65s`, or a number of milliseconds.
    func duration(_ node: Node, _ what: String) -> ScenarioDuration? {
        let expected = "a duration such as 200ms, 1.5s or 65s"
        guard let text = self.scalarText(node, what, expected: expected) else { return nil }
        guard let duration = ScenarioDuration(parsing: text) else {
            self.report(.wrongType, at: node, "\(what) must be \(expected), found '\(text)'")
            return nil
        }
        guard duration <= Self.longestDuration else {
            self.report(.invalidValue, at: node, "\(what) \(text) is longer than a scenario may wait", expected: "at most 24h")
            return nil
        }
        return duration
    }

    // MARK: Helpers

    /// The longest window or wait a scenario may ask for (bounds the work a run can take).
    static let longestDuration = ScenarioDuration.seconds(86_400)

    static func maximum(bits: Int) -> UInt64 {
        bits >= 64 ? .max : (UInt64(1) << UInt64(bits)) - 1
    }

    /// Decimal, `0x` hexadecimal, `0o` octal or `0b` binary; `_` separators allowed.
    static func parseUnsigned(_ text: String) -> UInt64? {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        let lowered = cleaned.lowercased()
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lowered.hasPrefix(prefix) {
            let digits = lowered.dropFirst(2)
            return digits.isEmpty ? nil : UInt64(digits, radix: radix)
        }
        guard !lowered.isEmpty, lowered.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(lowered, radix: 10)
    }

    /// YAML reads a leading `!` as a tag: `!= 0` becomes the value 0 tagged `!=`. Says so, instead of
    /// silently reading 0.
    static func tagMisreading(_ scalar: Node.Scalar) -> String? {
        let tag = scalar.tag.description
        guard tag.hasPrefix("!"), !tag.hasPrefix("!!") else { return nil }
        let written = "\(tag) \(scalar.string)".trimmingCharacters(in: .whitespaces)
        return "YAML reads a leading '!' as a tag; quote the value: \"\(written)\""
    }
}
