/// A chunk whose type this module has no typed representation for, kept as type, flags and value
/// bytes so it survives decode and encode byte for byte (RFC 9260 §3.2).
///
/// ```
///  type | flags | length
///  value ...
/// ```
/// It may also carry a known type code, to send a deliberately malformed chunk (a SHUTDOWN with no
/// cumulative TSN ack); decoding never produces that, it decodes known types into their typed case.
public struct UnknownChunk: Hashable, Sendable, FieldRecordConvertible {
    /// The type code as sent.
    public var type: UInt8
    /// The whole flags byte.
    public var flags: UInt8
    /// The value bytes, without header or padding.
    public var value: [UInt8]

    public init(type: UInt8, flags: UInt8 = 0, value: [UInt8] = []) {
        self.type = type
        self.flags = flags
        self.value = value
    }

    /// The type as a `ChunkType`.
    public var chunkType: ChunkType {
        ChunkType(self.type)
    }

    /// What a receiver that does not recognize the type does (the type's two high bits, RFC 9260 §3.2).
    public var action: UnrecognizedChunkAction {
        UnrecognizedChunkAction(chunkType: self.type)
    }

    /// Writes the whole chunk (header, value, zero padding to 4 bytes).
    public func encode(into writer: inout ByteWriter) {
        ChunkFraming.write(type: self.type, flags: self.flags, into: &writer) {
            $0.writeBytes(self.value)
        }
    }

    /// The record kind.
    public static let kind = "unknown-chunk"

    /// The fields of `unknown-chunk` records.
    public static let fieldSchema = FieldRecordSchema(
        kind: Self.kind,
        summary: "A chunk of any type, kept as type, flags and value bytes",
        reference: "RFC 9260 §3.2",
        fields: [
            .init("type", .unsigned(bits: 8), "Chunk type; its two high bits are the unrecognized-type action"),
            .init("flags", .unsigned(bits: 8), optional: true, "The whole flags byte (default 0)"),
            .init("value", .bytes, optional: true, "Value bytes without header or padding (default empty)"),
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: [.unsigned("type", self.type), .unsigned("flags", self.flags), .bytes("value", self.value)])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            type: try fields.unsigned("type"), flags: try fields.unsigned("flags", default: 0),
            value: try fields.optionalBytes("value") ?? [])
    }
}
