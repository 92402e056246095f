/// INIT, Initiation (RFC 9260 §3.3.2, figure "INIT chunk").
/// Starts an association; sent with verification tag 0.
///
/// ```
///  type 1 | flags (reserved) | length
///  initiate tag (32) | advertised receiver window credit, a_rwnd (32)
///  number of outbound streams (16) | number of inbound streams (16) | initial TSN (32)
///  optional/variable-length parameters ...
/// ```
public struct InitChunk: ChunkBody {
    public static let chunkType = ChunkType.initiation
    public static let minimumValueLength = InitiationFields.fixedLength

    /// The flags byte (all bits reserved).
    public var flags: ReservedChunkFlags
    /// Initiate tag: the verification tag the receiver of this chunk must put in its packets.
    public var initiateTag: UInt32
    /// Advertised receiver window credit (a_rwnd), in bytes.
    public var advertisedReceiverWindow: UInt32
    /// Number of outbound streams (OS).
    public var outboundStreams: UInt16
    /// Maximum number of inbound streams (MIS).
    public var inboundStreams: UInt16
    /// Initial TSN.
    public var initialTSN: UInt32
    /// The parameters, in wire order.
    public var parameters: [Parameter]

    public init(
        flags: ReservedChunkFlags = [], initiateTag: UInt32, advertisedReceiverWindow: UInt32,
        outboundStreams: UInt16, inboundStreams: UInt16, initialTSN: UInt32, parameters: [Parameter] = []
    ) {
        self.flags = flags
        self.initiateTag = initiateTag
        self.advertisedReceiverWindow = advertisedReceiverWindow
        self.outboundStreams = outboundStreams
        self.inboundStreams = inboundStreams
        self.initialTSN = initialTSN
        self.parameters = parameters
    }

    init(flags: ReservedChunkFlags, _ fields: InitiationFields) {
        self.init(
            flags: flags, initiateTag: fields.initiateTag, advertisedReceiverWindow: fields.advertisedReceiverWindow,
            outboundStreams: fields.outboundStreams, inboundStreams: fields.inboundStreams,
            initialTSN: fields.initialTSN, parameters: fields.parameters)
    }

    var initiationFields: InitiationFields {
        InitiationFields(
            initiateTag: self.initiateTag, advertisedReceiverWindow: self.advertisedReceiverWindow,
            outboundStreams: self.outboundStreams, inboundStreams: self.inboundStreams, initialTSN: self.initialTSN,
            parameters: self.parameters)
    }

    public init(flags: ReservedChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.init(flags: flags, try InitiationFields.decode(from: &reader))
    }

    public func encodeValue(into writer: inout ByteWriter) {
        self.initiationFields.encode(into: &writer)
    }

    public var chunk: Chunk { .initiation(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "init", summary: "INIT, Initiation (type 1)", reference: "RFC 9260 §3.3.2",
        fields: ReservedChunkFlags.schemaFields
            + InitiationFields.schemaFields(
                parameters:
                    "Optional/variable-length parameters (addresses, cookie preservative, supported address types, ...)"
            ))

    public var fieldRecord: FieldRecord {
        FieldRecord(kind: Self.kind, fields: self.flags.fieldRecordFields + self.initiationFields.fields)
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(flags: try ReservedChunkFlags(fields: fields), try InitiationFields(fields: fields))
    }
}
