/// Any bytes, seen as an SCTP packet (RFC 9260 §3): the fuzzer's and the rules' face.
///
/// Holds whatever it is given, lying lengths and truncated headers included, and never traps: a
/// getter for a field that is not there returns nil, a setter for it does nothing. Chunks are walked
/// tolerantly (`chunks`); setters write any value, so a fuzzer can make lengths lie on purpose.
public struct RawPacket: Hashable, Sendable {
    /// The packet bytes.
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The encoding of a typed packet.
    public init(_ packet: SCTPPacket, checksum: ChecksumMode = .crc32c) {
        self.bytes = packet.encoded(checksum: checksum)
    }

    /// Whether the 12-byte common header is all there.
    public var isHeaderComplete: Bool {
        self.bytes.count >= CommonHeader.length
    }

    /// Source port (RFC 9260 §3.1), nil if absent; setting nil or on a short packet does nothing.
    public var sourcePort: UInt16? {
        get { self.uint16(at: 0) }
        set { if let newValue { self.setUInt16(newValue, at: 0) } }
    }

    /// Destination port.
    public var destinationPort: UInt16? {
        get { self.uint16(at: 2) }
        set { if let newValue { self.setUInt16(newValue, at: 2) } }
    }

    /// Verification tag.
    public var verificationTag: UInt32? {
        get { self.uint32(at: 4) }
        set { if let newValue { self.setUInt32(newValue, at: 4) } }
    }

    /// The checksum field, read big-endian.
    public var checksum: UInt32? {
        get { self.uint32(at: SCTPChecksum.fieldOffset) }
        set { if let newValue { self.setUInt32(newValue, at: SCTPChecksum.fieldOffset) } }
    }

    /// The common header, when complete.
    public var header: CommonHeader? {
        guard let sourcePort = self.sourcePort, let destinationPort = self.destinationPort,
            let tag = self.verificationTag, let checksum = self.checksum
        else { return nil }
        return CommonHeader(
            sourcePort: sourcePort, destinationPort: destinationPort, verificationTag: tag, checksum: checksum)
    }

    /// What the checksum field says (nil if the header is incomplete).
    public var checksumStatus: SCTPChecksum.Status? {
        SCTPChecksum.verify(self.bytes)
    }

    /// Writes the correct CRC32c into the checksum field (after mutating the bytes).
    public mutating func fillChecksum() {
        SCTPChecksum.fill(&self.bytes)
    }

    /// The chunks, walked tolerantly from offset 12: the walk stops after a chunk whose header is
    /// incomplete or whose length is not sane (it cannot know where the next one starts).
    public var chunks: RawChunkSequence {
        RawChunkSequence(bytes: self.bytes)
    }

    /// Decodes the typed packet (checksum not verified).
    public func typed() throws(WireDecodingError) -> SCTPPacket {
        try SCTPPacket(decoding: self.bytes)
    }

    // MARK: Writing anything anywhere

    /// Sets the type byte of the chunk at `offset` (no-op past the end).
    public mutating func setChunkType(_ type: ChunkType, ofChunkAt offset: Int) {
        self.setUInt8(type.rawValue, at: offset)
    }

    /// Sets the flags byte of the chunk at `offset` (no-op past the end).
    public mutating func setChunkFlags(_ flags: UInt8, ofChunkAt offset: Int) {
        self.setUInt8(flags, at: offset + 1)
    }

    /// Sets the length field of the chunk at `offset` to any value, lies included (no-op past the end).
    public mutating func setChunkLength(_ length: UInt16, ofChunkAt offset: Int) {
        self.setUInt16(length, at: offset + 2)
    }

    /// Appends a typed chunk, correctly framed and padded.
    public mutating func append(_ chunk: Chunk) {
        var writer = ByteWriter()
        writer.bytes = self.bytes
        chunk.encode(into: &writer)
        self.bytes = writer.bytes
    }

