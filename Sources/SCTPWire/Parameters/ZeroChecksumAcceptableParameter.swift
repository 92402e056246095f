/// Zero Checksum Acceptable parameter, type 0x8001 (RFC 9653 §3): the sender accepts packets whose
/// checksum is zero when the named alternate error detection method protects them.
///
///     type = 0x8001 (16) | length = 8 (16) | Error Detection Method Identifier (32)
public struct ZeroChecksumAcceptableParameter: ParameterBody {
    /// The Error Detection Method Identifier (1: SCTP over DTLS, RFC 9653 §5).
    public var errorDetectionMethod: UInt32

    public init(errorDetectionMethod: UInt32) {
        self.errorDetectionMethod = errorDetectionMethod
    }

    public static let parameterType = ParameterType.zeroChecksumAcceptable
    public static let name = "Zero Checksum Acceptable"
    public static let valueLength = TLVValueLength.exactly(4)
    public static let fieldSchema = FieldRecordSchema(
        kind: "zero-checksum-acceptable", summary: "Zero Checksum Acceptable parameter (type 0x8001)",
        reference: "RFC 9653 §3",
        fields: [.init("edmid", .unsigned(bits: 32), "Error Detection Method Identifier (1 = DTLS)")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.errorDetectionMethod = try reader.readUInt32()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.errorDetectionMethod)
    }

    public var parameter: Parameter { .zeroChecksumAcceptable(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: [.init("edmid", .unsigned(UInt64(self.errorDetectionMethod)))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(errorDetectionMethod: try fields.unsigned("edmid"))
    }
}
