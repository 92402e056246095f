import SCTPWire

/// The names a scenario may use: chunk, parameter and error-cause kinds with their fields (taken from
/// the codec's own schemas, so the DSL never drifts from the wire), application events, target
/// capabilities and ETSI test purposes.
public struct ScenarioVocabulary: Sendable {
    /// Chunk kinds (`init-ack`) and their fields.
    public var chunks: [String: FieldRecordSchema]
    /// Nested record families (`parameter`, `error-cause`, `gap-block`) and the kinds each holds.
    public var families: [String: [String: FieldRecordSchema]]
    /// Application event kinds (`comm_up`, `message`) and their fields.
    public var events: [String: FieldRecordSchema]
    /// Capability names a scenario may list under `requires:`.
    public var capabilities: [String]
    /// ETSI TS 102 369 test purpose identifiers.
    public var testPurposes: Set<String>

    public init(
        chunks: [FieldRecordSchema], families: [String: [FieldRecordSchema]], events: [FieldRecordSchema],
        capabilities: [String], testPurposes: Set<String>
    ) {
        self.chunks = Dictionary(chunks.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        self.families = families.mapValues { schemas in
            Dictionary(schemas.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        }
        self.events = Dictionary(events.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        self.capabilities = capabilities
        self.testPurposes = testPurposes
    }

    /// Everything the codec knows, the standard events, the capability names of the `Targets`
    /// contract and the ETSI TS 102 369 index.
    public static let standard = ScenarioVocabulary(
        chunks: Chunk.fieldSchemas.filter { ChunkType(kind: $0.kind) != nil || $0.kind == UnknownChunk.kind },
        families: [
            "parameter": Parameter.fieldSchemas,
            "error-cause": ErrorCause.fieldSchemas,
            "gap-block": [GapAckBlock.fieldSchema],
            "forward-tsn-stream": [ForwardTSNChunk.SkippedStream.fieldSchema],
            "i-forward-tsn-stream": [IForwardTSNChunk.SkippedStream.fieldSchema],
        ],
        events: ApplicationEventVocabulary.schemas,
        capabilities: [
            "virtual-time", "deterministic", "server", "client", "socket-options", "interleaving",
            "partial-reliability", "authentication", "stream-reconfiguration", "address-reconfiguration",
            "application",
        ],
        testPurposes: Set(ETSITestPurposes.all.map(\.id)))

    /// The schema of a record of `family` written as `kind`. A family with a single kind of its own
    /// name (`gap-block`) is written without the kind.
    func schema(family: String, kind: String) -> FieldRecordSchema? {
        self.families[family]?[kind]
    }

    /// The kind records of `family` are written as when the family has only one kind (`gap-block`).
    func implicitKind(of family: String) -> String? {
        guard let kinds = self.families[family], kinds.count == 1, let only = kinds.keys.first, only == family
        else { return nil }
        return only
    }
}

/// Aliases accepted for field names, for readability (`params` for `parameters`).
enum FieldNameAliases {
    static let aliases = ["params": "parameters"]

    static func canonical(_ name: String) -> String {
        self.aliases[name] ?? name
    }
}
