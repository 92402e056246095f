/// ERROR, Operation Error (RFC 9260 §3.3.10).
///
/// ```
///  type 9 | flags (reserved) | length
///  zero or more error causes ...
/// ```
public struct ErrorChunk: ChunkBody {
    public static let chunkType = ChunkType.error
    public static let minimumValueLength = 0

    /// The flags byte (all bits reserved).
    public var flags: ReservedChunkFlags
    /// The error causes, in wire order.
    public var causes: [ErrorCause]

    public init(flags: ReservedChunkFlags = [], causes: [ErrorCause] = []) {
        self.flags = flags
        self.causes = causes
    }

    public init(flags: ReservedChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.flags = flags
        self.causes = try ErrorCause.decodeList(from: &reader)
    }

    public func encodeValue(into writer: inout ByteWriter) {
        ErrorCause.encodeList(self.causes, into: &writer)
    }

    public var chunk: Chunk { .error(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "error", summary: "ERROR, Operation Error (type 9)", reference: "RFC 9260 §3.3.10",
        fields: ReservedChunkFlags.schemaFields + [ChunkSchemaFields.causes("Error causes")])

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: self.flags.fieldRecordFields + [.records("causes", self.causes)])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            flags: try ReservedChunkFlags(fields: fields),
            causes: try fields.optionalNestedList("causes") { (record) throws(FieldRecordError) in
                try ErrorCause(fieldRecord: record)
            })
    }
}
