/// The framing every chunk shares (RFC 9260 §3.2): an 8-bit type, an 8-bit flags byte, a 16-bit
/// length that counts the 4-byte header and the value but not the padding, the value, then zero to
/// three bytes of padding to a 4-byte boundary.
enum ChunkFraming {
    /// Bytes in the type, flags and length fields.
    static let headerLength = 4

    /// Padding that follows a chunk of `length` bytes (RFC 9260 §3.2).
    @inline(__always)
    static func paddingLength(after length: Int) -> Int {
        (4 - (length & 3)) & 3
    }

    /// One framed chunk: its type, flags, where it starts, its declared length and a reader over its value.
    struct Frame {
        var type: UInt8
        var flags: UInt8
        var start: Int
        var declaredLength: Int
        var value: ByteReader
    }

    /// Reads the header of one chunk at `reader`'s position and returns a reader over its value; moves
    /// past the value and past its padding where present (a last chunk may lack it: decoding does not
    /// judge, the raw view shows it). Everything is checked before `reader` moves: on error it is
    /// left unchanged.
    @inline(__always)
    static func readFrame(from reader: inout ByteReader) throws(WireDecodingError) -> Frame {
        let start = reader.offset
        let available = reader.remaining
        guard available >= Self.headerLength else {
            throw WireDecodingError(
                offset: start, context: "chunk header",
                reason: .truncated(needed: Self.headerLength, available: available))
        }
        let type = try reader.peekUInt8()
        let flags = try reader.peekUInt8(ahead: 1)
        let length = Int(try reader.peekUInt16(ahead: 2))
        if length < Self.headerLength {
            throw WireDecodingError(
                offset: start + 2, context: ChunkType(type).decodingContext,
                reason: .lengthTooShort(declared: length, minimum: Self.headerLength))
        }
        if length > available {
            throw WireDecodingError(
                offset: start + 2, context: ChunkType(type).decodingContext,
                reason: .lengthBeyondData(declared: length, available: available))
        }
        try reader.skip(Self.headerLength)
        let valueReader = try reader.readSubReader(length - Self.headerLength, decodingContext: .chunk(type))
        reader.skipUpTo(Self.paddingLength(after: length))
        return Frame(type: type, flags: flags, start: start, declaredLength: length, value: valueReader)
    }

    /// How many chunks a walk over the rest of `reader` finds before the data ends or a length stops
    /// making sense (a capacity hint for the packet decoder; never more than the data can hold).
    @inline(__always)
    static func countChunks(in reader: ByteReader) -> Int {
        var offset = reader.offset
        let end = reader.endOffset
        var count = 0
        while end - offset >= Self.headerLength {
            let length = Int(reader.bytes[offset + 2]) << 8 | Int(reader.bytes[offset + 3])
            count += 1
            if length < Self.headerLength { break }
            offset += (length + 3) & ~3
        }
        return max(count, 1)
    }

    /// Writes a header, lets `writeValue` append the value, fills in the length and pads to a 4-byte
    /// boundary (RFC 9260 §3.2). A value longer than 65 531 bytes cannot be described: its length field
    /// is written as 65 535 (the raw view is the way to send lying lengths on purpose).
    @inline(__always)
    static func write(
        type: UInt8, flags: UInt8, into writer: inout ByteWriter, value writeValue: (inout ByteWriter) -> Void
    ) {
        let start = writer.count
        writer.writeUInt8(type)
        writer.writeUInt8(flags)
        writer.writeUInt16(0)
        writeValue(&writer)
        let length = writer.count - start
        writer.setUInt16(UInt16(clamping: length), at: start + 2)
        for _ in 0..<Self.paddingLength(after: length) {
            writer.writeUInt8(0)
        }
    }
}
