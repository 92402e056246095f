/// The one walk over a packet's chunks (RFC 9260 §3.2), in place: from the end of the common header,
/// each chunk header as written (type, flags, declared length), then on past its padding. It never
/// traps and copies or retains nothing per chunk, so the rules' hot loops, `RawChunkSequence` and the
/// decoders all walk with it.
///
/// It yields every chunk whose 4-byte header is there and stops after one whose length cannot frame it
/// (under 4, or past the end of the data: where the next chunk starts is then unknown). Bytes too few
/// for a header at the end are not yielded; `endsInPartialHeader` tells them.
public struct RawChunkWalk<Bytes: RawBytes>: Sequence, IteratorProtocol {
    /// One chunk header where the walk found it.
    public struct Header: Hashable, Sendable {
        /// Where the chunk header starts.
        public let offset: Int
        public let type: ChunkType
        public let flags: UInt8
        /// The length field as written, lies included.
        public let declaredLength: Int
        /// Bytes from `offset` to the end of the data.
        public let available: Int

        @inlinable
        init(offset: Int, type: ChunkType, flags: UInt8, declaredLength: Int, available: Int) {
            self.offset = offset
            self.type = type
            self.flags = flags
            self.declaredLength = declaredLength
            self.available = available
        }

        /// Whether the length can describe the chunk: at least its header, and within the data.
        @inlinable
        public var isLengthSane: Bool {
            self.declaredLength >= 4 && self.declaredLength <= self.available
        }
    }

    public let bytes: Bytes
    @usableFromInline var position: Int
    @usableFromInline var stopped = false

    /// Where the next header is looked for; once the walk is over, where it stopped: the end of the
    /// data, the start of bytes too few for a header, or the chunk whose length could not frame it.
    @inlinable public var offset: Int { self.position }
    /// Whether the walk stopped at a chunk whose length could not frame it.
    @inlinable public var stoppedAtLyingLength: Bool { self.stopped }

    /// A walk over `bytes` (a whole SCTP packet) from the first chunk, or from `offset`.
    @inlinable
    public init(_ bytes: Bytes, from offset: Int = CommonHeader.length) {
        self.bytes = bytes
        self.position = Swift.max(0, offset)
    }

    @inlinable
    public mutating func next() -> Header? {
        let offset = self.position
        let count = self.bytes.count
        guard !self.stopped, offset <= count &- 4 else { return nil }
        let header = Header(
            offset: offset, type: ChunkType(rawValue: self.bytes.uncheckedByte(at: offset)),
            flags: self.bytes.uncheckedByte(at: offset + 1),
            declaredLength: Int(self.bytes.uncheckedBigEndianUInt16(at: offset + 2)), available: count - offset)
        if header.isLengthSane {
            self.position = Swift.min(offset + ((header.declaredLength + 3) & ~3), count)
        } else {
            self.stopped = true
        }
        return header
    }

    /// Once the walk is over: whether it ended on bytes too few for a chunk header (`offset` on).
    @inlinable
    public var endsInPartialHeader: Bool {
        !self.stopped && self.position < self.bytes.count
    }
}

extension RawChunkWalk: Sendable where Bytes: Sendable {}
