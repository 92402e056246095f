import SCTPWire

/// A packet decoded once for every rule: header, the chunks that could be read, the checksum
/// verdict, and where decoding stopped. Decoding never judges; rules read this. A class, so that
/// the contexts that carry it through the rules share one copy.
final class PacketView: Sendable {
    let number: Int
    let time: UInt64
    let source: TransportEndpoint
    let destination: TransportEndpoint
    /// `source` and `destination` packed, for finding the association.
    let sourceKey: EndpointKey
    let destinationKey: EndpointKey
    let bytes: [UInt8]
    /// The common header, nil when the packet is shorter than 12 bytes.
    let header: CommonHeader?
    /// The chunks in wire order, up to (not including) the first one that could not be decoded.
    let chunks: [DecodedChunk]
    /// Why decoding stopped early, nil when every chunk decoded.
    let decodingError: WireDecodingError?
    /// The checksum field's verdict, nil when the header is incomplete.
    let checksum: SCTPChecksum.Status?
    /// One bit per chunk type present (`ChunkTypeSet`), for quick questions about the packet.
    let chunkTypes: ChunkTypeSet
    /// An ABORT or SHUTDOWN COMPLETE with its T bit set is present.
    let hasReflectingChunk: Bool
    /// The type of the first chunk, nil when there is none.
    let firstChunkType: ChunkType?
    /// Chunks whose headers the bytes hold (decodable or not).
    let chunkCount: Int

    /// Decodes `observation`. With `verifiesChecksum` false (a capture taken where checksums are
    /// offloaded to the network card, so the sender's copy never held them) every checksum counts
    /// as correct.
    init(_ observation: SCTPObservation, verifiesChecksum: Bool = true) {
        self.number = observation.number
        self.time = observation.time
        self.source = observation.source
        self.destination = observation.destination
        self.sourceKey = EndpointKey(observation.source)
        self.destinationKey = EndpointKey(observation.destination)
        let bytes = observation.bytes
        self.bytes = bytes
        if verifiesChecksum {
            self.checksum = SCTPChecksum.verify(bytes)
        } else {
            self.checksum = bytes.count >= CommonHeader.length ? .correct : nil
        }
        // Chunk types and flags straight from the bytes, undecodable chunks included.
        var types = ChunkTypeSet()
        var reflecting = false
        var first: ChunkType?
        var count = 0
        var offset = CommonHeader.length
        while offset + 4 <= bytes.count {
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            guard length >= 4 else { break }
            let type = ChunkType(bytes[offset])
            types.insert(type)
            if first == nil { first = type }
            count += 1
            if type == .abort || type == .shutdownComplete, bytes[offset + 1] & 0x01 != 0 {
                reflecting = true
            }
            offset += (length + 3) & ~3
        }
        self.chunkTypes = types
        self.hasReflectingChunk = reflecting
        self.firstChunkType = first
        self.chunkCount = count
        var header: CommonHeader?
        var chunks: [DecodedChunk] = []
        var failure: WireDecodingError?
        var reader = ByteReader(bytes, decodingContext: .named("SCTP packet"))
        do {
            header = try CommonHeader.decode(from: &reader)
            chunks.reserveCapacity(count)
            failure = bytes.withUnsafeBytes { raw -> WireDecodingError? in
                do throws(WireDecodingError) {
                    while !reader.isAtEnd {
                        chunks.append(try Self.decodeChunk(&reader, raw))
                    }
                    return nil
                } catch {
                    return error
                }
            }
        } catch {
            failure = error
        }
        self.header = header
        self.chunks = chunks
        self.decodingError = failure
    }

    /// Decodes the chunk at `reader` as `SCTPPacket` would. DATA, and SACK without gap blocks or
    /// duplicate TSNs (most chunks of a capture), are read in place from `raw` (the reader's bytes)
    /// when their lengths are sound; anything else goes through `Chunk.decode`.
    @inline(__always)
    private static func decodeChunk(
        _ reader: inout ByteReader, _ raw: UnsafeRawBufferPointer
    ) throws(WireDecodingError) -> DecodedChunk {
        let start = reader.offset
        let available = reader.remaining
        if available >= 16 {
            let length = Int(UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: start + 2, as: UInt16.self)))
            switch raw[start] {
            case ChunkType.data.rawValue where length >= 16 && length <= available:
                reader.skipUpTo((length + 3) & ~3)
                return .data(DataChunkSummary(dataChunkIn: raw, at: start, length: length))
            case ChunkType.sack.rawValue
            where length == 16 && raw.loadUnaligned(fromByteOffset: start + 12, as: UInt32.self) == 0:
                reader.skipUpTo(16)
                return .sack(
                    SACKChunk(
                        flags: ReservedChunkFlags(rawValue: raw[start + 1]),
                        cumulativeTSNAck: UInt32(
                            bigEndian: raw.loadUnaligned(fromByteOffset: start + 4, as: UInt32.self)),
                        advertisedReceiverWindow: UInt32(
                            bigEndian: raw.loadUnaligned(fromByteOffset: start + 8, as: UInt32.self))))
            default:
                break
            }
        }
        return DecodedChunk(try Chunk.decode(from: &reader))
    }

    /// The verification tag (0 when the header is incomplete).
    var verificationTag: UInt32 {
        self.header?.verificationTag ?? 0
    }

    /// Whether any chunk is of `type`.
    func contains(_ type: ChunkType) -> Bool {
        self.chunkTypes.contains(type)
    }

    /// The types of the decoded chunks, in order.
    var decodedChunkTypes: DecodedChunkTypes {
        DecodedChunkTypes(chunks: self.chunks)
    }

    /// The typed chunks other than DATA, I-DATA and SACK, in order.
    var otherChunks: some Sequence<Chunk> {
        self.chunks.lazy.compactMap(\.other)
    }

    /// The chunk types in order, for messages: `SACK + DATA`.
    var chunkSummary: String {
        self.decodedChunkTypes.map { $0.name ?? $0.description }.joined(separator: " + ")
    }
}

/// A set of chunk types as a 256-bit mask.
struct ChunkTypeSet: Hashable, Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var upper = UpperBits()

    struct UpperBits: Hashable, Sendable {
        var low: UInt64 = 0
        var high: UInt64 = 0
    }

    mutating func insert(_ type: ChunkType) {
        let value = Int(type.rawValue)
        switch value {
        case 0..<64: self.low |= 1 << UInt64(value)
        case 64..<128: self.high |= 1 << UInt64(value - 64)
        case 128..<192: self.upper.low |= 1 << UInt64(value - 128)
        default: self.upper.high |= 1 << UInt64(value - 192)
        }
    }

    func contains(_ type: ChunkType) -> Bool {
        let value = Int(type.rawValue)
        switch value {
        case 0..<64: return self.low & (1 << UInt64(value)) != 0
        case 64..<128: return self.high & (1 << UInt64(value - 64)) != 0
        case 128..<192: return self.upper.low & (1 << UInt64(value - 128)) != 0
        default: return self.upper.high & (1 << UInt64(value - 192)) != 0
        }
    }
}
