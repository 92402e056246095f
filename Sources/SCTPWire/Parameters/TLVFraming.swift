/// The Type-Length-Value framing shared by parameters (RFC 9260 §3.2.1) and error causes
/// (RFC 9260 §3.3.10): a 16-bit type or code, a 16-bit length that counts the 4-byte header and the
/// value but not the padding, then the value, then zero to three bytes of padding to a 4-byte boundary.
enum TLVFraming {
    /// Bytes in the type/code and length fields.
    static let headerLength = 4

    /// Padding that follows a TLV of `length` bytes (RFC 9260 §3.2).
    static func paddingLength(after length: Int) -> Int {
        (4 - length % 4) % 4
    }

    /// One framed TLV: its type, where it starts, its declared length and a reader over its value.
    struct Frame {
        var type: UInt16
        var start: Int
        var declaredLength: Int
        var value: ByteReader
    }

    /// Reads the header of one TLV at `reader`'s position and returns a reader over its value; moves
    /// past the value and past its padding where present (the last TLV may lack it, RFC 9260 §3.2).
    ///
    /// `headerContext` names what is read before the type is known (`parameter`); `valueContext` names
    /// it once the type is known (`ipv4-address parameter`). Both are spelled out only if an error is
    /// thrown. On error `reader` is left unchanged.
    @inline(__always)
    static func readFrame(
        from reader: inout ByteReader, headerContext: DecodingContext,
        valueContext: (UInt16) -> DecodingContext
    ) throws(WireDecodingError) -> Frame {
        let start = reader.offset
        let available = reader.remaining
        guard available >= Self.headerLength else {
            var header = reader
            header.decodingContext = headerContext
            if available < 2 {
                throw header.error(.truncated(needed: 2, available: available))
            }
            // The type is readable: the length field is reported in the context of that type.
            header.decodingContext = valueContext(header.loadUInt16(at: start))
            throw header.error(.truncated(needed: 2, available: available - 2), at: start + 2)
        }
        let type = reader.loadUInt16(at: start)
        let length = Int(reader.loadUInt16(at: start + 2))
        if length < Self.headerLength {
            throw Self.frameError(
                reader, valueContext(type), .lengthTooShort(declared: length, minimum: Self.headerLength),
                at: start + 2)
        }
        let valueLength = length - Self.headerLength
        if valueLength > available - Self.headerLength {
            throw Self.frameError(
                reader, valueContext(type), .lengthBeyondData(declared: length, available: available), at: start + 2)
        }
        let valueStart = start + Self.headerLength
        let value = ByteReader(
            reader.bytes, range: valueStart..<(valueStart + valueLength), decodingContext: valueContext(type))
        reader.skipUpTo(Self.headerLength + valueLength + Self.paddingLength(after: length))
        return Frame(type: type, start: start, declaredLength: length, value: value)
    }

    /// An error in a TLV header, reported in `context` (built out of line: only failures pay).
    @inline(never)
    static func frameError(
        _ reader: ByteReader, _ context: DecodingContext, _ reason: WireDecodingError.Reason, at offset: Int
    ) -> WireDecodingError {
        var located = reader
        located.decodingContext = context
        return located.error(reason, at: offset)
    }

    /// Writes a header for `type`, lets `writeValue` append the value, fills in the length, and pads
    /// to a 4-byte boundary when `padded` (RFC 9260 §3.2). A value longer than 65 531 bytes cannot be
    /// described; its length field is written as 65 535 (field-record construction rejects such values).
    static func write(
        type: UInt16, padded: Bool, into writer: inout ByteWriter, value writeValue: (inout ByteWriter) -> Void
    ) {
        let start = writer.count
        writer.writeUInt16(type)
        writer.writeUInt16(0)
        writeValue(&writer)
        let length = writer.count - start
        writer.setUInt16(UInt16(clamping: length), at: start + 2)
        if padded {
            for _ in 0..<Self.paddingLength(after: length) {
                writer.writeUInt8(0)
            }
        }
    }

    /// How many TLVs a walk over the rest of `reader` finds before the data ends or a length stops
    /// making sense (a capacity hint for list decoding; never more than the data can hold).
    static func countFrames(in reader: ByteReader) -> Int {
        var offset = reader.offset
        let end = reader.endOffset
        var count = 0
        while end - offset >= Self.headerLength {
            let length = Int(reader.loadUInt16(at: offset + 2))
            count += 1
            if length < Self.headerLength { break }
            offset += (length + 3) & ~3
        }
        return max(count, 1)
    }

    /// Decodes TLVs until `reader` is at its end, with `decodeOne` reading each.
    static func decodeList<Element>(
        from reader: inout ByteReader,
        _ decodeOne: (inout ByteReader) throws(WireDecodingError) -> Element
    ) throws(WireDecodingError) -> [Element] {
        var cursor = reader
        var list: [Element] = []
        if cursor.isAtEnd {
            return list
        }
        list.reserveCapacity(Self.countFrames(in: cursor))
        while !cursor.isAtEnd {
            list.append(try decodeOne(&cursor))
        }
        reader = cursor
        return list
    }
}
