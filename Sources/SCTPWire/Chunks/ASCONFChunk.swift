/// ASCONF, Address Configuration Change (RFC 5061 §4.1.1, figure "ASCONF chunk").
///
/// ```
///  type 193 | flags (reserved) | length
///  sequence (serial) number (32)
///  address parameter (IPv4 or IPv6 Address TLV: an address of the sender, to find the association)
///  ASCONF parameters #1..#N (Add IP, Delete IP, Set Primary, ...)
/// ```
public struct ASCONFChunk: ChunkBody {
    public static let chunkType = ChunkType.asconf
    /// The serial number and at least a TLV header for the address parameter.
    public static let minimumValueLength = 8

    /// The flags byte (all bits reserved).
    public var flags: ReservedChunkFlags
    /// Sequence number of this ASCONF (serial number arithmetic, RFC 5061 §3).
    public var serialNumber: UInt32
    /// The address parameter that identifies the association (normally IPv4 or IPv6 Address; kept as
    /// whatever parameter was sent).
    public var address: Parameter
    /// The ASCONF parameters, in wire order.
    public var parameters: [Parameter]

    public init(
        flags: ReservedChunkFlags = [], serialNumber: UInt32, address: Parameter, parameters: [Parameter] = []
    ) {
        self.flags = flags
        self.serialNumber = serialNumber
        self.address = address
        self.parameters = parameters
    }

    public init(flags: ReservedChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.flags = flags
        self.serialNumber = try reader.readUInt32()
        self.address = try Parameter.decode(from: &reader)
        self.parameters = try Parameter.decodeList(from: &reader)
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.serialNumber)
        if self.parameters.isEmpty {
            // The address is the last TLV: the chunk pads it, and the length excludes that padding.
            Parameter.encodeList([self.address], into: &writer)
        } else {
            self.address.encode(into: &writer)
            Parameter.encodeList(self.parameters, into: &writer)
        }
    }

    public var chunk: Chunk { .asconf(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "asconf", summary: "Address Configuration Change (type 193)", reference: "RFC 5061 §4.1.1",
        fields: ReservedChunkFlags.schemaFields + [
            .init("serial_number", .unsigned(bits: 32), "Sequence number of this ASCONF"),
            .init("address", .record(of: "parameter"), "Address parameter identifying the association"),
            ChunkSchemaFields.parameters("ASCONF parameters (Add IP Address, Delete IP Address, ...)"),
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: self.flags.fieldRecordFields + [
                .unsigned("serial_number", self.serialNumber),
                FieldRecord.Field("address", .record(self.address.fieldRecord)),
                .records("parameters", self.parameters),
            ])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            flags: try ReservedChunkFlags(fields: fields), serialNumber: try fields.unsigned("serial_number"),
            address: try fields.nested("address") { (record) throws(FieldRecordError) in
                try Parameter(fieldRecord: record)
            },
            parameters: try fields.optionalNestedList("parameters") { (record) throws(FieldRecordError) in
                try Parameter(fieldRecord: record)
            })
    }
}
