extension Parameter: TLVElement {
    /// Decodes one parameter TLV at the reader's position, consuming its padding if present
    /// (RFC 9260 §3.2, §3.2.1).
    ///
    /// Fails only when the bytes cannot be read as a parameter of the type they claim: a header
    /// cut short, a length below 4 or past the end of the reader, or a value that does not fit the
    /// type's structure. Errors carry absolute offsets. On error `reader` is left unchanged.
    public static func decode(from reader: inout ByteReader) throws(WireDecodingError) -> Parameter {
        var cursor = reader
        let parameter = try Self.decodeAdvancing(&cursor)
        reader = cursor
        return parameter
    }

    /// `decode(from:)` without the copy that keeps `reader` unchanged on error (list decoding works on a
    /// copy already).
    @inline(__always)
    static func decodeAdvancing(_ reader: inout ByteReader) throws(WireDecodingError) -> Parameter {
        var frame = try TLVFraming.readFrame(
            from: &reader, headerContext: .named("parameter"), valueContext: DecodingContext.parameter)
        return try Self.decodeValue(of: &frame)
    }

    /// Decodes the value of a framed parameter by its type, each typed value through its own
    /// specialized path (no lookup, no boxing); types not listed in `bodyTypes` stay bytes.
    private static func decodeValue(of frame: inout TLVFraming.Frame) throws(WireDecodingError) -> Parameter {
        switch frame.type {
        case 1: try Self.decodeBody(HeartbeatInfoParameter.self, of: &frame)
        case 5: try Self.decodeBody(IPv4AddressParameter.self, of: &frame)
        case 6: try Self.decodeBody(IPv6AddressParameter.self, of: &frame)
        case 7: try Self.decodeBody(StateCookieParameter.self, of: &frame)
        case 8: try Self.decodeBody(UnrecognizedParameter.self, of: &frame)
        case 9: try Self.decodeBody(CookiePreservativeParameter.self, of: &frame)
        case 11: try Self.decodeBody(HostNameAddressParameter.self, of: &frame)
        case 12: try Self.decodeBody(SupportedAddressTypesParameter.self, of: &frame)
        case 13: try Self.decodeBody(OutgoingSSNResetRequestParameter.self, of: &frame)
        case 14: try Self.decodeBody(IncomingSSNResetRequestParameter.self, of: &frame)
        case 15: try Self.decodeBody(SSNTSNResetRequestParameter.self, of: &frame)
        case 16: try Self.decodeBody(ReconfigurationResponseParameter.self, of: &frame)
        case 17: try Self.decodeBody(AddOutgoingStreamsRequestParameter.self, of: &frame)
        case 18: try Self.decodeBody(AddIncomingStreamsRequestParameter.self, of: &frame)
        case 0x8000: try Self.decodeBody(ECNCapableParameter.self, of: &frame)
        case 0x8001: try Self.decodeBody(ZeroChecksumAcceptableParameter.self, of: &frame)
        case 0x8002: try Self.decodeBody(RandomParameter.self, of: &frame)
        case 0x8003: try Self.decodeBody(ChunkListParameter.self, of: &frame)
        case 0x8004: try Self.decodeBody(RequestedHMACAlgorithmParameter.self, of: &frame)
        case 0x8005: try Self.decodeBody(PaddingParameter.self, of: &frame)
        case 0x8008: try Self.decodeBody(SupportedExtensionsParameter.self, of: &frame)
        case 0xC000: try Self.decodeBody(ForwardTSNSupportedParameter.self, of: &frame)
        case 0xC001: try Self.decodeBody(AddIPAddressParameter.self, of: &frame)
        case 0xC002: try Self.decodeBody(DeleteIPAddressParameter.self, of: &frame)
        case 0xC003: try Self.decodeBody(ErrorCauseIndicationParameter.self, of: &frame)
        case 0xC004: try Self.decodeBody(SetPrimaryAddressParameter.self, of: &frame)
        case 0xC005: try Self.decodeBody(SuccessIndicationParameter.self, of: &frame)
        case 0xC006: try Self.decodeBody(AdaptationLayerIndicationParameter.self, of: &frame)
        default: .unknown(UnknownParameter(type: frame.type, value: frame.value.readRemainingBytes()))
        }
    }

    /// Decodes parameters until the reader is at its end; the last one may lack its padding
    /// (RFC 9260 §3.2).
    public static func decodeList(from reader: inout ByteReader) throws(WireDecodingError) -> [Parameter] {
        try TLVFraming.decodeList(from: &reader) { (cursor: inout ByteReader) throws(WireDecodingError) in
            try Self.decodeAdvancing(&cursor)
        }
    }

    /// Writes this parameter, padded to 4 bytes when `padded` (RFC 9260 §3.2).
    public func encode(into writer: inout ByteWriter, padded: Bool) {
        TLVFraming.write(type: self.type, padded: padded, into: &writer) { valueWriter in
            if case .unknown(let unknown) = self {
                valueWriter.writeBytes(unknown.value)
            } else {
                self.body?.encodeValue(into: &valueWriter)
            }
        }
    }

    /// `ipv4-address parameter`, or `parameter 0x8123`.
    static func context(forType type: UInt16) -> String {
        if let bodyType = Self.bodyTypesByType[type] { return bodyType.kind + " parameter" }
        return "parameter " + TLVHex.hex16(type)
    }

    /// Decodes a value of `Body` (whose type the frame carries).
    @inline(__always)
    private static func decodeBody<Body: ParameterBody>(
        _: Body.Type, of frame: inout TLVFraming.Frame
    ) throws(WireDecodingError) -> Parameter {
        try frame.decodeValue(allowed: Body.valueLength) { (value: inout ByteReader) throws(WireDecodingError) in
            try Body(decodingValue: &value)
        }.parameter
    }

    /// `decodeBody(_:of:)` for a value that holds further TLVs, decoded one nesting level deeper
    /// (overload resolution picks it for `TLVContainer` types, so no cast runs while decoding).
    @inline(__always)
    private static func decodeBody<Body: ParameterBody & TLVContainer>(
        _: Body.Type, of frame: inout TLVFraming.Frame
    ) throws(WireDecodingError) -> Parameter {
        try frame.decodeNestedValue(allowed: Body.valueLength) { (value: inout ByteReader) throws(WireDecodingError) in
            try Body(decodingValue: &value)
        }.parameter
    }
}
