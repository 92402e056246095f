/// JSON string literals (RFC 8259 §7), for every JSON the tool prints or writes: `decode --json`,
/// field records, reports. Control characters become `\uXXXX`; everything else above them is
/// written as is (UTF-8 output).
public enum JSONStringLiteral {
    /// Appends `text` as a quoted, escaped JSON string.
    public static func write(_ text: String, into output: inout String) {
        var buffer = UTF8TextBuffer(capacity: text.utf8.count + 2)
        Self.write(text, into: &buffer)
        output += buffer.string
    }

    /// Appends `text` as a quoted, escaped JSON string to a byte buffer.
    public static func write(_ text: String, into output: inout UTF8TextBuffer) {
        var text = text
        output.append(ascii: UInt8(ascii: "\""))
        text.withUTF8 { Self.appendEscaped($0, into: &output) }
        output.append(ascii: UInt8(ascii: "\""))
    }

    /// Appends UTF-8 text escaped for the inside of a JSON string (without the quotes).
    public static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, into output: inout UTF8TextBuffer) {
        var plainStart = 0
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            output.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
            plainStart = index + 1
            switch byte {
            case UInt8(ascii: "\""): output.append("\\\"")
            case UInt8(ascii: "\\"): output.append("\\\\")
            case UInt8(ascii: "\n"): output.append("\\n")
            case UInt8(ascii: "\r"): output.append("\\r")
            case UInt8(ascii: "\t"): output.append("\\t")
            default:
                output.append("\\u")
                output.append(hex: UInt64(byte), width: 4)
            }
        }
        output.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart...]))
    }

    /// `text` as a quoted, escaped JSON string.
    public static func quoted(_ text: String) -> String {
        var output = UTF8TextBuffer(capacity: text.utf8.count + 2)
        Self.write(text, into: &output)
        return output.string
    }
}
