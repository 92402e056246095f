/// Association Aborted Due to Illegal ASCONF-ACK cause, code 0x00A3 (RFC 5061 §4.3.4): in an ABORT,
/// the sender aborts because an ASCONF-ACK was illegal. RFC 5061 defines no value; whatever bytes
/// a sender adds are kept.
///
///     code = 0x00A3 (16) | length = 4 (16) [| information (variable)]
public struct IllegalASCONFAckCause: ErrorCauseBody {
    /// Bytes after the header (none from a conforming sender).
    public var information: [UInt8]

    public init(information: [UInt8] = []) {
        self.information = information
    }

    public static let causeCode = ErrorCauseCode.illegalASCONFAck
    public static let name = "Association Aborted Due to Illegal ASCONF-ACK"
    public static let valueLength = TLVValueLength.any
    public static let fieldSchema = FieldRecordSchema(
        kind: "illegal-asconf-ack", summary: "Association Aborted Due to Illegal ASCONF-ACK cause (code 0x00A3)",
        reference: "RFC 5061 §4.3.4",
        fields: [
            .init("information", .bytes, optional: true, "Bytes after the header (default none; shown when present)")
        ])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.information = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.information)
    }

    public var errorCause: ErrorCause { .illegalASCONFAck(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind, fields: self.information.isEmpty ? [] : [.init("information", .bytes(self.information))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(information: try fields.optionalBytes("information") ?? [])
    }
}
