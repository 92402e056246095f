/// Heartbeat Info parameter, type 1 (RFC 9260 §3.3.5): sender-specific data in a HEARTBEAT that the peer
/// returns unchanged in its HEARTBEAT ACK (RFC 9260 §3.3.6).
///
///     type = 1 (16) | length (16) | heartbeat information (variable)
public struct HeartbeatInfoParameter: ParameterBody {
    /// The sender-specific information, opaque to the peer.
    public var info: [UInt8]

    public init(info: [UInt8]) {
        self.info = info
    }

    public static let parameterType = ParameterType.heartbeatInfo
    public static let name = "Heartbeat Info"
    public static let valueLength = TLVValueLength.any
    public static let fieldSchema = FieldRecordSchema(
        kind: "heartbeat-info", summary: "Heartbeat Info parameter (type 1)", reference: "RFC 9260 §3.3.5",
        fields: [.init("info", .bytes, "Opaque heartbeat information, echoed in HEARTBEAT ACK")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.info = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.info)
    }

    public var parameter: Parameter { .heartbeatInfo(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: [.init("info", .bytes(self.info))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(info: try fields.bytes("info"))
    }
}
