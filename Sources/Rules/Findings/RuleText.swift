/// Number formatting shared by finding messages.
enum RuleText {
    /// `0x1a2b3c4d`.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// `0x0f`.
    static func hex8(_ value: UInt8) -> String {
        let digits = String(value, radix: 16)
        return digits.count == 1 ? "0x0" + digits : "0x" + digits
    }

    /// `0x8001`.
    static func hex16(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `packet #12`.
    static func packet(_ number: Int) -> String {
        "packet #\(number)"
    }
}
