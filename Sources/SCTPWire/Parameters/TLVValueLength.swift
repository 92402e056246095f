/// How long the value of a parameter or error cause TLV may be, so that framing can reject a length
/// field that cannot describe the structure before the value is read (RFC 9260 §3.2.1, §3.3.10).
public enum TLVValueLength: Hashable, Sendable {
    /// Exactly this many value bytes (an IPv4 address: 4).
    case exactly(Int)
    /// One of these value lengths (a Re-configuration Response: 8 or 16).
    case oneOf([Int])
    /// At least `minimum` bytes, the rest a whole number of `unit`-byte items (a list of 2-byte types).
    case atLeast(Int, unit: Int)

    /// Opaque data of any length, empty included.
    public static let any = TLVValueLength.atLeast(0, unit: 1)

    /// The smallest value length this layout accepts.
    public var minimum: Int {
        switch self {
        case .exactly(let count): count
        case .oneOf(let counts): counts.min() ?? 0
        case .atLeast(let minimum, _): minimum
        }
    }

    /// Checks a value of `valueLength` bytes whose TLV declared `declared` bytes in its length field
    /// at `lengthOffset`, in the context of `reader`.
    func check(
        valueLength: Int, declared: Int, lengthOffset: Int, reader: ByteReader
    ) throws(WireDecodingError) {
        let header = TLVFraming.headerLength
        switch self {
        case .exactly(let count):
            if valueLength < count {
                throw reader.error(.lengthTooShort(declared: declared, minimum: header + count), at: lengthOffset)
            }
            if valueLength != count {
                throw reader.error(
                    .invalidValue("length \(declared) is not the fixed length \(header + count)"), at: lengthOffset)
            }
        case .oneOf(let counts):
            let minimum = counts.min() ?? 0
            if valueLength < minimum {
                throw reader.error(.lengthTooShort(declared: declared, minimum: header + minimum), at: lengthOffset)
            }
            if !counts.contains(valueLength) {
                let allowed = counts.map { String(header + $0) }.joined(separator: " or ")
                throw reader.error(.invalidValue("length \(declared) is not \(allowed)"), at: lengthOffset)
            }
        case .atLeast(let minimum, let unit):
            if valueLength < minimum {
                throw reader.error(.lengthTooShort(declared: declared, minimum: header + minimum), at: lengthOffset)
            }
            if unit > 1, (valueLength - minimum) % unit != 0 {
                throw reader.error(.lengthNotMultiple(declared: declared, of: unit), at: lengthOffset)
            }
        }
    }
}
