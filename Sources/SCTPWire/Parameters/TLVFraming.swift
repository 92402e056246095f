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
    /// it once the type is known (`ipv4-address parameter`). On error `reader` is left unchanged.
    static func readFrame(
        from reader: inout ByteReader, headerContext: String, valueContext: (UInt16) -> String
    ) throws(WireDecodingError) -> Frame {
        var cursor = reader
        cursor.context = headerContext
        let start = cursor.offset
        let type = try cursor.readUInt16()
        cursor.context = valueContext(type)
        let length = Int(try cursor.readUInt16())
        if length < Self.headerLength {
            throw cursor.error(.lengthTooShort(declared: length, minimum: Self.headerLength), at: start + 2)
        }
        let valueLength = length - Self.headerLength
        if valueLength > cursor.remaining {
            throw cursor.error(
                .lengthBeyondData(declared: length, available: cursor.remaining + Self.headerLength), at: start + 2)
        }
        let value = try cursor.readSubReader(valueLength, context: cursor.context)
        cursor.skipUpTo(Self.paddingLength(after: length))
        cursor.context = reader.context
        reader = cursor
        return Frame(type: type, start: start, declaredLength: length, value: value)
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

    /// Decodes TLVs until `reader` is at its end, with `decodeOne` reading each.
    static func decodeList<Element>(
        from reader: inout ByteReader,
        _ decodeOne: (inout ByteReader) throws(WireDecodingError) -> Element
    ) throws(WireDecodingError) -> [Element] {
        var cursor = reader
        var list: [Element] = []
        while !cursor.isAtEnd {
            list.append(try decodeOne(&cursor))
        }
        reader = cursor
        return list
    }
}
