/// A tolerant view of one chunk inside a `RawPacket`'s bytes: whatever the header says, lies
/// included. Every property is computed without trapping, so rules can flag malformed chunks (a
/// length shorter than 4, a length past the end, non-zero or missing padding) that typed decoding
/// rejects or hides.
public struct RawChunk: Hashable, Sendable {
    /// The bytes of the whole packet (or of a stand-alone chunk) this view looks into.
    public let bytes: [UInt8]
    /// Absolute offset of the chunk header in `bytes`.
    public let offset: Int

    /// A view of the chunk starting at `offset` of `bytes`.
    public init(bytes: [UInt8], offset: Int) {
        self.bytes = bytes
        self.offset = max(0, offset)
    }

    /// A stand-alone view of a typed chunk, encoded at offset 0.
    public init(_ chunk: Chunk) {
        self.init(bytes: chunk.encoded, offset: 0)
    }

    /// Bytes from `offset` to the end of `bytes`.
    public var availableLength: Int {
        max(0, self.bytes.count - self.offset)
    }

    /// Whether the 4-byte chunk header (type, flags, length) is all there.
    public var isHeaderComplete: Bool {
        self.availableLength >= ChunkFraming.headerLength
    }

    /// The type byte (0 when absent).
    public var type: ChunkType {
        ChunkType(self.byte(at: self.offset))
    }

    /// The flags byte (0 when absent).
    public var flags: UInt8 {
        self.byte(at: self.offset + 1)
    }

    /// The length field as written (0 when the header is incomplete).
    public var declaredLength: Int {
        guard self.isHeaderComplete else { return 0 }
        return Int(self.bytes[self.offset + 2]) << 8 | Int(self.bytes[self.offset + 3])
    }

    /// Whether the length field can describe this chunk: at least the header, and within the data.
    public var isLengthSane: Bool {
        self.isHeaderComplete && self.declaredLength >= ChunkFraming.headerLength
            && self.declaredLength <= self.availableLength
    }

    /// The value bytes' range: after the header, up to the declared length, clamped to the data.
    public var valueRange: Range<Int> {
        let start = min(self.offset + ChunkFraming.headerLength, self.bytes.count)
        let end = min(max(start, self.offset + self.declaredLength), self.bytes.count)
        return start..<end
    }

    /// The value bytes (clamped to the data).
    public var value: ArraySlice<UInt8> {
        self.bytes[self.valueRange]
    }

    /// How many padding bytes a chunk of the declared length should be followed by (RFC 9260 §3.2).
    public var expectedPaddingLength: Int {
        ChunkFraming.paddingLength(after: self.declaredLength)
    }

    /// The range of the padding bytes actually present (possibly shorter than expected at the end of
    /// the packet; empty when the length is not sane).
    public var paddingRange: Range<Int> {
        guard self.isLengthSane else { return self.valueRange.upperBound..<self.valueRange.upperBound }
        let start = self.offset + self.declaredLength
        return start..<min(start + self.expectedPaddingLength, self.bytes.count)
    }

    /// The padding bytes present.
    public var padding: ArraySlice<UInt8> {
        self.bytes[self.paddingRange]
    }

    /// Whether every expected padding byte is present.
    public var isPaddingComplete: Bool {
        self.isLengthSane && self.paddingRange.count == self.expectedPaddingLength
    }

    /// Whether the padding present is all zeros (RFC 9260 §3.2: the sender pads with zeros).
    public var isPaddingZero: Bool {
        self.padding.allSatisfy { $0 == 0 }
    }

    /// Where the next chunk starts: after the padding for a sane length, the end of the data otherwise
    /// (a walk cannot go on past a lying length).
    public var nextOffset: Int {
        guard self.isLengthSane else { return max(self.offset, self.bytes.count) }
        return min(self.offset + self.declaredLength + self.expectedPaddingLength, self.bytes.count)
    }

    /// The whole chunk as it sits in the data: header, value and padding present, clamped.
    public var range: Range<Int> {
        let start = min(self.offset, self.bytes.count)
        return start..<max(start, self.nextOffset)
    }

    /// Decodes the typed chunk (errors carry absolute offsets into `bytes`).
    public func typed() throws(WireDecodingError) -> Chunk {
        try Chunk(raw: self)
    }

    private func byte(at index: Int) -> UInt8 {
        index >= 0 && index < self.bytes.count ? self.bytes[index] : 0
    }
}

extension Chunk {
    /// Decodes the chunk a raw view points at (its padding may be missing; errors carry offsets into
    /// the view's bytes).
    public init(raw: RawChunk) throws(WireDecodingError) {
        var reader = ByteReader(
            raw.bytes, range: min(raw.offset, raw.bytes.count)..<raw.bytes.count, decodingContext: .named("chunk"))
        self = try Chunk.decode(from: &reader)
    }
}
