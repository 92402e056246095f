import Foundation

/// What an oracle found wrong in one execution.
public struct FuzzFailure: Hashable, Sendable {
    /// The kind of oracle that fired.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The target crashed or aborted (`sut-crashed`).
        case crash
        /// The target stopped answering its driver (a hung helper) or the harness could not go on.
        case hang
        /// The SUT no longer answered the liveness probe.
        case liveness
        /// A MUST-level rule of the live checker broken by the SUT.
        case rule
        /// The SUT's output grew past the limit (packets or bytes for one input).
        case resource
    }

    public var kind: Kind
    /// The rule broken (`rule`), else the kind's own name (`sut-crashed`, `liveness`, ...).
    public var rule: String
    /// RFC section or `robustness`.
    public var section: String
    /// One line: what happened.
    public var message: String
    /// What tells two failures of one kind apart: for a crash, the target's last words on stderr with
    /// the numbers taken out (an assertion, an abort message); empty otherwise.
    public var detail: String

    public init(kind: Kind, rule: String, section: String, message: String, detail: String = "") {
        self.kind = kind
        self.rule = rule
        self.section = section
        self.message = message
        self.detail = detail
    }

    /// What makes two failures the same bug for deduplication and shrinking: the kind, the rule and
    /// the detail.
    public var signature: String {
        self.detail.isEmpty ? "\(self.kind.rawValue):\(self.rule)" : "\(self.kind.rawValue):\(self.rule):\(self.detail)"
    }

    /// The last non-empty line of a crashed target's stderr, numbers replaced by `#` (so process ids and
    /// addresses do not make one crash site look like many).
    public static func crashSite(stderr: String) -> String {
        guard let line = stderr.split(separator: "\n").last(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            return ""
        }
        var site = ""
        var inNumber = false
        for character in line.prefix(200) {
            if character.isNumber || (inNumber && (character.isHexDigit || character == "x")) {
                if !inNumber { site.append("#") }
                inNumber = true
            } else {
                inNumber = false
                site.append(character)
            }
        }
        return site.trimmingCharacters(in: .whitespaces)
    }
}
