import SCTPWire
import Scenario

/// Makes valid typed values of every chunk, parameter and error cause the codec knows, from their
/// field schemas (so a kind added to the codec is generated without a change here): each field drawn
/// from the boundary dictionary (mostly the plausible value the association expects), nested
/// parameters and causes generated the same way, and the record checked by the codec's own
/// `init(fieldRecord:)` (RFC 9260 §3.2, §3.2.1, §3.3.10).
public struct RecordGenerator: Sendable {
    public var vocabulary: ScenarioVocabulary
    /// How deep records nest (a cause holding a parameter holding ...).
    static let maximumDepth = 2
    /// How many draws a kind gets before its plainest form is used.
    static let attempts = 6

    public init(vocabulary: ScenarioVocabulary = .standard) {
        self.vocabulary = vocabulary
    }

    /// Every chunk kind with a typed face, sorted.
    public var chunkKinds: [String] { self.vocabulary.chunks.keys.sorted() }
    /// Every parameter kind, sorted.
    public var parameterKinds: [String] { (self.vocabulary.families["parameter"] ?? [:]).keys.sorted() }
    /// Every error cause kind, sorted.
    public var causeKinds: [String] { (self.vocabulary.families["error-cause"] ?? [:]).keys.sorted() }

    /// A valid chunk of `kind`, or nil when no draw (nor the plainest form) makes one.
    public func chunk(kind: String, values: BoundaryValues, random: inout FuzzRandom) -> Chunk? {
        guard let schema = self.vocabulary.chunks[kind] else { return nil }
        for attempt in 0..<Self.attempts {
            let record = self.record(schema, values: values, random: &random, depth: 0, plain: attempt > 2)
            if let chunk = try? Chunk(fieldRecord: record), Self.roundTrips(chunk) { return chunk }
        }
        return nil
    }

    /// A valid parameter of `kind`.
    public func parameter(kind: String, values: BoundaryValues, random: inout FuzzRandom) -> Parameter? {
        guard let schema = self.vocabulary.families["parameter"]?[kind] else { return nil }
        for attempt in 0..<Self.attempts {
            let record = self.record(schema, values: values, random: &random, depth: 1, plain: attempt > 2)
            if let parameter = try? Parameter(fieldRecord: record), Self.roundTrips(parameter) { return parameter }
        }
        return nil
    }

    /// A valid error cause of `kind`.
    public func cause(kind: String, values: BoundaryValues, random: inout FuzzRandom) -> ErrorCause? {
        guard let schema = self.vocabulary.families["error-cause"]?[kind] else { return nil }
        for attempt in 0..<Self.attempts {
            let record = self.record(schema, values: values, random: &random, depth: 1, plain: attempt > 2)
            if let cause = try? ErrorCause(fieldRecord: record), Self.roundTrips(cause) { return cause }
        }
        return nil
    }

    /// Whether the chunk's bytes decode back to the same chunk (generated values must be valid).
    static func roundTrips(_ chunk: Chunk) -> Bool {
        (try? Chunk(decoding: chunk.encoded)) == chunk
    }

    static func roundTrips(_ parameter: Parameter) -> Bool {
        var reader = ByteReader(parameter.encoded, context: "parameter")
        return (try? Parameter.decode(from: &reader)) == parameter
    }

    static func roundTrips(_ cause: ErrorCause) -> Bool {
        var reader = ByteReader(cause.encoded, context: "error cause")
        return (try? ErrorCause.decode(from: &reader)) == cause
    }

    /// A code no registry entry claims for a record of an `unknown-...` kind, its two high bits one of
    /// the four action patterns where the family has them (RFC 9260 §3.2, §3.2.1); nil for other kinds.
    static func unassignedCode(kind: String, random: inout FuzzRandom) -> (field: String, value: UInt64)? {
        switch kind {
        case UnknownChunk.kind:
            let action = UInt8(random.below(4)) << 6
            var type = action | UInt8(random.within(0x10...0x3F))
            while ChunkType(type).name != nil { type = action | UInt8(random.within(0x10...0x3F)) }
            return ("type", UInt64(type))
        case UnknownParameter.kind:
            let action = UInt16(random.below(4)) << 14
            var type = action | UInt16(random.within(0x0200...0x3FFF))
            while ParameterType(type).name != nil { type = action | UInt16(random.within(0x0200...0x3FFF)) }
            return ("type", UInt64(type))
        case UnknownErrorCause.kind:
            var code = UInt16(random.within(0x0200...0xFFFF))
            while ErrorCauseCode(code).name != nil { code = UInt16(random.within(0x0200...0xFFFF)) }
            return ("code", UInt64(code))
        default:
            return nil
        }
    }

    // MARK: Fields

