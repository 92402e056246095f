extension ErrorCause: TLVElement {
    /// Decodes one error cause TLV at the reader's position, consuming its padding if present
    /// (RFC 9260 §3.3.10).
    ///
    /// Fails only when the bytes cannot be read as a cause of the code they claim: a header cut short,
    /// a length below 4 or past the end of the reader, or a value that does not fit the code's
    /// structure. Errors carry absolute offsets. On error `reader` is left unchanged.
    public static func decode(from reader: inout ByteReader) throws(WireDecodingError) -> ErrorCause {
        var cursor = reader
        let cause = try Self.decodeAdvancing(&cursor)
        reader = cursor
        return cause
    }

    /// `decode(from:)` without the copy that keeps `reader` unchanged on error (list decoding works on a
    /// copy already).
    @inline(__always)
    static func decodeAdvancing(_ reader: inout ByteReader) throws(WireDecodingError) -> ErrorCause {
        var frame = try TLVFraming.readFrame(
            from: &reader, headerContext: .named("error cause"), valueContext: DecodingContext.errorCause)
        return try Self.decodeValue(of: &frame)
    }

    /// Decodes the value of a framed cause by its code, each typed value through its own specialized
    /// path (no lookup, no boxing); codes not listed in `bodyTypes` stay bytes.
    private static func decodeValue(of frame: inout TLVFraming.Frame) throws(WireDecodingError) -> ErrorCause {
        switch frame.type {
        case 1: try Self.decodeBody(InvalidStreamIdentifierCause.self, of: &frame)
        case 2: try Self.decodeBody(MissingMandatoryParameterCause.self, of: &frame)
        case 3: try Self.decodeBody(StaleCookieErrorCause.self, of: &frame)
        case 4: try Self.decodeBody(OutOfResourceCause.self, of: &frame)
        case 5: try Self.decodeBody(UnresolvableAddressCause.self, of: &frame)
        case 6: try Self.decodeBody(UnrecognizedChunkTypeCause.self, of: &frame)
        case 7: try Self.decodeBody(InvalidMandatoryParameterCause.self, of: &frame)
        case 8: try Self.decodeBody(UnrecognizedParametersCause.self, of: &frame)
        case 9: try Self.decodeBody(NoUserDataCause.self, of: &frame)
        case 10: try Self.decodeBody(CookieReceivedWhileShuttingDownCause.self, of: &frame)
        case 11: try Self.decodeBody(RestartWithNewAddressesCause.self, of: &frame)
        case 12: try Self.decodeBody(UserInitiatedAbortCause.self, of: &frame)
        case 13: try Self.decodeBody(ProtocolViolationCause.self, of: &frame)
        case 0x00A0: try Self.decodeBody(DeleteLastRemainingAddressCause.self, of: &frame)
        case 0x00A1: try Self.decodeBody(OperationRefusedResourceShortageCause.self, of: &frame)
        case 0x00A2: try Self.decodeBody(DeleteSourceAddressCause.self, of: &frame)
        case 0x00A3: try Self.decodeBody(IllegalASCONFAckCause.self, of: &frame)
        case 0x00A4: try Self.decodeBody(NoAuthorizationCause.self, of: &frame)
        case 0x0105: try Self.decodeBody(UnsupportedHMACIdentifierCause.self, of: &frame)
        default: .unknown(UnknownErrorCause(code: frame.type, value: frame.value.readRemainingBytes()))
        }
    }

    /// Decodes error causes until the reader is at its end; the last one may lack its padding
    /// (RFC 9260 §3.2, §3.3.10).
    public static func decodeList(from reader: inout ByteReader) throws(WireDecodingError) -> [ErrorCause] {
        try TLVFraming.decodeList(from: &reader) { (cursor: inout ByteReader) throws(WireDecodingError) in
            try Self.decodeAdvancing(&cursor)
        }
    }

    /// Writes this cause, padded to 4 bytes when `padded` (RFC 9260 §3.2).
    public func encode(into writer: inout ByteWriter, padded: Bool) {
        TLVFraming.write(type: self.code, padded: padded, into: &writer) { valueWriter in
            if case .unknown(let unknown) = self {
                valueWriter.writeBytes(unknown.value)
            } else {
                self.body?.encodeValue(into: &valueWriter)
            }
        }
    }

    /// `stale-cookie-error error cause`, or `error cause 0x1234`.
    static func context(forCode code: UInt16) -> String {
        if let bodyType = Self.bodyTypesByCode[code] { return bodyType.kind + " error cause" }
        return "error cause " + TLVHex.hex16(code)
    }

    /// Decodes a value of `Body` (whose code the frame carries).
    @inline(__always)
    private static func decodeBody<Body: ErrorCauseBody>(
        _: Body.Type, of frame: inout TLVFraming.Frame
    ) throws(WireDecodingError) -> ErrorCause {
        try frame.decodeValue(allowed: Body.valueLength) { (value: inout ByteReader) throws(WireDecodingError) in
            try Body(decodingValue: &value)
        }.errorCause
    }

    /// `decodeBody(_:of:)` for a value that holds further TLVs, decoded one nesting level deeper
    /// (overload resolution picks it for `TLVContainer` types, so no cast runs while decoding).
    @inline(__always)
    private static func decodeBody<Body: ErrorCauseBody & TLVContainer>(
        _: Body.Type, of frame: inout TLVFraming.Frame
    ) throws(WireDecodingError) -> ErrorCause {
        try frame.decodeNestedValue(allowed: Body.valueLength) { (value: inout ByteReader) throws(WireDecodingError) in
            try Body(decodingValue: &value)
        }.errorCause
    }
}
