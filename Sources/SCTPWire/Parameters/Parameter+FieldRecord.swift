extension Parameter: FieldRecordConvertible {
    /// The parameter as a record of its kind (`ipv4-address` with `address`), `unknown-parameter`
    /// (`type`, `value`) for types not known here.
    public var fieldRecord: FieldRecord {
        switch self {
        case .unknown(let unknown): unknown.fieldRecord
        default: self.body?.fieldRecord ?? FieldRecord(kind: UnknownParameter.kind)
        }
    }

    /// Builds a parameter from a record of any parameter kind. Errors name the offending field
    /// relative to the record (`address`, `types[1]`); the `kind` path means the kind itself is wrong.
    /// A value too long for the 16-bit length field is rejected.
    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let value = try Self.building(from: fieldRecord)
        let length = value.encodedLength
        if length > Int(UInt16.max) {
            throw FieldRecordError(
                path: "", reason: "parameter would be \(length) bytes long, more than a length field can say (65535)")
        }
        self = value
    }

    private static func building(from fieldRecord: FieldRecord) throws(FieldRecordError) -> Parameter {
        if fieldRecord.kind == UnknownParameter.kind {
            return .unknown(try UnknownParameter(fieldRecord: fieldRecord))
        }
        guard let bodyType = Self.bodyTypesByKind[fieldRecord.kind] else {
            let kinds = Self.bodyTypes.map { $0.kind } + [UnknownParameter.kind]
            throw FieldRecordError(
                path: "kind",
                reason: "'\(fieldRecord.kind)' is not a parameter kind (one of: \(kinds.joined(separator: ", ")))")
        }
        return try Self.building(bodyType, from: fieldRecord)
    }

    private static func building<Body: ParameterBody>(_: Body.Type, from fieldRecord: FieldRecord)
        throws(FieldRecordError) -> Parameter
    {
        try Body(fieldRecord: fieldRecord).parameter
    }
}
