import SCTPWire

/// A JSON document with object keys kept in the order they were added, so a report is the same
/// bytes every time it is written from the same result.
public indirect enum JSONValue: Hashable, Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int64)
    case unsigned(UInt64)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.serialized())
    }

    /// `value` or `null`.
    public static func optional(_ value: String?) -> JSONValue {
        value.map { .string($0) } ?? .null
    }

    /// Pretty-printed with two-space indentation and a final newline.
    public func serialized() -> String {
        var output = ""
        self.write(into: &output, indent: 0)
        output.append("\n")
        return output
    }

    private func write(into output: inout String, indent: Int) {
        switch self {
        case .object(let members):
            if members.isEmpty {
                output.append("{}")
                return
            }
            output.append("{\n")
            for (index, (key, value)) in members.enumerated() {
                output.append(String(repeating: "  ", count: indent + 1))
                Self.writeString(key, into: &output)
                output.append(": ")
                value.write(into: &output, indent: indent + 1)
                output.append(index == members.count - 1 ? "\n" : ",\n")
            }
            output.append(String(repeating: "  ", count: indent) + "}")
        case .array(let elements):
            if elements.isEmpty {
                output.append("[]")
                return
            }
            if elements.allSatisfy(\.isScalar) {
                output.append("[")
                for (index, element) in elements.enumerated() {
                    if index > 0 { output.append(", ") }
                    element.write(into: &output, indent: indent)
                }
                output.append("]")
                return
            }
            output.append("[\n")
            for (index, element) in elements.enumerated() {
                output.append(String(repeating: "  ", count: indent + 1))
                element.write(into: &output, indent: indent + 1)
                output.append(index == elements.count - 1 ? "\n" : ",\n")
            }
            output.append(String(repeating: "  ", count: indent) + "]")
        case .string(let text):
            Self.writeString(text, into: &output)
        case .integer(let value):
            output.append(String(value))
        case .unsigned(let value):
            output.append(String(value))
        case .bool(let value):
            output.append(value ? "true" : "false")
        case .null:
            output.append("null")
        }
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array: false
        default: true
        }
    }

    /// RFC 8259 §7 string escaping.
    static func writeString(_ text: String, into output: inout String) {
        JSONStringLiteral.write(text, into: &output)
    }
}
