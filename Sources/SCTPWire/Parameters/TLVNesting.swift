/// Bounds how deep TLVs may nest inside one another (an Add IP Address holding an address, an Error
/// Cause Indication holding causes that hold parameters, an Unrecognized Parameter echoing another),
/// so that hostile input cannot exhaust the stack. Real traffic nests two or three levels.
///
/// The depth travels in task-local values, so the public decoding signatures stay as they are and
/// concurrent decoders do not share it.
enum TLVNesting {
    /// How many typed TLVs may enclose one being decoded.
    static let maximumDecodingDepth = 16

    /// How many echoed parameters (kept as bytes) are shown as nested records before the rest is
    /// shown as bytes, which rebuild the same value.
    static let maximumEchoRecordDepth = 8

    /// Typed TLVs enclosing the one being decoded.
    @TaskLocal static var decodingDepth = 0

    /// Echo records enclosing the one being built.
    @TaskLocal static var echoRecordDepth = 0

    /// Runs `decode` one nesting level deeper, or fails at `offset` of `reader` when that is too deep.
    static func decodingNested<Value>(
        at offset: Int, of reader: ByteReader, _ decode: () throws(WireDecodingError) -> Value
    ) throws(WireDecodingError) -> Value {
        let depth = Self.decodingDepth
        if depth >= Self.maximumDecodingDepth {
            throw reader.error(
                .invalidValue("nested more than \(Self.maximumDecodingDepth) TLVs deep"), at: offset)
        }
        let result = Self.$decodingDepth.withValue(depth + 1) {
            Result { () throws(WireDecodingError) -> Value in try decode() }
        }
        return try result.get()
    }

    /// `record()` one echo level deeper, or `fallback` when that is too deep.
    static func echoRecord(_ record: () -> FieldValue, fallback: FieldValue) -> FieldValue {
        let depth = Self.echoRecordDepth
        if depth >= Self.maximumEchoRecordDepth {
            return fallback
        }
        return Self.$echoRecordDepth.withValue(depth + 1) { record() }
    }
}

/// A typed parameter or cause whose value holds further TLVs that decoding turns into typed values
/// (decoded one nesting level deeper, see `TLVNesting`).
protocol TLVContainer {}
