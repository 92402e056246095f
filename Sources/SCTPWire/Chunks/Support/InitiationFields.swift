/// The fixed fields INIT (RFC 9260 §3.3.2) and INIT ACK (RFC 9260 §3.3.3) share, and their codec.
struct InitiationFields: Hashable, Sendable {
    var initiateTag: UInt32
    var advertisedReceiverWindow: UInt32
    var outboundStreams: UInt16
    var inboundStreams: UInt16
    var initialTSN: UInt32
    var parameters: [Parameter]

    /// Tag, a_rwnd, two stream counts, initial TSN.
    static let fixedLength = 16

    @inline(__always)
    static func decode(from reader: inout ByteReader) throws(WireDecodingError) -> InitiationFields {
        InitiationFields(
            initiateTag: try reader.readUInt32(),
            advertisedReceiverWindow: try reader.readUInt32(),
            outboundStreams: try reader.readUInt16(),
            inboundStreams: try reader.readUInt16(),
            initialTSN: try reader.readUInt32(),
            parameters: try Parameter.decodeList(from: &reader))
    }

    func encode(into writer: inout ByteWriter) {
        writer.writeUInt32(self.initiateTag)
        writer.writeUInt32(self.advertisedReceiverWindow)
        writer.writeUInt16(self.outboundStreams)
        writer.writeUInt16(self.inboundStreams)
        writer.writeUInt32(self.initialTSN)
        Parameter.encodeList(self.parameters, into: &writer)
    }

    var fields: [FieldRecord.Field] {
        [
            .unsigned("initiate_tag", self.initiateTag), .unsigned("a_rwnd", self.advertisedReceiverWindow),
            .unsigned("outbound_streams", self.outboundStreams), .unsigned("inbound_streams", self.inboundStreams),
            .unsigned("initial_tsn", self.initialTSN), .records("parameters", self.parameters),
        ]
    }

    init(
        initiateTag: UInt32, advertisedReceiverWindow: UInt32, outboundStreams: UInt16, inboundStreams: UInt16,
        initialTSN: UInt32, parameters: [Parameter]
    ) {
        self.initiateTag = initiateTag
        self.advertisedReceiverWindow = advertisedReceiverWindow
        self.outboundStreams = outboundStreams
        self.inboundStreams = inboundStreams
        self.initialTSN = initialTSN
        self.parameters = parameters
    }

    init(fields: TLVFieldReader) throws(FieldRecordError) {
        self.initiateTag = try fields.unsigned("initiate_tag")
        self.advertisedReceiverWindow = try fields.unsigned("a_rwnd")
        self.outboundStreams = try fields.unsigned("outbound_streams")
        self.inboundStreams = try fields.unsigned("inbound_streams")
        self.initialTSN = try fields.unsigned("initial_tsn")
        self.parameters = try fields.optionalNestedList("parameters") { (record) throws(FieldRecordError) in
            try Parameter(fieldRecord: record)
        }
    }

    static func schemaFields(parameters: String) -> [FieldRecordSchema.Field] {
        [
            .init("initiate_tag", .unsigned(bits: 32), "Initiate tag: the verification tag the peer must use"),
            .init("a_rwnd", .unsigned(bits: 32), "Advertised receiver window credit in bytes"),
            .init("outbound_streams", .unsigned(bits: 16), "Number of outbound streams (OS)"),
            .init("inbound_streams", .unsigned(bits: 16), "Maximum number of inbound streams (MIS)"),
            .init("initial_tsn", .unsigned(bits: 32), "Initial TSN"),
            ChunkSchemaFields.parameters(parameters),
        ]
    }
}
