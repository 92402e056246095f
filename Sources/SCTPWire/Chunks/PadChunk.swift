/// PAD, Padding (RFC 4820 §3).
///
/// ```
///  type 132 | flags (reserved) | length
///  padding data (ignored by the receiver)
/// ```
public struct PadChunk: ChunkBody {
    public static let chunkType = ChunkType.pad
    public static let minimumValueLength = 0

    /// The flags byte (all bits reserved).
    public var flags: ReservedChunkFlags
    /// The padding bytes (their content is ignored by the receiver).
    public var padding: [UInt8]

    public init(flags: ReservedChunkFlags = [], padding: [UInt8]) {
        self.flags = flags
        self.padding = padding
    }

    public init(flags: ReservedChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.flags = flags
        self.padding = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.padding)
    }

    public var chunk: Chunk { .pad(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "pad", summary: "PAD, Padding (type 132)", reference: "RFC 4820 §3",
        fields: ReservedChunkFlags.schemaFields + [
            .init("padding", .bytes, "The padding bytes (their content is ignored by the receiver).")
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: self.flags.fieldRecordFields + [.bytes("padding", self.padding)])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(flags: try ReservedChunkFlags(fields: fields), padding: try fields.bytes("padding"))
    }
}
