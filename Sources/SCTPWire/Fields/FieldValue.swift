/// The "field view" of any wire value: chunks, parameters, error causes and the common header
/// can all be turned into an ordered record of named fields and built back from one.
///
/// This is the face that scenarios (patterns and `send` templates), `sctpconform decode --verbose`
/// and `--json`, and reports share, so one naming scheme serves all of them:
/// kinds are kebab-case (`init-ack`, `state-cookie`, `stale-cookie-error`), field names are
/// snake_case (`initiate_tag`, `a_rwnd`, `initial_tsn`).
public indirect enum FieldValue: Hashable, Sendable {
    /// Any unsigned integer field (tags, TSNs, ports, lengths, counts, flags byte).
    case unsigned(UInt64)
    /// Opaque bytes (cookies, user data, heartbeat info, unknown values).
    case bytes([UInt8])
    /// Text (host names, addresses in their printed form).
    case text(String)
    /// One flag bit, by name.
    case flag(Bool)
    /// An ordered list (gap blocks, parameters, error causes, stream numbers).
    case list([FieldValue])
    /// A nested record (a parameter inside an INIT, a cause inside an ABORT).
    case record(FieldRecord)
}

/// An ordered set of named fields describing one wire value of a given `kind`.
public struct FieldRecord: Hashable, Sendable {
    /// One named field.
    public struct Field: Hashable, Sendable {
        public var name: String
        public var value: FieldValue

        public init(_ name: String, _ value: FieldValue) {
            self.name = name
            self.value = value
        }
    }

    /// What this record describes, in kebab-case (`data`, `init-ack`, `ipv4-address`).
    public var kind: String
    /// The fields, in wire order.
    public var fields: [Field]

    public init(kind: String, fields: [Field] = []) {
        self.kind = kind
        self.fields = fields
    }

    /// The first field with this name.
    public subscript(name: String) -> FieldValue? {
        get { self.fields.first(where: { $0.name == name })?.value }
        set {
            if let index = self.fields.firstIndex(where: { $0.name == name }) {
                if let newValue {
                    self.fields[index].value = newValue
                } else {
                    self.fields.remove(at: index)
                }
            } else if let newValue {
                self.fields.append(Field(name, newValue))
            }
        }
    }
}

/// Why a field record could not be turned into a wire value.
public struct FieldRecordError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path to the offending field, e.g. `init.params[2].address`.
    public var path: String
    /// What was wrong, in words a scenario author can act on.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(self.path): \(self.reason)" }
}

/// A wire value that has a field view and can be rebuilt from one.
public protocol FieldRecordConvertible {
    /// The value as named fields, in wire order.
    var fieldRecord: FieldRecord { get }
    /// Builds the value from a complete record; a missing or ill-typed field is an error.
    init(fieldRecord: FieldRecord) throws(FieldRecordError)
}
