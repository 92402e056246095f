/// A type-length-value element inside a chunk's value: a parameter (RFC 9260 §3.2.1) or an error
/// cause (RFC 9260 §3.3.10). Both are framed, padded and listed the same way; this is that shared
/// encoding side. Decoding dispatches on each family's own codes (`Parameter+Codec.swift`,
/// `ErrorCause+Codec.swift`) and shares `TLVFraming.Frame.decodeValue`.
public protocol TLVElement {
    /// Writes the element, padded to 4 bytes when `padded` (RFC 9260 §3.2).
    func encode(into writer: inout ByteWriter, padded: Bool)
}

extension TLVElement {
    /// Writes the element, padded to 4 bytes (RFC 9260 §3.2).
    public func encode(into writer: inout ByteWriter) {
        self.encode(into: &writer, padded: true)
    }

    /// Writes a list, padding every element but the last: the enclosing chunk pads the last one, and
    /// its length excludes that padding (RFC 9260 §3.2).
    public static func encodeList(_ list: [Self], into writer: inout ByteWriter) {
        for (index, element) in list.enumerated() {
            element.encode(into: &writer, padded: index < list.count - 1)
        }
    }

    /// The element as bytes, padded to 4 bytes.
    public var encoded: [UInt8] {
        var writer = ByteWriter()
        self.encode(into: &writer)
        return writer.bytes
    }

    /// The length field the element is written with (header and value, no padding).
    public var encodedLength: Int {
        var writer = ByteWriter()
        self.encode(into: &writer, padded: false)
        return writer.count
    }
}

extension TLVFraming.Frame {
    /// Decodes the framed value with `decode` once its length passes `allowed`, and fails when
    /// `decode` leaves bytes unread. Errors carry absolute offsets (the length field's for a length
    /// the structure does not allow).
    @inline(__always)
    mutating func decodeValue<Body>(
        allowed: TLVValueLength, _ decode: (inout ByteReader) throws(WireDecodingError) -> Body
    ) throws(WireDecodingError) -> Body {
        try self.checkLength(allowed)
        let body = try decode(&self.value)
        try self.checkValueConsumed()
        return body
    }

    /// `decodeValue(allowed:_:)` for a value that holds further TLVs, decoded one nesting level
    /// deeper (a hostile packet cannot nest without bound).
    @inline(__always)
    mutating func decodeNestedValue<Body>(
        allowed: TLVValueLength, _ decode: (inout ByteReader) throws(WireDecodingError) -> Body
    ) throws(WireDecodingError) -> Body {
        try self.checkLength(allowed)
        let reader = self.value
        var value = self.value
        let body = try TLVNesting.decodingNested(at: self.start, of: reader) { () throws(WireDecodingError) in
            try decode(&value)
        }
        self.value = value
        try self.checkValueConsumed()
        return body
    }

    /// Fails, at the length field, when the value's length is not one `allowed` accepts.
    @inline(__always)
    private func checkLength(_ allowed: TLVValueLength) throws(WireDecodingError) {
        try allowed.check(
            valueLength: self.value.remaining, declared: self.declaredLength, lengthOffset: self.start + 2,
            reader: self.value)
    }

    /// Fails when the value decoder left bytes unread.
    private func checkValueConsumed() throws(WireDecodingError) {
        if !self.value.isAtEnd {
            throw self.value.error(.invalidValue("\(self.value.remaining) bytes left after the value"))
        }
    }
}
