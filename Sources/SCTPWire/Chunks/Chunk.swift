/// One SCTP chunk (RFC 9260 §3.2), typed: a case per registered chunk type plus `unknown` for the
/// rest. Decoding never judges: it fails only when the bytes cannot be read as the chunk they claim
/// to be (truncated, length shorter than the fixed part or beyond the data, counts that disagree with
/// the length). Padding content is not kept (the raw view shows it).
public enum Chunk: Hashable, Sendable {
    case data(DataChunk)
    case initiation(InitChunk)
    case initiationAck(InitAckChunk)
    case sack(SACKChunk)
    case heartbeat(HeartbeatChunk)
    case heartbeatAck(HeartbeatAckChunk)
    case abort(AbortChunk)
    case shutdown(ShutdownChunk)
    case shutdownAck(ShutdownAckChunk)
    case error(ErrorChunk)
    case cookieEcho(CookieEchoChunk)
    case cookieAck(CookieAckChunk)
    case ecne(ECNEChunk)
    case cwr(CWRChunk)
    case shutdownComplete(ShutdownCompleteChunk)
    case auth(AuthChunk)
    case nrSack(NRSACKChunk)
    case iData(IDataChunk)
    case asconfAck(ASCONFAckChunk)
    case reConfig(ReConfigChunk)
    case pad(PadChunk)
    case forwardTSN(ForwardTSNChunk)
    case asconf(ASCONFChunk)
    case iForwardTSN(IForwardTSNChunk)
    /// A type without a typed representation, kept byte for byte.
    case unknown(UnknownChunk)
}

extension Chunk {
    /// The chunk type code.
    public var type: ChunkType {
        switch self {
        case .data: .data
        case .initiation: .initiation
        case .initiationAck: .initiationAck
        case .sack: .sack
        case .heartbeat: .heartbeat
        case .heartbeatAck: .heartbeatAck
        case .abort: .abort
        case .shutdown: .shutdown
        case .shutdownAck: .shutdownAck
        case .error: .error
        case .cookieEcho: .cookieEcho
        case .cookieAck: .cookieAck
        case .ecne: .ecne
        case .cwr: .cwr
        case .shutdownComplete: .shutdownComplete
        case .auth: .auth
        case .nrSack: .nrSack
        case .iData: .iData
        case .asconfAck: .asconfAck
        case .reConfig: .reConfig
        case .pad: .pad
        case .forwardTSN: .forwardTSN
        case .asconf: .asconf
        case .iForwardTSN: .iForwardTSN
        case .unknown(let chunk): chunk.chunkType
        }
    }

    /// The whole flags byte, reserved bits included.
    public var flags: UInt8 {
        switch self {
        case .data(let chunk): chunk.flags.rawValue
        case .initiation(let chunk): chunk.flags.rawValue
        case .initiationAck(let chunk): chunk.flags.rawValue
        case .sack(let chunk): chunk.flags.rawValue
        case .heartbeat(let chunk): chunk.flags.rawValue
        case .heartbeatAck(let chunk): chunk.flags.rawValue
        case .abort(let chunk): chunk.flags.rawValue
        case .shutdown(let chunk): chunk.flags.rawValue
        case .shutdownAck(let chunk): chunk.flags.rawValue
        case .error(let chunk): chunk.flags.rawValue
        case .cookieEcho(let chunk): chunk.flags.rawValue
        case .cookieAck(let chunk): chunk.flags.rawValue
        case .ecne(let chunk): chunk.flags.rawValue
        case .cwr(let chunk): chunk.flags.rawValue
        case .shutdownComplete(let chunk): chunk.flags.rawValue
        case .auth(let chunk): chunk.flags.rawValue
        case .nrSack(let chunk): chunk.flags.rawValue
        case .iData(let chunk): chunk.flags.rawValue
        case .asconfAck(let chunk): chunk.flags.rawValue
        case .reConfig(let chunk): chunk.flags.rawValue
        case .pad(let chunk): chunk.flags.rawValue
        case .forwardTSN(let chunk): chunk.flags.rawValue
        case .asconf(let chunk): chunk.flags.rawValue
        case .iForwardTSN(let chunk): chunk.flags.rawValue
        case .unknown(let chunk): chunk.flags
        }
    }

    /// Decodes one chunk at the reader's position and moves past it and its padding (a last chunk
    /// without padding is accepted). Errors carry absolute offsets. On error `reader` is unchanged.
    public static func decode(from reader: inout ByteReader) throws(WireDecodingError) -> Chunk {
        var cursor = reader
        let chunk = try Self.decodeAdvancing(&cursor)
        reader = cursor
        return chunk
    }

