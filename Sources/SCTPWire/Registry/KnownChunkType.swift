/// Every chunk type this module decodes into a typed value (RFC 9260 §3.2; IANA "Chunk Types"),
/// one case each, in type-code order.
///
/// The chunk registry (`KnownChunkType.registration`) is an exhaustive switch over this enum, and so
/// are the tables that derive from it: adding a case without its registry entry does not compile.
public enum KnownChunkType: UInt8, CaseIterable, Hashable, Sendable {
    case data = 0
    case initiation = 1
    case initiationAck = 2
    case sack = 3
    case heartbeat = 4
    case heartbeatAck = 5
    case abort = 6
    case shutdown = 7
    case shutdownAck = 8
    case error = 9
    case cookieEcho = 10
    case cookieAck = 11
    case ecne = 12
    case cwr = 13
    case shutdownComplete = 14
    case auth = 15
    case nrSack = 16
    case iData = 64
    case asconfAck = 128
    case reConfig = 130
    case pad = 132
    case forwardTSN = 192
    case asconf = 193
    case iForwardTSN = 194

    /// The chunk type code.
    @inlinable
    public var chunkType: ChunkType {
        ChunkType(self.rawValue)
    }
}

extension ChunkType {
    /// The registered type this code names, nil for a type this module does not know.
    @inlinable
    public var knownType: KnownChunkType? {
        KnownChunkType(rawValue: self.rawValue)
    }
}
