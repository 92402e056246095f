/// Unrecognized Chunk Type cause, code 6 (RFC 9260 §3.3.10.6): the sender did not recognize a chunk
/// whose type asked to be reported (RFC 9260 §3.2); the value is that whole chunk.
///
///     code = 6 (16) | length (16) | the unrecognized chunk: type, flags, length, value
///
/// The chunk is kept as the exact bytes sent; `chunkType`, `chunkFlags` and `chunkLength` read its
/// header when it has one.
public struct UnrecognizedChunkTypeCause: ErrorCauseBody {
    /// The unrecognized chunk as sent.
    public var chunkBytes: [UInt8]

    public init(chunkBytes: [UInt8]) {
        self.chunkBytes = chunkBytes
    }

    /// The chunk's type byte, or nil when the echo is empty.
    public var chunkType: UInt8? {
        self.chunkBytes.first
    }

    /// The chunk's flags byte, or nil when the echo is shorter than 2 bytes.
    public var chunkFlags: UInt8? {
        self.chunkBytes.count >= 2 ? self.chunkBytes[1] : nil
    }

    /// The chunk's length field, or nil when the echo is shorter than 4 bytes.
    public var chunkLength: UInt16? {
        self.chunkBytes.count >= 4 ? UInt16(self.chunkBytes[2]) << 8 | UInt16(self.chunkBytes[3]) : nil
    }

    public static let causeCode = ErrorCauseCode.unrecognizedChunkType
    public static let name = "Unrecognized Chunk Type"
    public static let valueLength = TLVValueLength.any
    public static let fieldSchema = FieldRecordSchema(
        kind: "unrecognized-chunk-type", summary: "Unrecognized Chunk Type cause (code 6)",
        reference: "RFC 9260 §3.3.10.6",
        fields: [.init("chunk", .bytes, "The unrecognized chunk, header included, as sent")])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.chunkBytes = reader.readRemainingBytes()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeBytes(self.chunkBytes)
    }

    public var errorCause: ErrorCause { .unrecognizedChunkType(self) }

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: [.init("chunk", .bytes(self.chunkBytes))])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(chunkBytes: try fields.bytes("chunk"))
    }
}
