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
        var output = ""
        Self.appendJSON(.record(record), indent: pretty ? "" : nil, into: &output)
        return output
    }

    /// JSON of a field value.
    public static func json(_ value: FieldValue, pretty: Bool = false) -> String {
        var output = ""
        Self.appendJSON(value, indent: pretty ? "" : nil, into: &output)
        return output
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

    static func appendJSON(_ value: FieldValue, indent: String?, into output: inout String) {
        switch value {
        case .unsigned(let number): output += String(number)
        case .bytes(let bytes): output += "\"" + Self.hex(bytes) + "\""
        case .text(let text): output += Self.quoted(text)
        case .flag(let isSet): output += isSet ? "true" : "false"
        case .list(let items):
            Self.appendJSONContainer(
                open: "[", close: "]", count: items.count, indent: indent, into: &output
            ) { index, inner, output in
                Self.appendJSON(items[index], indent: inner, into: &output)
            }
        case .record(let record):
            let members = [FieldRecord.Field("kind", .text(record.kind))] + record.fields
            let separator = indent == nil ? ":" : ": "
            Self.appendJSONContainer(
                open: "{", close: "}", count: members.count, indent: indent, into: &output
            ) { index, inner, output in
                output += Self.quoted(members[index].name) + separator
                Self.appendJSON(members[index].value, indent: inner, into: &output)
            }
        }
    }

    static func appendJSONContainer(
        open: String, close: String, count: Int, indent: String?, into output: inout String,
        element: (Int, String?, inout String) -> Void
    ) {
        output += open
        if count == 0 {
            output += close
            return
        }
        let inner = indent.map { $0 + "  " }
        for index in 0..<count {
            if index > 0 { output += "," }
            if let inner { output += "\n" + inner }
            element(index, inner, &output)
        }
        if let indent { output += "\n" + indent }
        output += close
    }

    /// A JSON (and YAML double-quoted) string literal.
    static func quoted(_ text: String) -> String {
        JSONStringLiteral.quoted(text)
    }

    /// Lowercase hex without separators.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
