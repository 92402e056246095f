/// Small builders that keep the field views of chunks short and uniform.
extension FieldRecord.Field {
    /// An unsigned integer field.
    static func unsigned<T: BinaryInteger>(_ name: String, _ value: T) -> FieldRecord.Field {
        FieldRecord.Field(name, .unsigned(UInt64(value)))
    }

    /// An opaque bytes field.
    static func bytes(_ name: String, _ value: [UInt8]) -> FieldRecord.Field {
        FieldRecord.Field(name, .bytes(value))
    }

    /// A list of nested records.
    static func records<T: FieldRecordConvertible>(_ name: String, _ values: [T]) -> FieldRecord.Field {
        FieldRecord.Field(name, .list(values.map { .record($0.fieldRecord) }))
    }

    /// A list of unsigned integers.
    static func unsignedList<T: BinaryInteger>(_ name: String, _ values: [T]) -> FieldRecord.Field {
        FieldRecord.Field(name, .list(values.map { .unsigned(UInt64($0)) }))
    }
}

extension TLVFieldReader {
    /// A list of nested records, or an empty list when the field is absent.
    func optionalNestedList<Value>(
        _ name: String, _ build: (FieldRecord) throws(FieldRecordError) -> Value
    ) throws(FieldRecordError) -> [Value] {
        guard self.record[name] != nil else { return [] }
        return try self.nestedList(name, build)
    }

    /// A list of unsigned integers, or an empty list when the field is absent.
    func optionalUnsignedList<T: FixedWidthInteger & UnsignedInteger>(_ name: String, as _: T.Type = T.self)
        throws(FieldRecordError) -> [T]
    {
        guard self.record[name] != nil else { return [] }
        return try self.unsignedList(name)
    }

    /// A flag, or nil when the field is absent.
    func optionalFlag(_ name: String) throws(FieldRecordError) -> Bool? {
        guard let value = self.record[name] else { return nil }
        guard case .flag(let isSet) = value else {
            throw FieldRecordError(path: name, reason: "expected a flag, found \(value.shapeForErrors)")
        }
        return isSet
    }
}

extension ByteReader {
    /// The declared length of the chunk whose value this reader covers, when the reader is still at the
    /// value's start offset `valueStart` (for errors about the length field).
    func declaredChunkLength(valueStart: Int) -> Int {
        self.endOffset - valueStart + ChunkFraming.headerLength
    }
}

/// Schema fields shared by several chunk types.
enum ChunkSchemaFields {
    static func parameters(_ summary: String) -> FieldRecordSchema.Field {
        FieldRecordSchema.Field(
            "parameters", .list(of: .record(of: "parameter")), optional: true, summary + " (default none)")
    }

    static func causes(_ summary: String) -> FieldRecordSchema.Field {
        FieldRecordSchema.Field(
            "causes", .list(of: .record(of: "error-cause")), optional: true, summary + " (default none)")
    }
}

extension ByteReader {
    /// The big-endian 16-bit value at absolute `offset`, which the caller has checked is readable.
    @inline(__always)
    func loadUInt16(at offset: Int) -> UInt16 {
        UInt16(self.bytes[offset]) << 8 | UInt16(self.bytes[offset + 1])
    }

    /// The big-endian 32-bit value at absolute `offset`, which the caller has checked is readable.
    @inline(__always)
    func loadUInt32(at offset: Int) -> UInt32 {
        UInt32(self.bytes[offset]) << 24 | UInt32(self.bytes[offset + 1]) << 16 | UInt32(self.bytes[offset + 2]) << 8
            | UInt32(self.bytes[offset + 3])
    }
}
