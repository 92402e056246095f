extension ErrorCause {
    /// Decodes one error cause TLV at the reader's position, consuming its padding if present
    /// (RFC 9260 §3.3.10).
    ///
    /// Fails only when the bytes cannot be read as a cause of the code they claim: a header cut short,
    /// a length below 4 or past the end of the reader, or a value that does not fit the code's
    /// structure. Errors carry absolute offsets. On error `reader` is left unchanged.
    public static func decode(from reader: inout ByteReader) throws(WireDecodingError) -> ErrorCause {
        var cursor = reader
        var frame = try TLVFraming.readFrame(from: &cursor, headerContext: "error cause") { code in
            Self.context(forCode: code)
        }
        guard let bodyType = Self.bodyTypesByCode[frame.type] else {
            reader = cursor
            return .unknown(UnknownErrorCause(code: frame.type, value: frame.value.readRemainingBytes()))
        }
        try bodyType.valueLength.check(
            valueLength: frame.value.remaining, declared: frame.declaredLength,
            lengthOffset: frame.start + 2, reader: frame.value)
        let body = try Self.decodeBody(bodyType, from: &frame.value, start: frame.start)
        if !frame.value.isAtEnd {
            throw frame.value.error(.invalidValue("\(frame.value.remaining) bytes left after the value"))
        }
        reader = cursor
        return body.errorCause
    }

    /// Decodes error causes until the reader is at its end; the last one may lack its padding
    /// (RFC 9260 §3.2, §3.3.10).
    public static func decodeList(from reader: inout ByteReader) throws(WireDecodingError) -> [ErrorCause] {
        try TLVFraming.decodeList(from: &reader) { (cursor: inout ByteReader) throws(WireDecodingError) in
            try Self.decode(from: &cursor)
        }
    }

    /// Writes this cause, padded to 4 bytes (RFC 9260 §3.2).
    public func encode(into writer: inout ByteWriter) {
        self.encode(into: &writer, padded: true)
    }

    /// Writes this cause, padded to 4 bytes when `padded`.
    public func encode(into writer: inout ByteWriter, padded: Bool) {
        TLVFraming.write(type: self.code, padded: padded, into: &writer) { valueWriter in
            if case .unknown(let unknown) = self {
                valueWriter.writeBytes(unknown.value)
            } else {
                self.body?.encodeValue(into: &valueWriter)
            }
        }
    }

    /// Writes causes, padding every one but the last: the enclosing chunk pads the last one, and its
    /// length excludes that padding (RFC 9260 §3.2).
    public static func encodeList(_ list: [ErrorCause], into writer: inout ByteWriter) {
        for (index, cause) in list.enumerated() {
            cause.encode(into: &writer, padded: index < list.count - 1)
        }
    }

    /// The cause as bytes, padded to 4 bytes.
    public var encoded: [UInt8] {
        var writer = ByteWriter()
        self.encode(into: &writer)
        return writer.bytes
    }

    /// The length field this cause is written with (header and value, no padding).
    public var encodedLength: Int {
        var writer = ByteWriter()
        self.encode(into: &writer, padded: false)
        return writer.count
    }

    /// `stale-cookie-error error cause`, or `error cause 0x1234`.
    static func context(forCode code: UInt16) -> String {
        if let bodyType = Self.bodyTypesByCode[code] { return bodyType.kind + " error cause" }
        return "error cause " + TLVHex.hex16(code)
    }

    /// Decodes a value of `bodyType`, one nesting level deeper when it holds further TLVs.
    private static func decodeBody(
        _ bodyType: any ErrorCauseBody.Type, from value: inout ByteReader, start: Int
    ) throws(WireDecodingError) -> any ErrorCauseBody {
        guard bodyType is any TLVContainer.Type else {
            return try bodyType.init(decodingValue: &value)
        }
        let reader = value
        return try TLVNesting.decodingNested(at: start, of: reader) { () throws(WireDecodingError) in
            try bodyType.init(decodingValue: &value)
        }
    }
}
