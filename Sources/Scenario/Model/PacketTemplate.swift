import SCTPWire

/// What a `send` step writes: chunks with only the fields that matter, plus packet-level overrides.
/// The runner fills everything left out from the association state (ports, tags, TSNs, cookie, checksum).
public struct PacketTemplate: Hashable, Sendable {
    public var chunks: [ChunkTemplate]
    /// Overrides the verification tag (otherwise 0 for INIT, the peer's tag for everything else).
    public var verificationTag: ValueExpression?
    /// How the checksum field is filled.
    public var checksum: ChecksumChoice
    /// Overrides the source port (otherwise the harness's port).
    public var sourcePort: ValueExpression?
    /// Overrides the destination port (otherwise the SUT's port).
    public var destinationPort: ValueExpression?

    public init(
        chunks: [ChunkTemplate], verificationTag: ValueExpression? = nil, checksum: ChecksumChoice = .correct,
        sourcePort: ValueExpression? = nil, destinationPort: ValueExpression? = nil
    ) {
        self.chunks = chunks
        self.verificationTag = verificationTag
        self.checksum = checksum
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
    }
}

/// The checksum a sent packet carries.
public enum ChecksumChoice: Hashable, Sendable {
    /// The correct CRC32c (RFC 9260 §6.8).
    case correct
    /// Zero (RFC 9653).
    case zero
    /// A wrong value: the correct CRC32c with every bit inverted.
    case bad
    /// Exactly this value.
    case value(ValueExpression)
}

/// One chunk to send.
public struct ChunkTemplate: Hashable, Sendable {
    /// What the chunk is.
    public enum Body: Hashable, Sendable {
        /// A chunk of a known kind; fields left out are filled by the runner.
        case typed(kind: String, fields: [FieldAssignment])
        /// Any chunk as type, flags and value bytes (`chunk: {type: 0x4f, flags: 0, value: "0a0b"}`).
        case raw(type: ValueExpression, flags: ValueExpression, value: [UInt8])
    }

    public var body: Body
    /// Writes this raw byte over the chunk's flags after encoding (deliberately odd flags).
    public var flags: ValueExpression?
    /// Writes this value over the chunk's length field after encoding (a length that lies).
    public var length: ValueExpression?
    public var location: FileLocation

    public init(body: Body, flags: ValueExpression? = nil, length: ValueExpression? = nil, location: FileLocation) {
        self.body = body
        self.flags = flags
        self.length = length
        self.location = location
    }

    /// The record kind (`unknown-chunk` for raw chunks).
    public var kind: String {
        switch self.body {
        case .typed(let kind, _): kind
        case .raw: "chunk"
        }
    }
}

/// `name: value` in a send template.
public struct FieldAssignment: Hashable, Sendable {
    public var name: String
    public var value: TemplateValue
    public var location: FileLocation

    public init(name: String, value: TemplateValue, location: FileLocation) {
        self.name = name
        self.value = value
        self.location = location
    }
}

/// A field value in a send template; expressions are evaluated when the step runs.
public indirect enum TemplateValue: Hashable, Sendable {
    /// A number or a variable (which may hold bytes, e.g. a captured cookie).
    case expression(ValueExpression)
    case bytes([UInt8])
    case text(String)
    case flag(Bool)
    case list([TemplateValue])
    /// The bytes of a value (usually a captured variable) with every bit of the byte at `flipping`
    /// inverted (`{from: $cookie, flip: 40}`: a tampered cookie). Negative offsets count from the end.
    case flipped(ValueExpression, flipping: Int)
    /// A nested parameter or cause: fields left out are an error unless the record allows it.
    case record(kind: String, fields: [FieldAssignment])
}
