extension Parameter {
    /// Decodes one parameter TLV at the reader's position, consuming its padding if present
    /// (RFC 9260 §3.2, §3.2.1).
    ///
    /// Fails only when the bytes cannot be read as a parameter of the type they claim: a header
    /// cut short, a length below 4 or past the end of the reader, or a value that does not fit the
    /// type's structure. Errors carry absolute offsets. On error `reader` is left unchanged.
    public static func decode(from reader: inout ByteReader) throws(WireDecodingError) -> Parameter {
        var cursor = reader
        var frame = try TLVFraming.readFrame(from: &cursor, headerContext: "parameter") { type in
            Self.context(forType: type)
        }
        guard let bodyType = Self.bodyTypesByType[frame.type] else {
            reader = cursor
            return .unknown(UnknownParameter(type: frame.type, value: frame.value.readRemainingBytes()))
        }
        try bodyType.valueLength.check(
            valueLength: frame.value.remaining, declared: frame.declaredLength,
            lengthOffset: frame.start + 2, reader: frame.value)
        let body = try Self.decodeBody(bodyType, from: &frame.value, start: frame.start)
        if !frame.value.isAtEnd {
            throw frame.value.error(.invalidValue("\(frame.value.remaining) bytes left after the value"))
        }
        reader = cursor
        return body.parameter
    }

    /// Decodes parameters until the reader is at its end; the last one may lack its padding
    /// (RFC 9260 §3.2).
    public static func decodeList(from reader: inout ByteReader) throws(WireDecodingError) -> [Parameter] {
        try TLVFraming.decodeList(from: &reader) { (cursor: inout ByteReader) throws(WireDecodingError) in
            try Self.decode(from: &cursor)
        }
    }

    /// Writes this parameter, padded to 4 bytes (RFC 9260 §3.2).
    public func encode(into writer: inout ByteWriter) {
        self.encode(into: &writer, padded: true)
    }

    /// Writes this parameter, padded to 4 bytes when `padded`.
    public func encode(into writer: inout ByteWriter, padded: Bool) {
        TLVFraming.write(type: self.type, padded: padded, into: &writer) { valueWriter in
            if case .unknown(let unknown) = self {
                valueWriter.writeBytes(unknown.value)
            } else {
                self.body?.encodeValue(into: &valueWriter)
            }
        }
    }

    /// Writes parameters, padding every one but the last: the enclosing chunk pads the last one,
    /// and its length excludes that padding (RFC 9260 §3.2).
    public static func encodeList(_ list: [Parameter], into writer: inout ByteWriter) {
        for (index, parameter) in list.enumerated() {
            parameter.encode(into: &writer, padded: index < list.count - 1)
        }
    }

    /// The parameter as bytes, padded to 4 bytes.
    public var encoded: [UInt8] {
        var writer = ByteWriter()
        self.encode(into: &writer)
        return writer.bytes
    }

    /// The length field this parameter is written with (header and value, no padding).
    public var encodedLength: Int {
        var writer = ByteWriter()
        self.encode(into: &writer, padded: false)
        return writer.count
    }

    /// `ipv4-address parameter`, or `parameter 0x8123`.
    static func context(forType type: UInt16) -> String {
        if let bodyType = Self.bodyTypesByType[type] { return bodyType.kind + " parameter" }
        return "parameter " + TLVHex.hex16(type)
    }

    /// Decodes a value of `bodyType`, one nesting level deeper when it holds further TLVs.
    private static func decodeBody(
        _ bodyType: any ParameterBody.Type, from value: inout ByteReader, start: Int
    ) throws(WireDecodingError) -> any ParameterBody {
        guard bodyType is any TLVContainer.Type else {
            return try bodyType.init(decodingValue: &value)
        }
        let reader = value
        return try TLVNesting.decodingNested(at: start, of: reader) { () throws(WireDecodingError) in
            try bodyType.init(decodingValue: &value)
        }
    }
}
