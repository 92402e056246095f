/// Values that echo parameters the peer sent (Unrecognized Parameter, RFC 9260 §3.3.3.1; the causes of
/// RFC 9260 §3.3.10.5 and §3.3.10.8 and RFC 5061 §5) keep the echoed bytes exactly as sent, since
/// senders differ on padding and an echo may hold anything; these helpers give them a typed view and
/// a field view that rebuilds the same bytes.
enum EchoedParameterCoding {
    /// The bytes of `parameters` as an echo: each padded when `padded`, otherwise all but the last.
    static func bytes(of parameters: [Parameter], padded: Bool) -> [UInt8] {
        var writer = ByteWriter()
        for (index, parameter) in parameters.enumerated() {
            parameter.encode(into: &writer, padded: padded || index < parameters.count - 1)
        }
        return writer.bytes
    }

    /// `bytes` decoded as parameters (the last may lack padding); offsets count from the first byte.
    static func decodeList(_ bytes: [UInt8], context: StaticString) throws(WireDecodingError) -> [Parameter] {
        var reader = ByteReader(bytes, decodingContext: .named(context))
        return try Parameter.decodeList(from: &reader)
    }

    /// `bytes` decoded as exactly one parameter (its padding optional).
    static func decodeOne(_ bytes: [UInt8], context: StaticString) throws(WireDecodingError) -> Parameter {
        var reader = ByteReader(bytes, decodingContext: .named(context))
        let parameter = try Parameter.decode(from: &reader)
        if !reader.isAtEnd {
            throw reader.error(.invalidValue("\(reader.remaining) bytes follow the echoed parameter"))
        }
        return parameter
    }

    /// A record when the bytes are exactly one parameter encoded as `bytes(of:padded:)` would,
    /// otherwise the bytes.
    static func singleFieldValue(_ bytes: [UInt8], padded: Bool) -> FieldValue {
        guard let parameter = try? Self.decodeOne(bytes, context: "echo"),
            Self.bytes(of: [parameter], padded: padded) == bytes
        else {
            return .bytes(bytes)
        }
        return TLVNesting.echoRecord({ .record(parameter.fieldRecord) }, fallback: .bytes(bytes))
    }

    /// A list of records when the bytes are exactly those parameters encoded as
    /// `bytes(of:padded:)` would, otherwise the bytes.
    static func listFieldValue(_ bytes: [UInt8], padded: Bool) -> FieldValue {
        guard let parameters = try? Self.decodeList(bytes, context: "echo"),
            Self.bytes(of: parameters, padded: padded) == bytes
        else {
            return .bytes(bytes)
        }
        return TLVNesting.echoRecord({ .list(parameters.map { .record($0.fieldRecord) }) }, fallback: .bytes(bytes))
    }

    /// The echo from a field that holds a parameter record or raw bytes.
    static func readSingle(_ fields: TLVFieldReader, _ name: String, padded: Bool) throws(FieldRecordError) -> [UInt8] {
        if case .bytes(let bytes) = try fields.required(name) {
            return bytes
        }
        let parameter = try fields.nested(name) { record throws(FieldRecordError) in
            try Parameter(fieldRecord: record)
        }
        return Self.bytes(of: [parameter], padded: padded)
    }

    /// The echo from a field that holds a list of parameter records or raw bytes.
    static func readList(_ fields: TLVFieldReader, _ name: String, padded: Bool) throws(FieldRecordError) -> [UInt8] {
        if case .bytes(let bytes) = try fields.required(name) {
            return bytes
        }
        let parameters = try fields.nestedList(name) { record throws(FieldRecordError) in
            try Parameter(fieldRecord: record)
        }
        return Self.bytes(of: parameters, padded: padded)
    }
}
