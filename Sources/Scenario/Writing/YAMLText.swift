/// A YAML value as the scenario writer builds it, before it becomes text: scalars that know whether
/// they may stand unquoted, and mappings and lists that are written on one line (`{a: 1, b: 2}`) when
/// they fit and as indented blocks when they do not.
///
/// Only what scenario files use is modelled; every scalar is emitted so that libyaml reads back
/// exactly its text (the loader reads a scalar's text, never a resolved YAML type).
indirect enum YAMLText: Sendable {
    /// Text written unquoted when YAML allows it (`init-ack`, `$our_tsn + 1`, `-> peer_tag`), else quoted.
    case plain(String)
    /// Text always written in double quotes (`"hello"`: a literal, never a keyword such as `any`).
    case quoted(String)
    /// `key: value` pairs in order.
    case mapping([(key: String, value: YAMLText)])
    /// Elements in order.
    case sequence([YAMLText])

    /// `{key: value}` with one entry.
    static func single(_ key: String, _ value: YAMLText) -> YAMLText {
        .mapping([(key, value)])
    }
}

/// Turns `YAMLText` into lines in the style of the shipped scenarios: block mappings and lists at the
/// top, flow mappings and lists inside a line, a value broken into an indented block only when its
/// line would pass `width` columns.
struct YAMLTextRenderer {
    /// The column limit a flow value should stay within (the project's line length).
    var width = 120

    /// `key: value` lines at `indent` spaces.
    func entryLines(_ key: String, _ value: YAMLText, indent: Int) -> [String] {
        let prefix = String(repeating: " ", count: indent) + key + ":"
        if let text = self.multilineText(value, indent: indent + 2) {
            let margin = String(repeating: " ", count: indent + 2)
            return [prefix + " " + text.header] + text.lines.map { $0.isEmpty ? "" : margin + $0 }
        }
        let flow = prefix + " " + self.flow(value)
        if flow.count <= self.width || !self.isCollection(value) || self.isEmptyCollection(value) {
            return [flow]
        }
        return [prefix] + self.blockLines(value, indent: indent + 2)
    }

    /// A mapping or list as indented block lines (`key: value` lines, `- element` lines).
    func blockLines(_ value: YAMLText, indent: Int) -> [String] {
        switch value {
        case .mapping(let entries):
            return entries.flatMap { self.entryLines($0.key, $0.value, indent: indent) }
        case .sequence(let elements):
            return elements.flatMap { self.itemLines($0, indent: indent) }
        case .plain, .quoted:
            return [String(repeating: " ", count: indent) + self.flow(value)]
        }
    }

    /// One `- element` of a block list; a mapping element continues on the following lines.
    func itemLines(_ element: YAMLText, indent: Int) -> [String] {
        let dash = String(repeating: " ", count: indent) + "- "
        if case .mapping(let entries) = element, !entries.isEmpty {
            var lines = self.blockLines(element, indent: indent + 2)
            lines[0] = dash + lines[0].dropFirst(indent + 2)
            return lines
        }
        let flow = dash + self.flow(element)
        if flow.count <= self.width || !self.isCollection(element) || self.isEmptyCollection(element) {
            return [flow]
        }
        var lines = self.blockLines(element, indent: indent + 2)
        lines[0] = dash + lines[0].dropFirst(indent + 2)
        return lines
    }

    /// The value on one line: `{a: 1, b: [x, y]}`.
    func flow(_ value: YAMLText) -> String {
        switch value {
        case .plain(let text):
            return YAMLScalarStyle.isPlainSafe(text, inFlow: true) ? text : YAMLScalarStyle.doubleQuoted(text)
        case .quoted(let text):
            return YAMLScalarStyle.doubleQuoted(text)
        case .mapping(let entries):
            return "{" + entries.map { "\($0.key): \(self.flow($0.value))" }.joined(separator: ", ") + "}"
        case .sequence(let elements):
            return "[" + elements.map { self.flow($0) }.joined(separator: ", ") + "]"
        }
    }

    private func isCollection(_ value: YAMLText) -> Bool {
        switch value {
        case .mapping, .sequence: true
        case .plain, .quoted: false
        }
    }

    private func isEmptyCollection(_ value: YAMLText) -> Bool {
        switch value {
        case .mapping(let entries): entries.isEmpty
        case .sequence(let elements): elements.isEmpty
        case .plain, .quoted: false
        }
    }

