/// The field view of `Chunk`: each case's record, and dispatch on `kind` to rebuild one.
extension Chunk: FieldRecordConvertible {
    public var fieldRecord: FieldRecord {
        switch self {
        case .data(let chunk): chunk.fieldRecord
        case .initiation(let chunk): chunk.fieldRecord
        case .initiationAck(let chunk): chunk.fieldRecord
        case .sack(let chunk): chunk.fieldRecord
        case .heartbeat(let chunk): chunk.fieldRecord
        case .heartbeatAck(let chunk): chunk.fieldRecord
        case .abort(let chunk): chunk.fieldRecord
        case .shutdown(let chunk): chunk.fieldRecord
        case .shutdownAck(let chunk): chunk.fieldRecord
        case .error(let chunk): chunk.fieldRecord
        case .cookieEcho(let chunk): chunk.fieldRecord
        case .cookieAck(let chunk): chunk.fieldRecord
        case .ecne(let chunk): chunk.fieldRecord
        case .cwr(let chunk): chunk.fieldRecord
        case .shutdownComplete(let chunk): chunk.fieldRecord
        case .auth(let chunk): chunk.fieldRecord
        case .nrSack(let chunk): chunk.fieldRecord
        case .iData(let chunk): chunk.fieldRecord
        case .asconfAck(let chunk): chunk.fieldRecord
        case .reConfig(let chunk): chunk.fieldRecord
        case .pad(let chunk): chunk.fieldRecord
        case .forwardTSN(let chunk): chunk.fieldRecord
        case .asconf(let chunk): chunk.fieldRecord
        case .iForwardTSN(let chunk): chunk.fieldRecord
        case .unknown(let chunk): chunk.fieldRecord
        }
    }

    /// Builds the chunk whose kind the record names (`init-ack`, `unknown-chunk`, ...).
    public init(fieldRecord record: FieldRecord) throws(FieldRecordError) {
        switch record.kind {
        case DataChunk.kind: self = .data(try DataChunk(fieldRecord: record))
        case InitChunk.kind: self = .initiation(try InitChunk(fieldRecord: record))
        case InitAckChunk.kind: self = .initiationAck(try InitAckChunk(fieldRecord: record))
        case SACKChunk.kind: self = .sack(try SACKChunk(fieldRecord: record))
        case HeartbeatChunk.kind: self = .heartbeat(try HeartbeatChunk(fieldRecord: record))
        case HeartbeatAckChunk.kind: self = .heartbeatAck(try HeartbeatAckChunk(fieldRecord: record))
        case AbortChunk.kind: self = .abort(try AbortChunk(fieldRecord: record))
        case ShutdownChunk.kind: self = .shutdown(try ShutdownChunk(fieldRecord: record))
        case ShutdownAckChunk.kind: self = .shutdownAck(try ShutdownAckChunk(fieldRecord: record))
        case ErrorChunk.kind: self = .error(try ErrorChunk(fieldRecord: record))
        case CookieEchoChunk.kind: self = .cookieEcho(try CookieEchoChunk(fieldRecord: record))
        case CookieAckChunk.kind: self = .cookieAck(try CookieAckChunk(fieldRecord: record))
        case ECNEChunk.kind: self = .ecne(try ECNEChunk(fieldRecord: record))
        case CWRChunk.kind: self = .cwr(try CWRChunk(fieldRecord: record))
        case ShutdownCompleteChunk.kind: self = .shutdownComplete(try ShutdownCompleteChunk(fieldRecord: record))
        case AuthChunk.kind: self = .auth(try AuthChunk(fieldRecord: record))
        case NRSACKChunk.kind: self = .nrSack(try NRSACKChunk(fieldRecord: record))
        case IDataChunk.kind: self = .iData(try IDataChunk(fieldRecord: record))
        case ASCONFAckChunk.kind: self = .asconfAck(try ASCONFAckChunk(fieldRecord: record))
        case ReConfigChunk.kind: self = .reConfig(try ReConfigChunk(fieldRecord: record))
        case PadChunk.kind: self = .pad(try PadChunk(fieldRecord: record))
        case ForwardTSNChunk.kind: self = .forwardTSN(try ForwardTSNChunk(fieldRecord: record))
        case ASCONFChunk.kind: self = .asconf(try ASCONFChunk(fieldRecord: record))
        case IForwardTSNChunk.kind: self = .iForwardTSN(try IForwardTSNChunk(fieldRecord: record))
        case UnknownChunk.kind: self = .unknown(try UnknownChunk(fieldRecord: record))
        default:
            throw FieldRecordError(
                path: "kind",
                reason: "'\(record.kind)' is not a chunk kind (known: "
                    + Self.fieldSchemas.prefix(25).map(\.kind).joined(separator: ", ") + ")")
        }
    }

    /// The schema of every chunk kind (in type-code order, then `unknown-chunk`), followed by the
    /// nested records chunks use (`gap-block`, `forward-tsn-stream`, `i-forward-tsn-stream`).
    public static let fieldSchemas: [FieldRecordSchema] = [
        DataChunk.fieldSchema, InitChunk.fieldSchema, InitAckChunk.fieldSchema, SACKChunk.fieldSchema,
        HeartbeatChunk.fieldSchema, HeartbeatAckChunk.fieldSchema, AbortChunk.fieldSchema, ShutdownChunk.fieldSchema,
        ShutdownAckChunk.fieldSchema, ErrorChunk.fieldSchema, CookieEchoChunk.fieldSchema, CookieAckChunk.fieldSchema,
        ECNEChunk.fieldSchema, CWRChunk.fieldSchema, ShutdownCompleteChunk.fieldSchema, AuthChunk.fieldSchema,
        NRSACKChunk.fieldSchema, IDataChunk.fieldSchema, ASCONFAckChunk.fieldSchema, ReConfigChunk.fieldSchema,
        PadChunk.fieldSchema, ForwardTSNChunk.fieldSchema, ASCONFChunk.fieldSchema, IForwardTSNChunk.fieldSchema,
        UnknownChunk.fieldSchema, GapAckBlock.fieldSchema, ForwardTSNChunk.SkippedStream.fieldSchema,
        IForwardTSNChunk.SkippedStream.fieldSchema,
    ]

    /// The schema of the record kind `kind` (a chunk kind or one of the nested records), or nil.
    public static func fieldSchema(kind: String) -> FieldRecordSchema? {
        Self.fieldSchemas.first { $0.kind == kind }
    }
}
