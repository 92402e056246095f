/// Invalid Stream Identifier cause, code 1 (RFC 9260 §3.3.10.1): a DATA chunk was sent to a stream
/// that does not exist.
///
///     code = 1 (16) | length = 8 (16) | stream identifier (16) | reserved (16)
public struct InvalidStreamIdentifierCause: ErrorCauseBody {
    /// The stream identifier of the offending DATA chunk.
    public var streamIdentifier: UInt16
    /// The reserved field as sent (zero from a conforming sender; kept so decoding never alters bytes).
    public var reserved: UInt16

    public init(streamIdentifier: UInt16, reserved: UInt16 = 0) {
        self.streamIdentifier = streamIdentifier
        self.reserved = reserved
    }

    public static let causeCode = ErrorCauseCode.invalidStreamIdentifier
    public static let name = "Invalid Stream Identifier"
    public static let valueLength = TLVValueLength.exactly(4)
    public static let fieldSchema = FieldRecordSchema(
        kind: "invalid-stream-identifier", summary: "Invalid Stream Identifier cause (code 1)",
        reference: "RFC 9260 §3.3.10.1",
        fields: [
            .init("stream_id", .unsigned(bits: 16), "Stream identifier of the DATA chunk"),
            .init("reserved", .unsigned(bits: 16), optional: true, "Reserved field (default 0; shown when not 0)"),
        ])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.streamIdentifier = try reader.readUInt16()
        self.reserved = try reader.readUInt16()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt16(self.streamIdentifier)
        writer.writeUInt16(self.reserved)
    }

    public var errorCause: ErrorCause { .invalidStreamIdentifier(self) }

    public var fieldRecord: FieldRecord {
        var record = FieldRecord(
            kind: Self.kind, fields: [.init("stream_id", .unsigned(UInt64(self.streamIdentifier)))])
        if self.reserved != 0 {
            record.fields.append(.init("reserved", .unsigned(UInt64(self.reserved))))
        }
        return record
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            streamIdentifier: try fields.unsigned("stream_id"), reserved: try fields.unsigned("reserved", default: 0))
    }
}
