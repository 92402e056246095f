/// Text renderings of field records: a YAML-style verbose form (the way scenarios write chunks, so
/// a decoded chunk can be pasted into a scenario) and JSON. Both keep fields in wire order.
///
/// Bytes print as quoted lowercase hex (`"68656c6c6f"`), text as a quoted string, flags as `true` or
/// `false`, unsigned integers in decimal.
public enum FieldRecordText {
    /// The verbose multi-line form:
    /// ```
    /// init:
    ///   flags: 0
    ///   initiate_tag: 4091293831
    ///   parameters:
    ///     - supported-address-types: {types: [5]}
    /// ```
    public static func verbose(_ record: FieldRecord) -> String {
        var lines: [String] = []
        Self.appendRecord(record, label: record.kind, indent: "", into: &lines)
        return lines.joined(separator: "\n")
    }

    /// The verbose form of a packet: its header, then each chunk (numbered in comments as tcpdump does).
    public static func verbose(_ packet: SCTPPacket) -> String {
        var lines: [String] = []
        Self.appendRecord(packet.header.fieldRecord, label: CommonHeader.kind, indent: "", into: &lines)
        lines.append("chunks:")
        for (index, chunk) in packet.chunks.enumerated() {
            lines.append("  # \(index + 1)) \(chunk.type)")
            Self.appendRecord(chunk.fieldRecord, label: "- " + chunk.fieldRecord.kind, indent: "  ", into: &lines)
        }
        if packet.chunks.isEmpty {
            lines[lines.count - 1] = "chunks: []"
        }
        return lines.joined(separator: "\n")
    }

    /// JSON: `{"kind":"data","flags":3,...}`, nested records the same way, lists as arrays.
    public static func json(_ record: FieldRecord, pretty: Bool = false) -> String {
        var output = UTF8TextBuffer()
        Self.appendJSON(record: record, indent: pretty ? 0 : nil, into: &output)
        return output.string
    }

    /// JSON of a field value.
    public static func json(_ value: FieldValue, pretty: Bool = false) -> String {
        var output = UTF8TextBuffer()
        Self.appendJSON(value, indent: pretty ? 0 : nil, into: &output)
        return output.string
    }

    /// Appends the compact JSON of `record` (what `json(_:)` returns) to a byte buffer.
    public static func appendJSON(_ record: FieldRecord, to output: inout UTF8TextBuffer) {
        Self.appendJSON(record: record, indent: nil, into: &output)
    }

    // MARK: Verbose

    static func appendRecord(_ record: FieldRecord, label: String, indent: String, into lines: inout [String]) {
        if let inline = Self.inline(record), (indent.count + label.count + inline.count) <= 100 {
            lines.append("\(indent)\(label): \(inline)")
            return
        }
        lines.append("\(indent)\(label):")
        // Fields line up under the label's text (past a list item's `- `).
        let fieldIndent = indent + String(repeating: " ", count: label.hasPrefix("- ") ? 4 : 2)
        for field in record.fields {
            Self.appendField(name: field.name, value: field.value, indent: fieldIndent, into: &lines)
        }
    }

    static func appendField(name: String, value: FieldValue, indent: String, into lines: inout [String]) {
        if let scalar = Self.scalar(value) {
            lines.append("\(indent)\(name): \(scalar)")
            return
        }
        switch value {
        case .record(let record):
            lines.append("\(indent)\(name):")
            Self.appendRecord(record, label: record.kind, indent: indent + "  ", into: &lines)
        case .list(let items):
            if let inline = Self.inline(list: items) {
                lines.append("\(indent)\(name): \(inline)")
                return
            }
            lines.append("\(indent)\(name):")
            for item in items {
                if case .record(let record) = item {
                    Self.appendRecord(record, label: "- " + record.kind, indent: indent + "  ", into: &lines)
                } else if let scalar = Self.scalar(item) {
                    lines.append("\(indent)  - \(scalar)")
                } else {
                    lines.append("\(indent)  - \(Self.json(item))")
                }
            }
        case .unsigned, .bytes, .text, .flag:
            break
        }
    }

    /// A scalar value's text, or nil for lists and records.
    static func scalar(_ value: FieldValue) -> String? {
        switch value {
        case .unsigned(let number): String(number)
        case .bytes(let bytes): "\"" + Self.hex(bytes) + "\""
        case .text(let text): Self.quoted(text)
        case .flag(let isSet): isSet ? "true" : "false"
        case .list, .record: nil
        }
    }

