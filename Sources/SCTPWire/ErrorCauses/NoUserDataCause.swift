/// No User Data cause, code 9 (RFC 9260 §3.3.10.9): a DATA chunk arrived without user data.
///
///     code = 9 (16) | length = 8 (16) | TSN of the DATA chunk (32)
public struct NoUserDataCause: ErrorCauseBody {
    /// The TSN of the DATA chunk that carried no user data.
    public var tsn: UInt32

    public init(tsn: UInt32) {
        self.tsn = tsn
    }

    public static let causeCode = ErrorCauseCode.noUserData
    public static let name = "No User Data"
    public static let valueLength = TLVValueLength.exactly(4)
    public static let fieldSchema = FieldRecordSchema(
        kind: "no-user-data", summary: "No User Data cause (code 9)", reference: "RFC 9260 §3.3.10.9",
        fields: [.init("tsn", .unsigned(bits: 32), "TSN of the empty DATA chunk")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.tsn = try reader.readUInt32()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.tsn)
    }

    public var errorCause: ErrorCause { .noUserData(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: [.init("tsn", .unsigned(UInt64(self.tsn)))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(tsn: try fields.unsigned("tsn"))
    }
}
