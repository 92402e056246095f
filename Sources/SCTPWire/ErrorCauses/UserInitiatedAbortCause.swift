/// User-Initiated Abort cause, code 12 (RFC 9260 §3.3.10.12): the upper layer aborted the association,
/// optionally with a reason for the peer's upper layer.
///
///     code = 12 (16) | length (16) | upper layer abort reason (variable)
public struct UserInitiatedAbortCause: ErrorCauseBody {
    /// The upper layer abort reason, opaque to SCTP (may be empty).
    public var reason: [UInt8]

    public init(reason: [UInt8]) {
        self.reason = reason
    }

    public static let causeCode = ErrorCauseCode.userInitiatedAbort
    public static let name = "User-Initiated Abort"
    public static let valueLength = TLVValueLength.any
    public static let fieldSchema = FieldRecordSchema(
        kind: "user-initiated-abort", summary: "User-Initiated Abort cause (code 12)",
        reference: "RFC 9260 §3.3.10.12",
        fields: [.init("reason", .bytes, "Upper layer abort reason bytes")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.reason = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.reason)
    }

    public var errorCause: ErrorCause { .userInitiatedAbort(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: [.init("reason", .bytes(self.reason))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(reason: try fields.bytes("reason"))
    }
}
