extension ErrorCause: FieldRecordConvertible {
    /// The cause as a record of its kind (`stale-cookie-error` with `staleness_us`), or
    /// `unknown-error-cause` (`code`, `value`) for codes not known here.
    public var fieldRecord: FieldRecord {
        switch self {
        case .unknown(let unknown): unknown.fieldRecord
        default: self.body?.fieldRecord ?? FieldRecord(kind: UnknownErrorCause.kind)
        }
    }

    /// Builds a cause from a record of any cause kind. Errors name the offending field relative to
    /// the record (`stream_id`); the `kind` path means the kind itself is wrong. A value too long for
    /// the 16-bit length field is rejected.
    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let value = try Self.building(from: fieldRecord)
        let length = value.encodedLength
        if length > Int(UInt16.max) {
            throw FieldRecordError(
                path: "", reason: "error cause would be \(length) bytes long, more than a length field can say (65535)")
        }
        self = value
    }

    private static func building(from fieldRecord: FieldRecord) throws(FieldRecordError) -> ErrorCause {
        if fieldRecord.kind == UnknownErrorCause.kind {
            return .unknown(try UnknownErrorCause(fieldRecord: fieldRecord))
        }
        guard let bodyType = Self.bodyTypesByKind[fieldRecord.kind] else {
            let kinds = Self.bodyTypes.map { $0.kind } + [UnknownErrorCause.kind]
            throw FieldRecordError(
                path: "kind",
                reason: "'\(fieldRecord.kind)' is not an error cause kind (one of: \(kinds.joined(separator: ", ")))")
        }
        return try Self.building(bodyType, from: fieldRecord)
    }

    private static func building<Body: ErrorCauseBody>(_: Body.Type, from fieldRecord: FieldRecord)
        throws(FieldRecordError) -> ErrorCause
    {
        try Body(fieldRecord: fieldRecord).errorCause
    }
}
