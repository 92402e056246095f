/// ASCONF-ACK, Address Configuration Acknowledgement (RFC 5061 §4.1.2, figure "ASCONF-ACK chunk").
///
/// ```
///  type 128 | flags (reserved) | length
///  sequence (serial) number (32)
///  ASCONF parameter responses (Success Indication, Error Cause Indication, ...)
/// ```
public struct ASCONFAckChunk: ChunkBody {
    public static let chunkType = ChunkType.asconfAck
    public static let minimumValueLength = 4

    /// The flags byte (all bits reserved).
    public var flags: ReservedChunkFlags
    /// The serial number of the ASCONF being acknowledged.
    public var serialNumber: UInt32
    /// The response parameters, in wire order.
    public var parameters: [Parameter]

    public init(flags: ReservedChunkFlags = [], serialNumber: UInt32, parameters: [Parameter] = []) {
        self.flags = flags
        self.serialNumber = serialNumber
        self.parameters = parameters
    }

    public init(flags: ReservedChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.flags = flags
        self.serialNumber = try reader.readUInt32()
        self.parameters = try Parameter.decodeList(from: &reader)
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.serialNumber)
        Parameter.encodeList(self.parameters, into: &writer)
    }

    public var chunk: Chunk { .asconfAck(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "asconf-ack", summary: "Address Configuration Acknowledgement (type 128)",
        reference: "RFC 5061 §4.1.2",
        fields: ReservedChunkFlags.schemaFields + [
            .init("serial_number", .unsigned(bits: 32), "Serial number of the acknowledged ASCONF"),
            ChunkSchemaFields.parameters("Response parameters (Success Indication, Error Cause Indication)"),
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: self.flags.fieldRecordFields + [
                .unsigned("serial_number", self.serialNumber), .records("parameters", self.parameters),
            ])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            flags: try ReservedChunkFlags(fields: fields), serialNumber: try fields.unsigned("serial_number"),
            parameters: try fields.optionalNestedList("parameters") { (record) throws(FieldRecordError) in
                try Parameter(fieldRecord: record)
            })
    }
}
