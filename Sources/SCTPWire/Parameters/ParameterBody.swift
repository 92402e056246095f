/// What every typed parameter value provides so that `Parameter` can frame, decode, print and
/// rebuild it from a field record. Each conforming type is one registered parameter type.
public protocol ParameterBody: Hashable, Sendable, FieldRecordConvertible {
    /// The type code this value is sent with.
    static var parameterType: ParameterType { get }
    /// The registered name, as tcpdump and Wireshark print it (`IPv4 Address`).
    static var name: String { get }
    /// The value lengths the structure allows; framing checks it before `init(decodingValue:)`.
    static var valueLength: TLVValueLength { get }
    /// The record kind and its fields, for documentation tables.
    static var fieldSchema: FieldRecordSchema { get }

    /// Decodes the value from `reader`, which covers exactly the value bytes (no header, no padding)
    /// and whose length `valueLength` has accepted.
    init(decodingValue reader: inout ByteReader) throws(WireDecodingError)

    /// Writes the value only (no header, no padding).
    func encodeValue(into writer: inout ByteWriter)

    /// The value wrapped in its `Parameter` case.
    var parameter: Parameter { get }
}

extension ParameterBody {
    /// The record kind (`ipv4-address`).
    public static var kind: String { Self.fieldSchema.kind }

    /// The whole parameter, padded to 4 bytes.
    public var encoded: [UInt8] {
        var writer = ByteWriter()
        self.parameter.encode(into: &writer)
        return writer.bytes
    }
}
