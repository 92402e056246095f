/// HEARTBEAT, Heartbeat Request (RFC 9260 §3.3.5).
///
/// ```
///  type 4 | flags (reserved) | length
///  Heartbeat Info TLV (type 1): sender-specific information, echoed back
/// ```
public struct HeartbeatChunk: ChunkBody {
    public static let chunkType = ChunkType.heartbeat
    public static let minimumValueLength = 0

    /// The flags byte (all bits reserved).
    public var flags: ReservedChunkFlags
    /// The Heartbeat Info parameter (and anything else the sender put there), in wire order.
    public var parameters: [Parameter]

    public init(flags: ReservedChunkFlags = [], parameters: [Parameter]) {
        self.flags = flags
        self.parameters = parameters
    }

    public init(flags: ReservedChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.flags = flags
        self.parameters = try Parameter.decodeList(from: &reader)
    }

    public func encodeValue(into writer: inout ByteWriter) {
        Parameter.encodeList(self.parameters, into: &writer)
    }

    public var chunk: Chunk { .heartbeat(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "heartbeat", summary: "HEARTBEAT, Heartbeat Request (type 4)", reference: "RFC 9260 §3.3.5",
        fields: ReservedChunkFlags.schemaFields + [
            ChunkSchemaFields.parameters("The Heartbeat Info parameter (and anything else the sender put there)")
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: self.flags.fieldRecordFields + [.records("parameters", self.parameters)])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            flags: try ReservedChunkFlags(fields: fields),
            parameters: try fields.optionalNestedList("parameters") { (record) throws(FieldRecordError) in
                try Parameter(fieldRecord: record)
            })
    }
}
