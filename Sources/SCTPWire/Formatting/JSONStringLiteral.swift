/// JSON string literals (RFC 8259 §7), for every JSON the tool prints or writes: `decode --json`,
/// field records, reports. Control characters become `\uXXXX`; everything else above them is
/// written as is (UTF-8 output).
public enum JSONStringLiteral {
    /// Appends `text` as a quoted, escaped JSON string.
    public static func write(_ text: String, into output: inout String) {
        output.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output.append("\"")
    }

    /// `text` as a quoted, escaped JSON string.
    public static func quoted(_ text: String) -> String {
        var output = ""
        Self.write(text, into: &output)
        return output
    }
}
