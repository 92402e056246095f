/// What a `ByteReader` decodes, for error messages, in a form that costs nothing to carry on the
/// success path: a fixed name or a type code, spelled out as text only when an error is built.
///
/// `ByteReader(bytes, range:context:)` with a `String` still works (the text is kept as given); the
/// codec's own readers use the lazy forms so that decoding a valid packet builds no strings.
public struct DecodingContext: Sendable, CustomStringConvertible {
    enum Storage: Sendable {
        /// Text given by the caller.
        case text(String)
        /// A fixed name (`parameter`, `SCTP packet`).
        case literal(StaticString)
        /// The value of a chunk of this type (`INIT ACK chunk`, `chunk 0x63`).
        case chunk(UInt8)
        /// The value of a parameter of this type (`state-cookie parameter`, `parameter 0x8123`).
        case parameter(UInt16)
        /// The value of an error cause of this code (`stale-cookie-error error cause`, `error cause 0x1234`).
        case errorCause(UInt16)
    }

    let storage: Storage

    init(storage: Storage) {
        self.storage = storage
    }

    /// A context named by `text`.
    public init(_ text: String) {
        self.storage = .text(text)
    }

    /// A context with a fixed name (no string is built until an error needs it).
    public static func named(_ name: StaticString) -> DecodingContext {
        DecodingContext(storage: .literal(name))
    }

    /// The value of a chunk of `type` (RFC 9260 §3.2).
    static func chunk(_ type: UInt8) -> DecodingContext {
        DecodingContext(storage: .chunk(type))
    }

    /// The value of a parameter of `type` (RFC 9260 §3.2.1).
    static func parameter(_ type: UInt16) -> DecodingContext {
        DecodingContext(storage: .parameter(type))
    }

    /// The value of an error cause of `code` (RFC 9260 §3.3.10).
    static func errorCause(_ code: UInt16) -> DecodingContext {
        DecodingContext(storage: .errorCause(code))
    }

    /// The context as error messages show it (`INIT ACK chunk`, `ipv4-address parameter`).
    public var description: String {
        switch self.storage {
        case .text(let text): text
        case .literal(let name): name.description
        case .chunk(let type): ChunkType(type).decodingContext
        case .parameter(let type): Parameter.context(forType: type)
        case .errorCause(let code): ErrorCause.context(forCode: code)
        }
    }
}
