/// A content hash for deterministic file names: two independent 64-bit FNV-1a hashes (different
/// offset bases) of the bytes, as 32 hex digits. Not cryptographic: it only names files.
public enum ContentHash {
    public static func hex(_ text: String) -> String {
        var first: UInt64 = 0xCBF2_9CE4_8422_2325
        var second: UInt64 = 0x6C62_272E_07BB_0142
        for byte in text.utf8 {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            second ^= second >> 29
        }
        return Self.digits(first) + Self.digits(second)
    }

    private static func digits(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
