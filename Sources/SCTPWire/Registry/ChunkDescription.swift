/// Everything the project says about one chunk type, in one place: the codec's names, the rules'
/// tables (defined flags, where its parameters or error causes start), the printers' labels, the
/// field record and the scenario defaults all derive from it (`ChunkRegistry`).
public struct ChunkDescription: Sendable {
    /// The type code.
    public let type: KnownChunkType
    /// The typed value (`InitAckChunk.self`): decoding, encoding and the field record.
    public let body: any ChunkBody.Type
    /// The name as the RFCs write it (`INIT ACK`, `I-FORWARD-TSN`).
    public let name: String
    /// The field-record kind, kebab-case (`init-ack`).
    public let kind: String
    /// The bracketed label tcpdump's `print-sctp.c` prints (`HB REQ`, `OP ERR`), or our name for a
    /// type tcpdump does not know.
    public let tcpdumpLabel: String
    /// Where the chunk is defined (`RFC 9260 §3.3.3`).
    public let reference: String
    /// The flag bits the defining RFC gives a meaning; the others are reserved and sent as zero
    /// (RFC 9260 §3.2). Nil for an extension whose flags the rules do not judge.
    public let definedFlags: UInt8?
    /// The list of parameters or error causes the chunk carries at top level, nil for none.
    public let tlvList: TLVListLayout?
    /// How a scenario's `send:` of this kind fills the fields it leaves out.
    public let defaults: ChunkDefaultsRecipe

    public init(
        _ type: KnownChunkType, _ body: any ChunkBody.Type, name: String, kind: String, tcpdumpLabel: String,
        reference: String, definedFlags: UInt8?, tlvList: TLVListLayout? = nil,
        defaults: ChunkDefaultsRecipe = .zeroFields
    ) {
        self.type = type
        self.body = body
        self.name = name
        self.kind = kind
        self.tcpdumpLabel = tcpdumpLabel
        self.reference = reference
        self.definedFlags = definedFlags
        self.tlvList = tlvList
        self.defaults = defaults
    }

    /// The fields of the chunk's record, for documentation tables and scenario defaults.
    public var fieldSchema: FieldRecordSchema {
        self.body.fieldSchema
    }

    /// The fewest value bytes after the chunk header the typed decoder reads the chunk from.
    public var minimumValueLength: Int {
        self.body.minimumValueLength
    }
}

/// Where a chunk's list of TLVs (parameters or error causes, RFC 9260 §3.2.1, §3.3.10) starts and
/// which of the two it is.
public struct TLVListLayout: Hashable, Sendable {
    /// What the list holds.
    public enum Element: Hashable, Sendable {
        /// Parameters (RFC 9260 §3.2.1).
        case parameters
        /// Error causes (RFC 9260 §3.3.10).
        case errorCauses
    }

    /// The offset of the first TLV from the chunk's first byte (its header included).
    public let offset: Int
    public let element: Element

    /// Parameters starting `offset` bytes after the chunk's first byte.
    public static func parameters(at offset: Int) -> TLVListLayout {
        TLVListLayout(offset: offset, element: .parameters)
    }

    /// Error causes starting `offset` bytes after the chunk's first byte.
    public static func errorCauses(at offset: Int) -> TLVListLayout {
        TLVListLayout(offset: offset, element: .errorCauses)
    }

    /// The offset of the first TLV within the chunk value (after the 4-byte chunk header).
    public var valueOffset: Int {
        self.offset - ChunkFraming.headerLength
    }

    /// `parameter` or `error cause`, for messages.
    public var elementName: String {
        switch self.element {
        case .parameters: "parameter"
        case .errorCauses: "error cause"
        }
    }
}

/// How a scenario's `send:` fills what it leaves out, for one chunk kind; the runner's
/// `ChunkDefaults` switches over it (without `default`), so a new recipe cannot be forgotten there.
public enum ChunkDefaultsRecipe: Hashable, Sendable {
    /// The next TSN and stream sequence of the association, stream 0, B and E set, some user data.
    case data
    /// Our tag, window, streams and initial TSN.
    case initiation
    /// As `initiation`, outbound streams capped by the peer's inbound, and a State Cookie.
    case initiationAck
    /// The cumulative TSN ack, our window and the gap blocks of what the SUT sent.
    case sack
    /// The cumulative TSN ack.
    case shutdown
    /// The cookie the SUT's INIT ACK carried.
    case cookieEcho
    /// A Heartbeat Info parameter of fresh bytes.
    case heartbeat
    /// The Heartbeat Info the SUT's HEARTBEAT carried.
    case heartbeatAck
    /// Zero values for the required fields (numbers 0, empty bytes and lists, flags clear).
    case zeroFields
}
