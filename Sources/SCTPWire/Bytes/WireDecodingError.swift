/// Why some bytes could not be decoded, and where.
///
/// Decoding never judges protocol rules (that is the `Rules` module's job); it fails only when the
/// bytes cannot be read as the structure they claim to be: too short, a length field that lies, a
/// value outside what the field can represent.
public struct WireDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Hashable, Sendable {
        /// Fewer bytes were left than the structure needs.
        case truncated(needed: Int, available: Int)
        /// A length field is smaller than the fixed part of the structure it describes.
        case lengthTooShort(declared: Int, minimum: Int)
        /// A length field points past the end of the enclosing structure.
        case lengthBeyondData(declared: Int, available: Int)
        /// A length that must be a multiple of some unit is not (e.g. gap blocks of 4 bytes).
        case lengthNotMultiple(declared: Int, of: Int)
        /// A field holds a value the structure cannot represent.
        case invalidValue(String)
    }

    /// Absolute byte offset of the problem in the buffer being decoded (packet, file, frame).
    public var offset: Int
    /// What was being decoded, e.g. `INIT chunk`, `state-cookie parameter`, `SCTP common header`.
    public var context: String
    /// What was wrong.
    public var reason: Reason

    public init(offset: Int, context: String, reason: Reason) {
        self.offset = offset
        self.context = context
        self.reason = reason
    }

    /// `offset 12: INIT chunk: length 8 is shorter than the minimum 20`.
    public var description: String {
        let what: String
        switch self.reason {
        case .truncated(let needed, let available):
            what = "truncated: needs \(needed) bytes, \(available) available"
        case .lengthTooShort(let declared, let minimum):
            what = "length \(declared) is shorter than the minimum \(minimum)"
        case .lengthBeyondData(let declared, let available):
            what = "length \(declared) runs past the end of the data (\(available) bytes available)"
        case .lengthNotMultiple(let declared, let unit):
            what = "length \(declared) is not a multiple of \(unit)"
        case .invalidValue(let text):
            what = text
        }
        return "offset \(self.offset): \(self.context): \(what)"
    }
}
