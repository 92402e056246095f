/// Missing Mandatory Parameter cause, code 2 (RFC 9260 §3.3.10.2): an INIT or INIT ACK lacked
/// mandatory parameters; the value counts and lists their types.
///
///     code = 2 (16) | length (16) | number of missing parameters (32) | parameter type (16) ...
///
/// The count is kept as sent, since nothing forces it to match the list (rules judge that).
public struct MissingMandatoryParameterCause: ErrorCauseBody {
    /// The Number of missing params field as sent.
    public var declaredCount: UInt32
    /// The missing parameter types, in wire order.
    public var missingTypes: [UInt16]

    /// A cause listing `missingTypes`, with the count field equal to their number unless given.
    public init(missingTypes: [UInt16], declaredCount: UInt32? = nil) {
        self.missingTypes = missingTypes
        self.declaredCount = declaredCount ?? UInt32(clamping: missingTypes.count)
    }

    public static let causeCode = ErrorCauseCode.missingMandatoryParameter
    public static let name = "Missing Mandatory Parameter"
    public static let valueLength = TLVValueLength.atLeast(4, unit: 2)
    public static let fieldSchema = FieldRecordSchema(
        kind: "missing-mandatory-parameter", summary: "Missing Mandatory Parameter cause (code 2)",
        reference: "RFC 9260 §3.3.10.2",
        fields: [
            .init(
                "count", .unsigned(bits: 32), optional: true,
                "Number of missing parameters field (default: the number of types; shown when different)"),
            .init("types", .list(of: .unsigned(bits: 16)), "The missing parameter types"),
        ])

    public init(decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.declaredCount = try reader.readUInt32()
        var types: [UInt16] = []
        while !reader.isAtEnd {
            types.append(try reader.readUInt16())
        }
        self.missingTypes = types
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.declaredCount)
        for type in self.missingTypes {
            writer.writeUInt16(type)
        }
    }

    public var errorCause: ErrorCause { .missingMandatoryParameter(self) }

    public var fieldRecord: FieldRecord {
        var record = FieldRecord(kind: Self.kind)
        if self.declaredCount != UInt32(clamping: self.missingTypes.count) {
            record.fields.append(.init("count", .unsigned(UInt64(self.declaredCount))))
        }
        record.fields.append(.init("types", .list(self.missingTypes.map { .unsigned(UInt64($0)) })))
        return record
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(missingTypes: try fields.unsignedList("types"), declaredCount: try fields.optionalUnsigned("count"))
    }
}
