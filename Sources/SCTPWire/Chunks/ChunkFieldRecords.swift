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

    /// Builds the chunk whose kind the record names (`init-ack`, `unknown-chunk`, ...), through the
    /// chunk registry.
    public init(fieldRecord record: FieldRecord) throws(FieldRecordError) {
        if record.kind == UnknownChunk.kind {
            self = .unknown(try UnknownChunk(fieldRecord: record))
            return
        }
        guard let entry = ChunkRegistry.entry(kind: record.kind) else {
            throw FieldRecordError(
                path: "kind",
                reason: "'\(record.kind)' is not a chunk kind (known: "
                    + (ChunkRegistry.entries.map(\.kind) + [UnknownChunk.kind]).joined(separator: ", ") + ")")
        }
        self = try entry.body.init(fieldRecord: record).chunk
    }

    /// The schema of every chunk kind (in type-code order, then `unknown-chunk`), followed by the
    /// nested records chunks use (`gap-block`, `forward-tsn-stream`, `i-forward-tsn-stream`).
    public static let fieldSchemas: [FieldRecordSchema] =
        ChunkRegistry.entries.map(\.fieldSchema) + [
            UnknownChunk.fieldSchema, GapAckBlock.fieldSchema, ForwardTSNChunk.SkippedStream.fieldSchema,
            IForwardTSNChunk.SkippedStream.fieldSchema,
        ]

    /// The schema of the record kind `kind` (a chunk kind or one of the nested records), or nil.
    public static func fieldSchema(kind: String) -> FieldRecordSchema? {
        Self.fieldSchemas.first { $0.kind == kind }
    }
}