    /// A record of `schema`'s kind: required fields always, optional ones half the time (never when
    /// `plain`, which also keeps lists empty and numbers at the model's plausible value).
    func record(
        _ schema: FieldRecordSchema, values: BoundaryValues, random: inout FuzzRandom, depth: Int, plain: Bool
    ) -> FieldRecord {
        var record = FieldRecord(kind: schema.kind)
        // A record of optional fields only is one of alternatives (`host_name` or `value`): one of them.
        let alternatives = !schema.fields.isEmpty && schema.fields.allSatisfy(\.isOptional)
        let chosen = alternatives ? (plain ? 0 : random.below(schema.fields.count)) : -1
        for (index, field) in schema.fields.enumerated() {
            if alternatives && index != chosen { continue }
            if !alternatives && field.isOptional && (plain || random.chance(0.5)) { continue }
            record[field.name] = self.value(
                field.type, name: field.name, values: values, random: &random, depth: depth, plain: plain)
        }
        if let (field, code) = Self.unassignedCode(kind: schema.kind, random: &random) {
            record[field] = .unsigned(code)
        }
        return record
    }

    func value(
        _ type: FieldRecordSchema.ValueType, name: String, values: BoundaryValues, random: inout FuzzRandom,
        depth: Int, plain: Bool
    ) -> FieldValue {
        switch type {
        case .unsigned(let bits):
            return .unsigned(self.number(name: name, bits: bits, values: values, random: &random, plain: plain))
        case .bytes:
            return .bytes(self.bytes(name: name, values: values, random: &random, plain: plain))
        case .text(let format):
            return .text(Self.text(format: format, random: &random))
        case .flag:
            return .flag(plain ? false : random.chance(0.3))
        case .list(let element):
            let count = plain || depth >= Self.maximumDepth ? 0 : random.smallCount(more: 0.45, limit: 4)
            return .list(
                (0..<count).map { _ in
                    self.value(element, name: name, values: values, random: &random, depth: depth + 1, plain: plain)
                })
        case .record(let family):
            return .record(self.nested(family: family, values: values, random: &random, depth: depth, plain: plain))
        case .either(let first, let second):
            let useFirst = plain || depth >= Self.maximumDepth ? Self.isSimple(second) == false : random.chance(0.7)
            return self.value(
                useFirst ? first : second, name: name, values: values, random: &random, depth: depth, plain: plain)
        }
    }

    /// A record of `family` (a chunk family nests chunks, the others parameters, causes, blocks).
    private func nested(
        family: String, values: BoundaryValues, random: inout FuzzRandom, depth: Int, plain: Bool
    ) -> FieldRecord {
        let schemas = family == "chunk" ? self.vocabulary.chunks : (self.vocabulary.families[family] ?? [:])
        let kinds = schemas.keys.sorted()
        let simple = kinds.filter { kind in schemas[kind]?.fields.allSatisfy { !Self.nests($0.type) } ?? false }
        let pool = depth >= Self.maximumDepth || plain ? (simple.isEmpty ? kinds : simple) : kinds
        guard let kind = random.pick(pool), let schema = schemas[kind] else { return FieldRecord(kind: family) }
        return self.record(schema, values: values, random: &random, depth: depth + 1, plain: plain)
    }

    private static func nests(_ type: FieldRecordSchema.ValueType) -> Bool {
        switch type {
        case .record, .list: true
        case .either(let first, let second): nests(first) && nests(second)
        default: false
        }
    }

    private static func isSimple(_ type: FieldRecordSchema.ValueType) -> Bool {
        !self.nests(type)
    }

    private func number(
        name: String, bits: Int, values: BoundaryValues, random: inout FuzzRandom, plain: Bool
    ) -> UInt64 {
        let candidates = values.candidates(name: name, bits: bits)
        if plain || random.chance(0.5) { return candidates.first ?? 0 }
        let nearby = values.nearby(name: name, bits: bits)
        if !nearby.isEmpty && random.chance(0.35) { return random.pick(nearby) ?? 0 }
        if random.chance(0.7) { return random.pick(candidates) ?? 0 }
        let mask: UInt64 = bits >= 64 ? .max : (1 << UInt64(bits)) - 1
        return random.chance(0.5) ? UInt64(random.below(32)) & mask : random.next() & mask
    }

    private func bytes(name: String, values: BoundaryValues, random: inout FuzzRandom, plain: Bool) -> [UInt8] {
        if name.includes("cookie"), let cookie = values.model.cookie, plain || random.chance(0.7) { return cookie }
        if name == "info", let info = values.model.heartbeatInfo, plain || random.chance(0.5) { return info }
        if plain { return name == "user_data" ? Array("x".utf8) : [] }
        let count = random.pick([0, 1, 3, 4, 5, 8, 16, 17, random.below(96)]) ?? 4
        if name == "user_data" && random.chance(0.5) {
            return Array(String(repeating: "fuzz", count: count / 4 + 1).utf8.prefix(max(1, count)))
        }
        return random.chance(0.3) ? [UInt8](repeating: 0, count: count) : random.bytes(count)
    }

    static func text(format: String, random: inout FuzzRandom) -> String {
        if format.includes("IPv4") {
            return random.pick(["198.18.0.1", "198.18.0.2", "198.18.0.3", "0.0.0.0", "255.255.255.255", "127.0.0.1"])!
        }
        if format.includes("IPv6") {
            return random.pick(["2001:db8::1", "2001:db8::2", "::", "::1", "fe80::1"])!
        }
        return random.pick(["a", "example.com", "sut.test", String(repeating: "x", count: 63)])!
    }
}
