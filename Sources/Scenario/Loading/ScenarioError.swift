/// One problem found in a scenario file, with where it is and what was expected there.
public struct ScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem, so tools and tests can tell them apart without parsing messages.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The file could not be read.
        case unreadableFile = "unreadable-file"
        /// The text is not valid YAML.
        case yamlSyntax = "yaml-syntax"
        /// A mapping has a key this place does not know.
        case unknownKey = "unknown-key"
        /// A required key is absent.
        case missingKey = "missing-key"
        /// A key appears twice in one mapping.
        case duplicateKey = "duplicate-key"
        /// A value has the wrong shape (a list where a mapping belongs, text for a number...).
        case wrongType = "wrong-type"
        /// A value has the right shape but is not acceptable (port 70000, unknown role...).
        case invalidValue = "invalid-value"
        /// A chunk, parameter or error-cause kind that does not exist.
        case unknownKind = "unknown-kind"
        /// A field that the record kind does not have.
        case unknownField = "unknown-field"
        /// A pattern or expression that cannot be read.
        case invalidPattern = "invalid-pattern"
        /// A `$variable` used before anything set it.
        case undefinedVariable = "undefined-variable"
        /// An ETSI TS 102 369 test purpose that is not in the index.
        case unknownTestPurpose = "unknown-test-purpose"
        /// The last line of a long list: how many more errors the file has.
        case tooManyErrors = "too-many-errors"
    }

    public var kind: Kind
    /// Where the problem is.
    public var location: FileLocation
    /// What is wrong, e.g. `unknown key 'whithin'`.
    public var message: String
    /// What belongs there, e.g. `a duration such as 200ms or 1.5s`.
    public var expected: String?
    /// The closest known name when a name was misspelt.
    public var suggestion: String?

    public init(
        _ kind: Kind, at location: FileLocation, _ message: String, expected: String? = nil,
        suggestion: String? = nil
    ) {
        self.kind = kind
        self.location = location
        self.message = message
        self.expected = expected
        self.suggestion = suggestion
    }

    /// `handshake.yaml:12:7: error: unknown key 'whithin' (expected one of: within, after); did you mean 'within'?`
    public var description: String {
        var text = "\(self.location): error: \(self.message)"
        if let expected = self.expected {
            text += " (expected \(expected))"
        }
        if let suggestion = self.suggestion {
            text += "; did you mean '\(suggestion)'?"
        }
        return text
    }
}

/// Every problem found in one scenario file, in file order. Thrown by `ScenarioLoader`.
public struct ScenarioLoadFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var errors: [ScenarioError]

    public init(errors: [ScenarioError]) {
        self.errors = errors
    }

    /// One error per line.
    public var description: String {
        self.errors.map(\.description).joined(separator: "\n")
    }
}
