/// RE-CONFIG, Re-configuration (RFC 6525 §3.1).
///
/// ```
///  type 130 | flags (reserved) | length
///  re-configuration parameter (one or two requests or responses)
/// ```
public struct ReConfigChunk: ChunkBody {
    public static let chunkType = ChunkType.reConfig
    public static let minimumValueLength = 0

    /// The flags byte (all bits reserved).
    public var flags: ReservedChunkFlags
    /// Re-configuration request and response parameters, in wire order.
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

    public var chunk: Chunk { .reConfig(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "re-config", summary: "RE-CONFIG, Re-configuration (type 130)", reference: "RFC 6525 §3.1",
        fields: ReservedChunkFlags.schemaFields + [
            ChunkSchemaFields.parameters("Re-configuration request and response parameters")
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
