import SCTPWire
import Testing

/// One verifier for every codec type in SCTPWire (packets, chunks, parameters, error causes).
///
/// Given the encoded bytes of a valid value, `verify(_:)` checks that
/// 1. decoding and re-encoding gives the same bytes, and the decoder consumed exactly those bytes;
/// 2. every strict truncated prefix is rejected with a `WireDecodingError` (prefixes the
///    `PrefixPolicy` declares valid must decode instead: a TLV without its trailing padding, a packet
///    cut at a chunk boundary);
/// 3. decoding the same bytes inside a larger buffer (garbage before and after, reader limited to the
///    value's range) gives the same value, and every error is reported at an absolute offset: the
///    offset of the same error in the stand-alone buffer, shifted by where the value starts;
/// 4. encoding appends to what a writer already holds and never touches it;
/// 5. field record → value → field record gives the same value and the same record.
///
/// The codec is passed as closures so that one verifier serves every type, e.g.
/// ```swift
/// let verifier = CodecVerifier<Parameter>(
///     name: "parameter",
///     decode: { try Parameter.decode(from: &$0) },
///     encode: { $0.encode(into: &$1) },
///     prefixPolicy: .tlv,
///     fieldRecord: { $0.fieldRecord },
///     fromFieldRecord: { try Parameter(fieldRecord: $0) })
/// verifier.verify(bytes, expected: .ecnCapable)
/// ```
struct CodecVerifier<Value: Equatable>: Sendable {
    /// Which strict prefixes of a valid encoding are themselves valid encodings.
    enum PrefixPolicy: Sendable {
        /// Every strict prefix must be rejected.
        case rejectAll
        /// A TLV (chunk, parameter, cause): bytes 2..<4 hold the unpadded length; prefixes at least that
        /// long only drop padding and must decode to the same value, shorter ones must be rejected.
        case tlv
        /// Prefixes of exactly these lengths are valid (must decode, to any value); all others rejected.
        case validLengths(Set<Int>)
    }

    /// Decodes one value starting at the reader's offset. Must throw only `WireDecodingError`.
    typealias Decode = @Sendable (inout ByteReader) throws -> Value
    /// Appends the encoding of a value to a writer.
    typealias Encode = @Sendable (Value, inout ByteWriter) -> Void

    var name: String
    var decode: Decode
    var encode: Encode
    var prefixPolicy: PrefixPolicy
    var fieldRecord: (@Sendable (Value) -> FieldRecord)?
    var fromFieldRecord: (@Sendable (FieldRecord) throws -> Value)?

    init(
        name: String,
        decode: @escaping Decode,
        encode: @escaping Encode,
        prefixPolicy: PrefixPolicy,
        fieldRecord: (@Sendable (Value) -> FieldRecord)? = nil,
        fromFieldRecord: (@Sendable (FieldRecord) throws -> Value)? = nil
    ) {
        self.name = name
        self.decode = decode
        self.encode = encode
        self.prefixPolicy = prefixPolicy
        self.fieldRecord = fieldRecord
        self.fromFieldRecord = fromFieldRecord
    }

    /// Bytes placed before an embedded value (odd count: catches code that assumes alignment).
    static var leadingGarbage: [UInt8] { [0xA5, 0x5A, 0xFF, 0x00, 0x13, 0x37, 0xC3] }
    /// Bytes placed after an embedded value: a decoder that reads past its range sees these.
    static var trailingGarbage: [UInt8] { [0x00, 0x0C, 0x00, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x02] }
    /// What an encoder finds in its writer before it starts (a multiple of 4, so padding is unaffected).
    static var writerMarker: [UInt8] { [0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE] }

    /// Runs every check on `bytes`, the valid encoding of one value. Returns the decoded value (nil if
    /// it did not decode, which is recorded as an issue).
    @discardableResult
    func verify(
        _ bytes: [UInt8], expected: Value? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) -> Value? {
        guard let value = self.checkRoundTrip(bytes, expected: expected, sourceLocation: sourceLocation) else {
            return nil
        }
        self.checkEmbedded(bytes, value: value, sourceLocation: sourceLocation)
        self.checkPrefixes(bytes, value: value, sourceLocation: sourceLocation)
        self.checkFieldRecord(value, sourceLocation: sourceLocation)
        return value
    }

    /// The outcome of decoding `range` of `buffer`.
    enum Outcome {
        case value(Value, end: Int)
        case wireError(WireDecodingError)
        case otherError(any Error)
    }

    func run(_ buffer: [UInt8], range: Range<Int>) -> Outcome {
        var reader = ByteReader(buffer, range: range, context: "verifier")
        do {
            let value = try self.decode(&reader)
            return .value(value, end: reader.offset)
        } catch let error as WireDecodingError {
            return .wireError(error)
        } catch {
            return .otherError(error)
        }
    }

    func checkRoundTrip(_ bytes: [UInt8], expected: Value?, sourceLocation: SourceLocation) -> Value? {
        switch self.run(bytes, range: 0..<bytes.count) {
        case .wireError(let error):
            Issue.record("\(self.name): valid bytes rejected: \(error)", sourceLocation: sourceLocation)
            return nil
        case .otherError(let error):
            Issue.record("\(self.name): decode threw a non-wire error: \(error)", sourceLocation: sourceLocation)
            return nil
        case .value(let value, let end):
            if end != bytes.count {
                Issue.record(
                    "\(self.name): decoder stopped at \(end) of \(bytes.count) bytes", sourceLocation: sourceLocation)
            }
            if let expected, expected != value {
                Issue.record(
                    "\(self.name): decoded \(value), expected \(expected)", sourceLocation: sourceLocation)
            }
            var writer = ByteWriter()
            writer.writeBytes(Self.writerMarker)
            self.encode(value, &writer)
            let marker = Array(writer.bytes.prefix(Self.writerMarker.count))
            let written = Array(writer.bytes.dropFirst(Self.writerMarker.count))
            if marker != Self.writerMarker {
                Issue.record(
                    "\(self.name): encoder overwrote bytes already in the writer",
                    sourceLocation: sourceLocation)
            }
            if written != bytes {
                Issue.record(
                    "\(self.name): re-encoding differs\n  decoded: \(hex(bytes))\n  encoded: \(hex(written))",
                    sourceLocation: sourceLocation)
            }
            return value
        }
    }

