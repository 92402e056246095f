import SCTPWire

/// One chunk of a packet as the rules receive it. DATA, I-DATA and SACK, nearly every chunk of a
/// data transfer, are held as plain values read once on the decoding thread (no reference to the
/// packet's bytes, nothing to retain or free per chunk); every other chunk is the typed `Chunk`.
enum DecodedChunk: Sendable {
    /// DATA (RFC 9260 §3.3.1) or I-DATA (RFC 8260 §2.1).
    case data(DataChunkSummary)
    /// SACK (RFC 9260 §3.3.4).
    case sack(SACKChunk)
    /// Any other chunk, registered or unknown (boxed: these are rare, and keep the enum small).
    indirect case other(Chunk)

    /// The typed chunk as decoded: DATA and I-DATA go to their summaries, the rest as is.
    init(_ chunk: Chunk) {
        switch chunk {
        case .data(let data): self = .data(DataChunkSummary(data))
        case .iData(let data): self = .data(DataChunkSummary(data))
        case .sack(let sack): self = .sack(sack)
        default: self = .other(chunk)
        }
    }

    var type: ChunkType {
        switch self {
        case .data(let data): data.isIData ? .iData : .data
        case .sack: .sack
        case .other(let chunk): chunk.type
        }
    }

    /// The typed chunk, for chunks other than DATA, I-DATA and SACK.
    var other: Chunk? {
        if case .other(let chunk) = self { return chunk }
        return nil
    }
}

/// The types of a packet's decoded chunks, in order, read from the chunks without copying them.
struct DecodedChunkTypes: RandomAccessCollection {
    let chunks: [DecodedChunk]

    var startIndex: Int { 0 }
    var endIndex: Int { self.chunks.count }
    subscript(position: Int) -> ChunkType { self.chunks[position].type }
}
