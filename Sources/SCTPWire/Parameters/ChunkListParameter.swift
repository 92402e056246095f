/// Chunk List parameter, type 0x8003 (RFC 4895 §3.2): the chunk types the sender requires to be
/// authenticated, one byte each.
///
///     type = 0x8003 (16) | length (16) | chunk type (8) ...
public struct ChunkListParameter: ParameterBody {
    /// The chunk types, in wire order.
    public var chunkTypes: [UInt8]

    public init(chunkTypes: [UInt8]) {
        self.chunkTypes = chunkTypes
    }

    public static let parameterType = ParameterType.chunkList
    public static let name = "Chunk List"
    public static let valueLength = TLVValueLength.any
    public static let fieldSchema = FieldRecordSchema(
        kind: "chunk-list", summary: "Chunk List parameter (type 0x8003)", reference: "RFC 4895 §3.2",
        fields: [
            .init(
                "chunk_types", .list(of: .unsigned(bits: 8)), "Chunk types that must arrive in an AUTH-protected packet"
            )
        ])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.chunkTypes = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.chunkTypes)
    }

    public var parameter: Parameter { .chunkList(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind, fields: [.init("chunk_types", .list(self.chunkTypes.map { .unsigned(UInt64($0)) }))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(chunkTypes: try fields.unsignedList("chunk_types"))
    }
}
