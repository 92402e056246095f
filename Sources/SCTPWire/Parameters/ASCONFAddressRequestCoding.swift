/// The value shared by Add IP Address, Delete IP Address and Set Primary Address (RFC 5061 §4.2.1,
/// §4.2.2, §4.2.4): an ASCONF-Request Correlation ID followed by one whole address parameter TLV.
///
///     correlation ID (32) | address parameter: type, length, value
enum ASCONFAddressRequestCoding {
    /// The fields of records of these kinds.
    static let fields: [FieldRecordSchema.Field] = [
        .init("correlation_id", .unsigned(bits: 32), "ASCONF-Request Correlation ID"),
        .init("address", .record(of: "parameter"), "The address parameter, usually ipv4-address or ipv6-address"),
    ]

    /// Reads the correlation ID and the nested parameter (whose padding, if any, stays inside).
    static func decode(from reader: inout ByteReader) throws(WireDecodingError) -> (UInt32, Parameter) {
        let correlationID = try reader.readUInt32()
        let address = try Parameter.decode(from: &reader)
        if !reader.isAtEnd {
            throw reader.error(.invalidValue("\(reader.remaining) bytes follow the address parameter"))
        }
        return (correlationID, address)
    }

    /// Writes the correlation ID and the nested parameter without padding: it is the last TLV in the
    /// value, so the enclosing parameter's padding serves it (RFC 9260 §3.2).
    static func encode(correlationID: UInt32, address: Parameter, into writer: inout ByteWriter) {
        writer.writeUInt32(correlationID)
        address.encode(into: &writer, padded: false)
    }

    static func record(kind: String, correlationID: UInt32, address: Parameter) -> FieldRecord {
        FieldRecord(
            kind: kind,
            fields: [
                .init("correlation_id", .unsigned(UInt64(correlationID))),
                .init("address", .record(address.fieldRecord)),
            ])
    }

    static func read(_ record: FieldRecord, schema: FieldRecordSchema) throws(FieldRecordError) -> (UInt32, Parameter) {
        let fields = try TLVFieldReader(record, schema: schema)
        let correlationID: UInt32 = try fields.unsigned("correlation_id")
        let address = try fields.nested("address") { nested throws(FieldRecordError) in
            try Parameter(fieldRecord: nested)
        }
        return (correlationID, address)
    }
}