    /// `[1, 2]` for a list of scalars, `[]` for an empty list, nil otherwise.
    static func inline(list items: [FieldValue]) -> String? {
        var parts: [String] = []
        for item in items {
            guard let scalar = Self.scalar(item) else { return nil }
            parts.append(scalar)
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }

    /// `{start: 1, end: 2}` for a record of scalars and scalar lists, nil otherwise.
    static func inline(_ record: FieldRecord) -> String? {
        var parts: [String] = []
        for field in record.fields {
            if let scalar = Self.scalar(field.value) {
                parts.append("\(field.name): \(scalar)")
            } else if case .list(let items) = field.value, let list = Self.inline(list: items) {
                parts.append("\(field.name): \(list)")
            } else {
                return nil
            }
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    // MARK: JSON

    /// `indent`: the spaces before the current line when pretty, nil for the compact form.
    static func appendJSON(_ value: FieldValue, indent: Int?, into output: inout UTF8TextBuffer) {
        switch value {
        case .unsigned(let number): output.append(decimal: number)
        case .bytes(let bytes):
            output.append(ascii: UInt8(ascii: "\""))
            Self.appendHex(bytes, into: &output)
            output.append(ascii: UInt8(ascii: "\""))
        case .text(let text): JSONStringLiteral.write(text, into: &output)
        case .flag(let isSet): output.append(isSet ? "true" : "false")
        case .list(let items):
            output.append(ascii: UInt8(ascii: "["))
            if items.isEmpty {
                output.append(ascii: UInt8(ascii: "]"))
                return
            }
            let inner = indent.map { $0 + 2 }
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(ascii: UInt8(ascii: ",")) }
                Self.appendLineBreak(indent: inner, into: &output)
                Self.appendJSON(item, indent: inner, into: &output)
            }
            Self.appendLineBreak(indent: indent, into: &output)
            output.append(ascii: UInt8(ascii: "]"))
        case .record(let record):
            Self.appendJSON(record: record, indent: indent, into: &output)
        }
    }

    /// `{"kind":…,` then the fields in order.
    static func appendJSON(record: FieldRecord, indent: Int?, into output: inout UTF8TextBuffer) {
        let inner = indent.map { $0 + 2 }
        let separator: StaticString = indent == nil ? ":" : ": "
        output.append(ascii: UInt8(ascii: "{"))
        Self.appendLineBreak(indent: inner, into: &output)
        output.append("\"kind\"")
        output.append(separator)
        JSONStringLiteral.write(record.kind, into: &output)
        for field in record.fields {
            output.append(ascii: UInt8(ascii: ","))
            Self.appendLineBreak(indent: inner, into: &output)
            JSONStringLiteral.write(field.name, into: &output)
            output.append(separator)
            Self.appendJSON(field.value, indent: inner, into: &output)
        }
        Self.appendLineBreak(indent: indent, into: &output)
        output.append(ascii: UInt8(ascii: "}"))
    }

    /// A newline and `indent` spaces when pretty; nothing when compact.
    static func appendLineBreak(indent: Int?, into output: inout UTF8TextBuffer) {
        guard let indent else { return }
        output.append(ascii: UInt8(ascii: "\n"))
        output.bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }

    /// A JSON (and YAML double-quoted) string literal.
    static func quoted(_ text: String) -> String {
        JSONStringLiteral.quoted(text)
    }

    /// Lowercase hex without separators.
    static func hex(_ bytes: [UInt8]) -> String {
        var output = UTF8TextBuffer(capacity: bytes.count * 2)
        Self.appendHex(bytes, into: &output)
        return output.string
    }

    static func appendHex(_ bytes: [UInt8], into output: inout UTF8TextBuffer) {
        let text = [UInt8](unsafeUninitializedCapacity: bytes.count * 2) { buffer, initialized in
            for (index, byte) in bytes.enumerated() {
                buffer[2 * index] = Self.hexDigit(byte >> 4)
                buffer[2 * index + 1] = Self.hexDigit(byte & 0x0f)
            }
            initialized = bytes.count * 2
        }
        output.bytes.append(contentsOf: text)
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