    /// `decode(from:)` without the copy that keeps `reader` unchanged on error (the packet decoder's
    /// hot path: it discards the reader on error anyway).
    @inline(__always)
    static func decodeAdvancing(_ reader: inout ByteReader) throws(WireDecodingError) -> Chunk {
        let frame = try ChunkFraming.readFrame(from: &reader)
        var value = frame.value
        return try Self.decodeValue(type: frame.type, flags: frame.flags, value: &value, frameStart: frame.start)
    }

    /// Decodes one whole chunk from `bytes` (which may end without the padding).
    public init(decoding bytes: [UInt8]) throws(WireDecodingError) {
        var reader = ByteReader(bytes, decodingContext: .named("chunk"))
        self = try Self.decode(from: &reader)
        if !reader.isAtEnd {
            throw reader.error(.invalidValue("\(reader.remaining) bytes after the chunk"))
        }
    }

    /// Decodes a chunk value once the framing has been read.
    static func decodeValue(
        type: UInt8, flags: UInt8, value: inout ByteReader, frameStart: Int
    ) throws(WireDecodingError) -> Chunk {
        switch type {
        case 0: .data(try DataChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 1: .initiation(try InitChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 2: .initiationAck(try InitAckChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 3: .sack(try SACKChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 4: .heartbeat(try HeartbeatChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 5: .heartbeatAck(try HeartbeatAckChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 6: .abort(try AbortChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 7: .shutdown(try ShutdownChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 8: .shutdownAck(try ShutdownAckChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 9: .error(try ErrorChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 10: .cookieEcho(try CookieEchoChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 11: .cookieAck(try CookieAckChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 12: .ecne(try ECNEChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 13: .cwr(try CWRChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 14:
            .shutdownComplete(try ShutdownCompleteChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 15: .auth(try AuthChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 16: .nrSack(try NRSACKChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 64: .iData(try IDataChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 128: .asconfAck(try ASCONFAckChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 130: .reConfig(try ReConfigChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 132: .pad(try PadChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 192: .forwardTSN(try ForwardTSNChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 193: .asconf(try ASCONFChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        case 194: .iForwardTSN(try IForwardTSNChunk.decodeBody(flags: flags, value: &value, frameStart: frameStart))
        default: .unknown(UnknownChunk(type: type, flags: flags, value: value.readRemainingBytes()))
        }
    }

    /// Writes the whole chunk (header, value, zero padding to 4 bytes).
    public func encode(into writer: inout ByteWriter) {
        switch self {
        case .data(let chunk): chunk.encode(into: &writer)
        case .initiation(let chunk): chunk.encode(into: &writer)
        case .initiationAck(let chunk): chunk.encode(into: &writer)
        case .sack(let chunk): chunk.encode(into: &writer)
        case .heartbeat(let chunk): chunk.encode(into: &writer)
        case .heartbeatAck(let chunk): chunk.encode(into: &writer)
        case .abort(let chunk): chunk.encode(into: &writer)
        case .shutdown(let chunk): chunk.encode(into: &writer)
        case .shutdownAck(let chunk): chunk.encode(into: &writer)
        case .error(let chunk): chunk.encode(into: &writer)
        case .cookieEcho(let chunk): chunk.encode(into: &writer)
        case .cookieAck(let chunk): chunk.encode(into: &writer)
        case .ecne(let chunk): chunk.encode(into: &writer)
        case .cwr(let chunk): chunk.encode(into: &writer)
        case .shutdownComplete(let chunk): chunk.encode(into: &writer)
        case .auth(let chunk): chunk.encode(into: &writer)
        case .nrSack(let chunk): chunk.encode(into: &writer)
        case .iData(let chunk): chunk.encode(into: &writer)
        case .asconfAck(let chunk): chunk.encode(into: &writer)
        case .reConfig(let chunk): chunk.encode(into: &writer)
        case .pad(let chunk): chunk.encode(into: &writer)
        case .forwardTSN(let chunk): chunk.encode(into: &writer)
        case .asconf(let chunk): chunk.encode(into: &writer)
        case .iForwardTSN(let chunk): chunk.encode(into: &writer)
        case .unknown(let chunk): chunk.encode(into: &writer)
        }
    }

    /// The whole chunk, padded to 4 bytes.
    public var encoded: [UInt8] {
        var writer = ByteWriter()
        self.encode(into: &writer)
        return writer.bytes
    }
}