    /// A literal block (`|`, `|-`, `|+`) for text of several lines that YAML keeps exactly in one.
    private func multilineText(_ value: YAMLText, indent: Int) -> (header: String, lines: [String])? {
        let text: String
        switch value {
        case .plain(let content), .quoted(let content): text = content
        case .mapping, .sequence: return nil
        }
        if let folded = self.foldedText(text, indent: indent) { return folded }
        guard text.contains("\n"), YAMLScalarStyle.isLiteralBlockSafe(text) else { return nil }
        var body = Substring(text)
        var trailingNewlines = 0
        while body.hasSuffix("\n") {
            body = body.dropLast()
            trailingNewlines += 1
        }
        let header = trailingNewlines == 0 ? "|-" : trailingNewlines == 1 ? "|" : "|+"
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if trailingNewlines > 1 {
            lines += Array(repeating: "", count: trailingNewlines - 1)
        }
        return (header, lines)
    }
}

extension YAMLTextRenderer {
    /// A folded block (`>` or `>-`) for one long paragraph: lines broken at single spaces, which YAML
    /// joins back with one space. Only for text that folding gives back exactly: no line breaks inside,
    /// no runs of spaces, no space at either end, printable.
    func foldedText(_ text: String, indent: Int) -> (header: String, lines: [String])? {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        guard body.count + indent > self.width, !body.contains("\n"), !body.contains("  "), !body.hasPrefix(" "),
            !body.hasSuffix(" "), body.unicodeScalars.allSatisfy({ YAMLScalarStyle.isPrintable($0) })
        else { return nil }
        var lines: [String] = []
        var line = ""
        for word in body.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty && line.count + 1 + word.count + indent > self.width {
                lines.append(line)
                line = String(word)
            } else {
                line += line.isEmpty ? String(word) : " " + word
            }
        }
        lines.append(line)
        return (text.hasSuffix("\n") ? ">" : ">-", lines)
    }
}

/// Which scalars YAML reads back as their own text without quotes, and how to quote the others.
enum YAMLScalarStyle {
    /// Whether `text` can be written unquoted and read back as exactly `text` (inside `{...}`/`[...]`
    /// when `inFlow`). Conservative: anything doubtful is quoted.
    static func isPlainSafe(_ text: String, inFlow: Bool) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        guard first != " ", last != " ", !text.contains(": "), !text.contains(" #"), !text.hasSuffix(":") else {
            return false
        }
        let lowered = text.lowercased()
        guard !["null", "~"].contains(lowered), !text.hasPrefix("---"), !text.hasPrefix("...") else { return false }
        let indicators: Set<Unicode.Scalar> = [
            "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "-",
        ]
        if indicators.contains(first) {
            // `-x`, `?x` and `:x` are plain when a non-space follows; `-> name` is written this way.
            let second = text.unicodeScalars.dropFirst().first
            guard first == "-", let second, second != " ", !inFlow || !",[]{}".unicodeScalars.contains(second)
            else { return false }
        }
        for scalar in text.unicodeScalars {
            if inFlow && ",[]{}".unicodeScalars.contains(scalar) { return false }
            guard Self.isPrintable(scalar), scalar != "\t" else { return false }
        }
        return true
    }

    /// Whether `text` survives a literal block: printable lines, the first not starting with a space,
    /// no carriage returns.
    static func isLiteralBlockSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first != " ", first != "\t", first != "\n" else {
            return false
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // Lines of only spaces confuse the indentation of a literal block; trailing spaces are kept.
        guard !lines.contains(where: { !$0.isEmpty && $0.allSatisfy { $0 == " " } }) else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "\n" || (Self.isPrintable($0) && $0 != "\t") }
    }

    /// `"text"` with YAML double-quote escapes for quotes, backslashes and anything unprintable.
    static func doubleQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if Self.isPrintable(scalar) {
                    result.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFF {
                    result += "\\x" + Self.hex(scalar.value, digits: 2)
                } else if scalar.value <= 0xFFFF {
                    result += "\\u" + Self.hex(scalar.value, digits: 4)
                } else {
                    result += "\\U" + Self.hex(scalar.value, digits: 8)
                }
            }
        }
        return result + "\""
    }

    /// Printable: ASCII from space to `~`, or a non-ASCII scalar that is not a control, format,
    /// separator, surrogate or unassigned code point, and not a byte-order mark.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value >= 0x20 && scalar.value < 0x7F }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .surrogate, .unassigned,
            .privateUse:
            return false
        default:
            return scalar.value != 0xFEFF && scalar.value != 0x85
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