    func checkEmbedded(_ bytes: [UInt8], value: Value, sourceLocation: SourceLocation) {
        let start = Self.leadingGarbage.count
        let buffer = Self.leadingGarbage + bytes + Self.trailingGarbage
        switch self.run(buffer, range: start..<(start + bytes.count)) {
        case .value(let embedded, let end):
            if embedded != value {
                Issue.record(
                    "\(self.name): decoding inside a larger buffer gave \(embedded), not \(value)",
                    sourceLocation: sourceLocation)
            }
            if end != start + bytes.count {
                Issue.record(
                    "\(self.name): embedded decoder stopped at \(end), expected \(start + bytes.count)",
                    sourceLocation: sourceLocation)
            }
        case .wireError(let error):
            Issue.record(
                "\(self.name): valid bytes rejected inside a larger buffer: \(error)",
                sourceLocation: sourceLocation)
        case .otherError(let error):
            Issue.record("\(self.name): decode threw a non-wire error: \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Whether a prefix of `length` bytes is itself valid, and whether it must decode to the same value.
    func prefixExpectation(_ bytes: [UInt8], length: Int) -> (valid: Bool, sameValue: Bool) {
        switch self.prefixPolicy {
        case .rejectAll:
            return (false, false)
        case .tlv:
            guard bytes.count >= 4 else { return (false, false) }
            let unpadded = Int(bytes[2]) << 8 | Int(bytes[3])
            return length >= unpadded ? (true, true) : (false, false)
        case .validLengths(let lengths):
            return (lengths.contains(length), false)
        }
    }

    func checkPrefixes(_ bytes: [UInt8], value: Value, sourceLocation: SourceLocation) {
        let start = Self.leadingGarbage.count
        for length in 0..<bytes.count {
            let prefix = Array(bytes[0..<length])
            let expectation = self.prefixExpectation(bytes, length: length)
            let plain = self.run(prefix, range: 0..<length)
            // The prefix inside a buffer that still holds the rest of the value and more: a decoder that
            // reads past its range would find plausible bytes there.
            let buffer = Self.leadingGarbage + bytes + Self.trailingGarbage
            let embedded = self.run(buffer, range: start..<(start + length))
            switch (plain, embedded) {
            case (.wireError(let plainError), .wireError(let embeddedError)):
                if expectation.valid {
                    Issue.record(
                        "\(self.name): valid \(length)-byte prefix rejected: \(plainError)",
                        sourceLocation: sourceLocation)
                }
                if embeddedError.offset != plainError.offset + start {
                    Issue.record(
                        """
                        \(self.name): \(length)-byte prefix: error offset \(embeddedError.offset) inside a larger \
                        buffer, expected \(plainError.offset + start) (not absolute?): \(embeddedError)
                        """,
                        sourceLocation: sourceLocation)
                }
                if plainError.offset < 0 || plainError.offset > length {
                    Issue.record(
                        "\(self.name): \(length)-byte prefix: error offset \(plainError.offset) outside the input",
                        sourceLocation: sourceLocation)
                }
            case (.value(let plainValue, _), .value(let embeddedValue, _)):
                if !expectation.valid {
                    Issue.record(
                        "\(self.name): truncated \(length)-byte prefix was accepted as \(plainValue)",
                        sourceLocation: sourceLocation)
                } else if expectation.sameValue && plainValue != value {
                    Issue.record(
                        "\(self.name): \(length)-byte prefix (padding dropped) decoded to \(plainValue)",
                        sourceLocation: sourceLocation)
                }
                if plainValue != embeddedValue {
                    Issue.record(
                        "\(self.name): \(length)-byte prefix decodes differently inside a larger buffer",
                        sourceLocation: sourceLocation)
                }
            case (.otherError(let error), _), (_, .otherError(let error)):
                Issue.record(
                    "\(self.name): \(length)-byte prefix threw a non-wire error: \(error)",
                    sourceLocation: sourceLocation)
            default:
                Issue.record(
                    "\(self.name): \(length)-byte prefix: stand-alone and embedded decoding disagree",
                    sourceLocation: sourceLocation)
            }
        }
    }

    func checkFieldRecord(_ value: Value, sourceLocation: SourceLocation) {
        guard let fieldRecord = self.fieldRecord, let fromFieldRecord = self.fromFieldRecord else { return }
        let record = fieldRecord(value)
        do {
            let rebuilt = try fromFieldRecord(record)
            if rebuilt != value {
                Issue.record(
                    "\(self.name): field record \(record) rebuilt \(rebuilt), expected \(value)",
                    sourceLocation: sourceLocation)
            }
            let again = fieldRecord(rebuilt)
            if again != record {
                Issue.record(
                    "\(self.name): field record changed on a round trip:\n  \(record)\n  \(again)",
                    sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("\(self.name): field record \(record) rejected: \(error)", sourceLocation: sourceLocation)
        }
    }
}

/// `01 02 ff`, for messages.
fileprivate func hex(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }.joined(separator: " ")
}
