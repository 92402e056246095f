/// ABORT, Abort Association (RFC 9260 §3.3.7).
///
/// ```
///  type 6 | reserved |T| | length
///  zero or more error causes ...
/// ```
public struct AbortChunk: ChunkBody {
    public static let chunkType = ChunkType.abort
    public static let minimumValueLength = 0

    /// The T bit and the reserved bits.
    public var flags: TBitChunkFlags
    /// The error causes, in wire order.
    public var causes: [ErrorCause]

    public init(flags: TBitChunkFlags = [], causes: [ErrorCause] = []) {
        self.flags = flags
        self.causes = causes
    }

    public init(flags: TBitChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.flags = flags
        self.causes = try ErrorCause.decodeList(from: &reader)
    }

    public func encodeValue(into writer: inout ByteWriter) {
        ErrorCause.encodeList(self.causes, into: &writer)
    }

    public var chunk: Chunk { .abort(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "abort", summary: "ABORT, Abort Association (type 6)", reference: "RFC 9260 §3.3.7",
        fields: TBitChunkFlags.schemaFields + [ChunkSchemaFields.causes("Error causes")])

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: self.flags.fieldRecordFields + [.records("causes", self.causes)])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            flags: try TBitChunkFlags(fields: fields),
            causes: try fields.optionalNestedList("causes") { (record) throws(FieldRecordError) in
                try ErrorCause(fieldRecord: record)
            })
    }
}
