/// A description of the fields one record `kind` carries, for generated documentation tables
/// ("which fields can I write under `ipv4-address` in a scenario?") and for error messages.
///
/// It describes the field view of `FieldRecordConvertible` values; it is documentation, the
/// value's own `init(fieldRecord:)` remains the authority on what it accepts.
public struct FieldRecordSchema: Hashable, Sendable {
    /// The shape of one field's value.
    public indirect enum ValueType: Hashable, Sendable, CustomStringConvertible {
        /// An unsigned integer of this many bits (`.unsigned`).
        case unsigned(bits: Int)
        /// Opaque bytes (`.bytes`).
        case bytes
        /// Text in the named format, e.g. `dotted IPv4 address` (`.text`).
        case text(format: String)
        /// A flag (`.flag`).
        case flag
        /// A list of values of one type (`.list`).
        case list(of: ValueType)
        /// A nested record of one of the named families, e.g. `parameter` or `error-cause` (`.record`).
        case record(of: String)
        /// Either of two shapes (the first is what the value prints as when it can).
        case either(ValueType, ValueType)

        public var description: String {
            switch self {
            case .unsigned(let bits): "u\(bits)"
            case .bytes: "bytes"
            case .text(let format): "text (\(format))"
            case .flag: "flag"
            case .list(let element): "list of \(element)"
            case .record(let family): "\(family) record"
            case .either(let first, let second): "\(first) or \(second)"
            }
        }
    }

    /// One field of the record.
    public struct Field: Hashable, Sendable {
        /// The field's snake_case name.
        public var name: String
        /// The shape of its value.
        public var type: ValueType
        /// Whether a record may leave it out (the summary says what it then defaults to).
        public var isOptional: Bool
        /// One line for the documentation table.
        public var summary: String

        public init(_ name: String, _ type: ValueType, optional isOptional: Bool = false, _ summary: String) {
            self.name = name
            self.type = type
            self.isOptional = isOptional
            self.summary = summary
        }
    }

    /// The record kind, kebab-case (`ipv4-address`).
    public var kind: String
    /// What the wire value is, in a few words (`IPv4 Address parameter (type 5)`).
    public var summary: String
    /// Where it is defined (`RFC 9260 §3.3.2.1`).
    public var reference: String
    /// The fields, in wire order.
    public var fields: [Field]

    public init(kind: String, summary: String, reference: String, fields: [Field]) {
        self.kind = kind
        self.summary = summary
        self.reference = reference
        self.fields = fields
    }
}
