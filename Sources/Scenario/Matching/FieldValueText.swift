import SCTPWire

/// Short, readable text for field values in messages and reports: `5000`, `3735928559 (0xdeadbeef)`,
/// `"hello"`, `0x0a0b0c`, `[1, 2]`, `state-cookie {cookie: 0x…}`.
public enum FieldValueText {
    /// Bytes beyond this many are elided in messages.
    public static let byteLimit = 32

    public static func describe(_ value: FieldValue) -> String {
        switch value {
        case .unsigned(let number):
            return number > 0xFFFF ? "\(number) (0x\(String(number, radix: 16)))" : String(number)
        case .bytes(let bytes):
            return Self.describe(bytes: bytes)
        case .text(let text):
            return "\"\(text)\""
        case .flag(let flag):
            return flag ? "true" : "false"
        case .list(let elements):
            return "[" + elements.map(Self.describe).joined(separator: ", ") + "]"
        case .record(let record):
            return Self.describe(record)
        }
    }

    public static func describe(_ record: FieldRecord) -> String {
        let fields = record.fields.map { "\($0.name): \(Self.describe($0.value))" }
        return fields.isEmpty ? record.kind : "\(record.kind) {\(fields.joined(separator: ", "))}"
    }

    /// Printable ASCII as `"text"`, anything else as hex; long values elided with their size.
    public static func describe(bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "(0 bytes)" }
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && bytes.count <= Self.byteLimit * 2 {
            return "\"" + String(decoding: bytes, as: UTF8.self) + "\""
        }
        let shown = bytes.prefix(Self.byteLimit).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        return bytes.count > Self.byteLimit ? "0x\(shown)… (\(bytes.count) bytes)" : "0x\(shown)"
    }

    /// Lowercase hex without prefix (for JSON reports).
    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