    /// Appends a chunk built by hand: `length` nil writes the true length, anything else is written as
    /// given; `padding` is appended as is (nil: the zero padding the true length needs).
    public mutating func appendChunk(
        type: ChunkType, flags: UInt8 = 0, value: [UInt8], length: UInt16? = nil, padding: [UInt8]? = nil
    ) {
        let trueLength = ChunkFraming.headerLength + value.count
        let written = length ?? UInt16(clamping: trueLength)
        self.bytes.append(type.rawValue)
        self.bytes.append(flags)
        self.bytes.append(UInt8(truncatingIfNeeded: written >> 8))
        self.bytes.append(UInt8(truncatingIfNeeded: written))
        self.bytes.append(contentsOf: value)
        self.bytes.append(
            contentsOf: padding ?? [UInt8](repeating: 0, count: ChunkFraming.paddingLength(after: trueLength)))
    }

    /// The byte at `offset`, nil past the end.
    public func uint8(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < self.bytes.count else { return nil }
        return self.bytes[offset]
    }

    /// The big-endian 16-bit value at `offset`, nil if not all there.
    public func uint16(at offset: Int) -> UInt16? {
        guard offset >= 0, offset <= self.bytes.count - 2 else { return nil }
        return UInt16(self.bytes[offset]) << 8 | UInt16(self.bytes[offset + 1])
    }

    /// The big-endian 32-bit value at `offset`, nil if not all there.
    public func uint32(at offset: Int) -> UInt32? {
        guard offset >= 0, offset <= self.bytes.count - 4 else { return nil }
        return UInt32(self.bytes[offset]) << 24 | UInt32(self.bytes[offset + 1]) << 16
            | UInt32(self.bytes[offset + 2]) << 8 | UInt32(self.bytes[offset + 3])
    }

    /// Writes a byte at `offset` (no-op if not all there).
    public mutating func setUInt8(_ value: UInt8, at offset: Int) {
        guard offset >= 0, offset < self.bytes.count else { return }
        self.bytes[offset] = value
    }

    /// Writes a big-endian 16-bit value at `offset` (no-op if not all there).
    public mutating func setUInt16(_ value: UInt16, at offset: Int) {
        guard offset >= 0, offset <= self.bytes.count - 2 else { return }
        self.bytes[offset] = UInt8(truncatingIfNeeded: value >> 8)
        self.bytes[offset + 1] = UInt8(truncatingIfNeeded: value)
    }

    /// Writes a big-endian 32-bit value at `offset` (no-op if not all there).
    public mutating func setUInt32(_ value: UInt32, at offset: Int) {
        guard offset >= 0, offset <= self.bytes.count - 4 else { return }
        self.bytes[offset] = UInt8(truncatingIfNeeded: value >> 24)
        self.bytes[offset + 1] = UInt8(truncatingIfNeeded: value >> 16)
        self.bytes[offset + 2] = UInt8(truncatingIfNeeded: value >> 8)
        self.bytes[offset + 3] = UInt8(truncatingIfNeeded: value)
    }
}

/// The chunks of a raw packet, walked without trapping (see `RawPacket.chunks`): `RawChunkWalk`'s
/// chunks as raw views, then bytes too few for a chunk header, if the packet ends in such.
public struct RawChunkSequence: Sequence, Sendable {
    /// The packet bytes.
    public let bytes: [UInt8]

    public struct Iterator: IteratorProtocol, Sendable {
        var walk: RawChunkWalk<[UInt8]>
        var done = false

        public mutating func next() -> RawChunk? {
            guard !self.done else { return nil }
            if let header = self.walk.next() {
                return RawChunk(bytes: self.walk.bytes, offset: header.offset)
            }
            self.done = true
            // A last chunk whose header is cut short (its view says so).
            return self.walk.endsInPartialHeader ? RawChunk(bytes: self.walk.bytes, offset: self.walk.offset) : nil
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(walk: RawChunkWalk(self.bytes))
    }

    /// Bytes after the last chunk the walk could frame (after a lying length: from that chunk on).
    public var unwalkedRange: Range<Int> {
        var walk = RawChunkWalk(self.bytes)
        var end = Swift.min(CommonHeader.length, self.bytes.count)
        while let header = walk.next() {
            guard header.isLengthSane else { return header.offset..<self.bytes.count }
            end = walk.offset
        }
        return end..<self.bytes.count
    }
}

extension SCTPPacket {
    /// Decodes the packet a raw view holds (checksum not verified).
    public init(raw: RawPacket) throws(WireDecodingError) {
        try self.init(decoding: raw.bytes)
    }
}
