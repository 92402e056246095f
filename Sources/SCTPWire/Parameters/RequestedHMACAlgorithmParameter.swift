/// Requested HMAC Algorithm parameter, type 0x8004 (RFC 4895 §3.3): the HMAC identifiers the sender
/// accepts, most preferred first (1 SHA-1, 3 SHA-256).
///
///     type = 0x8004 (16) | length (16) | HMAC identifier (16) ...
public struct RequestedHMACAlgorithmParameter: ParameterBody {
    /// The HMAC identifiers, most preferred first.
    public var hmacIdentifiers: [UInt16]

    public init(hmacIdentifiers: [UInt16]) {
        self.hmacIdentifiers = hmacIdentifiers
    }

    public static let parameterType = ParameterType.requestedHMACAlgorithm
    public static let name = "Requested HMAC Algorithm"
    public static let valueLength = TLVValueLength.atLeast(0, unit: 2)
    public static let fieldSchema = FieldRecordSchema(
        kind: "requested-hmac-algorithm", summary: "Requested HMAC Algorithm parameter (type 0x8004)",
        reference: "RFC 4895 §3.3",
        fields: [.init("hmac_ids", .list(of: .unsigned(bits: 16)), "HMAC identifiers, most preferred first")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        var hmacIdentifiers: [UInt16] = []
        while !reader.isAtEnd {
            hmacIdentifiers.append(try reader.readUInt16())
        }
        self.hmacIdentifiers = hmacIdentifiers
    }

    public func encodeValue(into writer: inout ByteWriter) {
        for item in self.hmacIdentifiers {
            writer.writeUInt16(item)
        }
    }

    public var parameter: Parameter { .requestedHMACAlgorithm(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind, fields: [.init("hmac_ids", .list(self.hmacIdentifiers.map { .unsigned(UInt64($0)) }))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(hmacIdentifiers: try fields.unsignedList("hmac_ids"))
    }
}
