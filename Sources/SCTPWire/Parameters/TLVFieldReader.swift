/// Reads the fields of a parameter or error-cause record by name and type, producing errors whose
/// path names the field (`address`, `types[2]`, `address.address`) so a scenario author can find it.
///
/// Paths are relative to the record being read; whoever embeds the record (a chunk's parameter
/// list) prefixes its own path with `FieldRecordError.prefixingPath(_:)`.
struct TLVFieldReader {
    let record: FieldRecord

    /// Checks that `record` is of `schema.kind` and has no field the schema does not list.
    init(_ record: FieldRecord, schema: FieldRecordSchema) throws(FieldRecordError) {
        if record.kind != schema.kind {
            throw FieldRecordError(path: "kind", reason: "expected kind '\(schema.kind)', found '\(record.kind)'")
        }
        let known = schema.fields.map(\.name)
        for field in record.fields where !known.contains(field.name) {
            let expected = known.isEmpty ? "no fields" : "fields: " + known.joined(separator: ", ")
            throw FieldRecordError(
                path: field.name, reason: "'\(schema.kind)' has no field '\(field.name)' (\(expected))")
        }
        self.record = record
    }

    func required(_ name: String) throws(FieldRecordError) -> FieldValue {
        guard let value = self.record[name] else {
            throw FieldRecordError(path: name, reason: "missing field '\(name)' of '\(self.record.kind)'")
        }
        return value
    }

    /// An unsigned integer that must fit `T`.
    func unsigned<T: FixedWidthInteger & UnsignedInteger>(_ name: String, as _: T.Type = T.self)
        throws(FieldRecordError) -> T
    {
        try Self.unsigned(try self.required(name), path: name)
    }

    /// An unsigned integer, or `defaultValue` when the field is absent.
    func unsigned<T: FixedWidthInteger & UnsignedInteger>(_ name: String, default defaultValue: T)
        throws(FieldRecordError) -> T
    {
        guard let value = self.record[name] else { return defaultValue }
        return try Self.unsigned(value, path: name)
    }

    /// An unsigned integer, or nil when the field is absent.
    func optionalUnsigned<T: FixedWidthInteger & UnsignedInteger>(_ name: String, as _: T.Type = T.self)
        throws(FieldRecordError) -> T?
    {
        guard let value = self.record[name] else { return nil }
        return try Self.unsigned(value, path: name)
    }

    static func unsigned<T: FixedWidthInteger & UnsignedInteger>(_ value: FieldValue, path: String)
        throws(FieldRecordError) -> T
    {
        guard case .unsigned(let number) = value else {
            throw FieldRecordError(path: path, reason: "expected an unsigned integer, found \(value.shapeForErrors)")
        }
        guard let fitted = T(exactly: number) else {
            throw FieldRecordError(
                path: path, reason: "\(number) does not fit in \(T.bitWidth) bits (maximum \(T.max))")
        }
        return fitted
    }

    /// Opaque bytes.
    func bytes(_ name: String) throws(FieldRecordError) -> [UInt8] {
        let value = try self.required(name)
        guard case .bytes(let bytes) = value else {
            throw FieldRecordError(path: name, reason: "expected bytes, found \(value.shapeForErrors)")
        }
        return bytes
    }

    /// Opaque bytes, or nil when the field is absent.
    func optionalBytes(_ name: String) throws(FieldRecordError) -> [UInt8]? {
        guard self.record[name] != nil else { return nil }
        return try self.bytes(name)
    }

    /// Text.
    func text(_ name: String) throws(FieldRecordError) -> String {
        let value = try self.required(name)
        guard case .text(let text) = value else {
            throw FieldRecordError(path: name, reason: "expected text, found \(value.shapeForErrors)")
        }
        return text
    }

    /// A list whose elements `element` converts; errors name the element (`types[2]`).
    func list<Element>(
        _ name: String, _ element: (FieldValue, String) throws(FieldRecordError) -> Element
    ) throws(FieldRecordError) -> [Element] {
        let value = try self.required(name)
        guard case .list(let items) = value else {
            throw FieldRecordError(path: name, reason: "expected a list, found \(value.shapeForErrors)")
        }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            result.append(try element(item, "\(name)[\(index)]"))
        }
        return result
    }

    /// A list of unsigned integers that must each fit `T`.
    func unsignedList<T: FixedWidthInteger & UnsignedInteger>(_ name: String, as _: T.Type = T.self)
        throws(FieldRecordError) -> [T]
    {
        try self.list(name) { (item, path) throws(FieldRecordError) -> T in try Self.unsigned(item, path: path) }
    }

    /// A nested record, converted by `build`; errors inside it are prefixed with the field name.
    func nested<Value>(
        _ name: String, _ build: (FieldRecord) throws(FieldRecordError) -> Value
    ) throws(FieldRecordError) -> Value {
        try Self.nested(try self.required(name), path: name, build)
    }

    static func nested<Value>(
        _ value: FieldValue, path: String, _ build: (FieldRecord) throws(FieldRecordError) -> Value
    ) throws(FieldRecordError) -> Value {
        guard case .record(let record) = value else {
            throw FieldRecordError(path: path, reason: "expected a record, found \(value.shapeForErrors)")
        }
        do {
            return try build(record)
        } catch {
            throw error.prefixingPath(path)
        }
    }

    /// A list of nested records, each converted by `build`.
    func nestedList<Value>(
        _ name: String, _ build: (FieldRecord) throws(FieldRecordError) -> Value
    ) throws(FieldRecordError) -> [Value] {
        try self.list(name) { (item, path) throws(FieldRecordError) -> Value in
            try Self.nested(item, path: path, build)
        }
    }
}

extension FieldValue {
    /// What sort of value this is, for error messages.
    var shapeForErrors: String {
        switch self {
        case .unsigned: "an unsigned integer"
        case .bytes: "bytes"
        case .text: "text"
        case .flag: "a flag"
        case .list: "a list"
        case .record: "a record"
        }
    }
}

extension FieldRecordError {
    /// This error seen from an enclosing record: `address` under `params[2]` becomes `params[2].address`.
    public func prefixingPath(_ prefix: String) -> FieldRecordError {
        if self.path.isEmpty { return FieldRecordError(path: prefix, reason: self.reason) }
        if self.path.hasPrefix("[") { return FieldRecordError(path: prefix + self.path, reason: self.reason) }
        return FieldRecordError(path: prefix + "." + self.path, reason: self.reason)
    }
}
