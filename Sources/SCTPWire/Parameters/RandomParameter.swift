/// Random parameter, type 0x8002 (RFC 4895 §3.1): the random number an endpoint contributes to the AUTH
/// shared key (32 bytes are recommended).
///
///     type = 0x8002 (16) | length (16) | random number (variable)
public struct RandomParameter: ParameterBody {
    /// The random number.
    public var randomNumber: [UInt8]

    public init(randomNumber: [UInt8]) {
        self.randomNumber = randomNumber
    }

    public static let parameterType = ParameterType.random
    public static let name = "Random"
    public static let valueLength = TLVValueLength.any
    public static let fieldSchema = FieldRecordSchema(
        kind: "random", summary: "Random parameter (type 0x8002)", reference: "RFC 4895 §3.1",
        fields: [.init("random", .bytes, "Random number bytes")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.randomNumber = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.randomNumber)
    }

    public var parameter: Parameter { .random(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: [.init("random", .bytes(self.randomNumber))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(randomNumber: try fields.bytes("random"))
    }
}
