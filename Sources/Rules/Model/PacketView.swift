import SCTPWire

/// A packet decoded once for every rule: header, the chunks that could be read, the checksum
/// verdict, and where decoding stopped. Decoding never judges; rules read this. A class, so that
/// the contexts that carry it through the rules share one copy.
///
/// An offline check reuses views (`refill`) once the rules are done with them and nothing else
/// holds them, so that a capture's millions of packets do not cost three allocations each.
package final class PacketView: @unchecked Sendable {
    // @unchecked Sendable, and no dynamic exclusivity checks on the fields (the rules read them
    // millions of times): only `refill` mutates a view, and only the thread that owns it does so,
    // before it is handed to the rules or after they handed it back and it is uniquely referenced,
    // so no access ever overlaps a mutation.
    @exclusivity(unchecked) private(set) var number = 0
    @exclusivity(unchecked) private(set) var time: UInt64 = 0
    @exclusivity(unchecked) private(set) var source: TransportEndpoint
    @exclusivity(unchecked) private(set) var destination: TransportEndpoint
    /// `source` and `destination` packed, in an order that does not depend on direction.
    @exclusivity(unchecked) private(set) var endpointPair: EndpointPair
    /// Whether `source` is `endpointPair.low`.
    @exclusivity(unchecked) private(set) var sourceIsLow = true
    /// The number of `endpointPair` (`EndpointPairSlots`), -1 until the decoder or the engine
    /// numbered it.
    @exclusivity(unchecked) private(set) var pairSlot = -1
    /// The SCTP packet, common header onward.
    @exclusivity(unchecked) private(set) var bytes: [UInt8] = []
    /// The common header, nil when the packet is shorter than 12 bytes.
    @exclusivity(unchecked) private(set) var header: CommonHeader?
    /// The chunks in wire order, up to (not including) the first one that could not be decoded.
    @exclusivity(unchecked) private(set) var chunks: [DecodedChunk] = []
    /// Why decoding stopped early (boxed: rare, and large), nil when every chunk decoded.
    @exclusivity(unchecked) private var decodingFailure: DecodingFailure?
    /// The checksum field's verdict, nil when the header is incomplete.
    @exclusivity(unchecked) private(set) var checksum: SCTPChecksum.Status?
    /// One bit per chunk type present (`ChunkTypeSet`), for quick questions about the packet.
    @exclusivity(unchecked) private(set) var chunkTypes = ChunkTypeSet()
    /// An ABORT or SHUTDOWN COMPLETE with its T bit set is present.
    @exclusivity(unchecked) private(set) var hasReflectingChunk = false
    /// The type of the first chunk, nil when there is none.
    @exclusivity(unchecked) private(set) var firstChunkType: ChunkType?
    /// Chunks whose headers the bytes hold (decodable or not).
    @exclusivity(unchecked) private(set) var chunkCount = 0
    /// What the rules that judge a packet by itself found, once they ran (an offline check runs
    /// them on the decoding thread); nil until then.
    @exclusivity(unchecked) private(set) var packetFindings: PacketFindings?

    /// Decodes `observation`. With `verifiesChecksum` false (a capture taken where checksums are
    /// offloaded to the network card, so the sender's copy never held them) every checksum counts
    /// as correct.
    convenience init(_ observation: SCTPObservation, verifiesChecksum: Bool = true) {
        self.init(
            number: observation.number, time: observation.time, source: observation.source,
            destination: observation.destination, bytes: observation.bytes)
        self.decode(verifiesChecksum: verifiesChecksum)
    }

    /// Decodes the packet `bytes` (common header onward), as `init(_:verifiesChecksum:)` does.
    convenience init(
        number: Int, time: UInt64, source: TransportEndpoint, destination: TransportEndpoint,
        bytes: UnsafeRawBufferPointer, verifiesChecksum: Bool
    ) {
        self.init(number: number, time: time, source: source, destination: destination, bytes: Array(bytes))
        self.decode(verifiesChecksum: verifiesChecksum)
    }

    /// The view of a packet decoded already (`decoded`, of the SCTP bytes): the typed chunks are
    /// taken as they are, up to the first that did not decode, whose error stops the view's chunks as
    /// one pass over the packet would; only the checksum is computed. Gives what
    /// `init(_:verifiesChecksum:)` gives for the same bytes.
    convenience init(
        number: Int, time: UInt64, source: TransportEndpoint, destination: TransportEndpoint,
        decoded: DecodedSCTPPacket
    ) {
        self.init(number: number, time: time, source: source, destination: destination, bytes: decoded.bytes)
        self.adopt(decoded)
    }

    private init(
        number: Int, time: UInt64, source: TransportEndpoint, destination: TransportEndpoint, bytes: [UInt8]
    ) {
        self.number = number
        self.time = time
        self.source = source
        self.destination = destination
        (self.endpointPair, self.sourceIsLow) = Self.pair(source, destination)
        self.bytes = bytes
    }

    private static func pair(_ source: TransportEndpoint, _ destination: TransportEndpoint) -> (EndpointPair, Bool) {
        let sourceKey = EndpointKey(source)
        let pair = EndpointPair(sourceKey, EndpointKey(destination))
        return (pair, pair.low == sourceKey)
    }

    /// `source` packed, for finding the association.
    var sourceKey: EndpointKey {
        self.sourceIsLow ? self.endpointPair.low : self.endpointPair.high
    }

    /// `destination` packed.
    var destinationKey: EndpointKey {
        self.sourceIsLow ? self.endpointPair.high : self.endpointPair.low
    }

    /// Why decoding stopped early, nil when every chunk decoded.
    var decodingError: WireDecodingError? {
        self.decodingFailure?.error
    }

    /// Makes this view the view of another packet, reusing the storage of its byte and chunk
    /// arrays. Only for a view nothing else references (`isKnownUniquelyReferenced`).
    func refill(
        number: Int, time: UInt64, source: TransportEndpoint, destination: TransportEndpoint,
        bytes: UnsafeRawBufferPointer, verifiesChecksum: Bool
    ) {
        // Chunks first: a typed chunk may share the old bytes, which would then be copied. (One by
        // one: `removeAll(keepingCapacity:)` takes a slow generic path.)
        while self.chunks.popLast() != nil {}
        self.decodingFailure = nil
        self.packetFindings = nil
        self.pairSlot = -1
        self.number = number
        self.time = time
        self.source = source
        self.destination = destination
        (self.endpointPair, self.sourceIsLow) = Self.pair(source, destination)
        self.bytes.removeAll(keepingCapacity: true)
        // As typed bytes, so that the append is one copy (a raw buffer takes the element-wise path).
        self.bytes.append(
            contentsOf: UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count))
        self.decode(verifiesChecksum: verifiesChecksum)
    }

    /// Records the number of the view's endpoint pair.
    func assignPairSlot(_ slots: inout EndpointPairSlots) {
        self.pairSlot = slots.slot(for: self.endpointPair)
    }

    /// Runs the rules that judge a packet by itself (on the thread that owns the view).
    func judgePacketRules() {
        self.packetFindings = PacketFindings(judging: self)
    }

    /// Where the storage of `bytes` and of `chunks` is, and the endpoint-pair slot: what the offline
    /// checker notes for its cache hints (the addresses are never dereferenced through this). Read
    /// here, in one call: another module reading the fields would check exclusivity on each.
    package var cacheHint: (bytes: UInt, chunks: UInt, pairSlot: Int) {
        (
            self.bytes.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) },
            self.chunks.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) },
            self.pairSlot
        )
    }

    /// The common header's two ports, the lower first; nil when the header is incomplete.
    package var orderedPorts: (low: UInt16, high: UInt16)? {
        guard let header = self.header else { return nil }
        return (min(header.sourcePort, header.destinationPort), max(header.sourcePort, header.destinationPort))
    }

    /// Fills every other field from `decoded`, the decode of `bytes`.
    private func adopt(_ decoded: DecodedSCTPPacket) {
        self.checksum = SCTPChecksum.verify(self.bytes)
        var types = ChunkTypeSet()
        var reflecting = false
        var first: ChunkType?
        var count = 0
        // The chunks whose headers the bytes hold, as `decode` counts them: the walk's last chunk may
        // have an incomplete header, or a length under 4 (then it is the last).
        for chunk in decoded.chunks where chunk.raw.isHeaderComplete && chunk.raw.declaredLength >= 4 {
            let type = chunk.raw.type
            types.insert(type)
            if first == nil { first = type }
            count += 1
            if type == .abort || type == .shutdownComplete, chunk.raw.flags & 0x01 != 0 {
                reflecting = true
            }
        }
        self.chunkTypes = types
        self.hasReflectingChunk = reflecting
        self.firstChunkType = first
        self.chunkCount = count
        guard let header = decoded.header else {
            var reader = ByteReader(self.bytes, decodingContext: .named("SCTP packet"))
            do {
                _ = try CommonHeader.decode(from: &reader)
            } catch {
                self.decodingFailure = DecodingFailure(error)
            }
            return
        }
        self.header = header
        let (prefix, failure) = decoded.decodedPrefix
        var chunks: [DecodedChunk] = []
        chunks.reserveCapacity(prefix.count)
        for chunk in prefix {
            if let typed = chunk.typed { chunks.append(DecodedChunk(typed)) }
        }
        self.chunks = chunks
        self.decodingFailure = failure.map(DecodingFailure.init)
    }

    /// Reads `bytes` into every other field.
    private func decode(verifiesChecksum: Bool) {
        let bytes = self.bytes
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
        // `RawChunkWalk`'s walk, written out: this loop runs for every packet of a capture, where the
        // generic walk costs a retain and some instructions per packet (`sctpconform-bench check`).
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
        // Empty here (a new view, or one `refill` emptied); moved out so that appending to it
        // does not copy the storage.
        var chunks = self.chunks
        self.chunks = []
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
        self.decodingFailure = failure.map(DecodingFailure.init)
    }

    /// Decodes the chunk at `reader` as `SCTPPacket` would. DATA, and SACK without gap blocks or
    /// duplicate TSNs (most chunks of a capture), are read in place through their raw views
    /// (`DataChunkView`, `SACKChunkView`) over `raw` (the reader's bytes) when their lengths are sound;
    /// anything else goes through `Chunk.decode`.
    @inline(__always)
    private static func decodeChunk(
        _ reader: inout ByteReader, _ raw: UnsafeRawBufferPointer
    ) throws(WireDecodingError) -> DecodedChunk {
        // The fixed parts, chunk header included (RFC 9260 §3.3.1, §3.3.4): 16 bytes each.
        let dataFixed = 4 + DataChunk.minimumValueLength
        let sackFixed = 4 + SACKChunk.minimumValueLength
        let start = reader.offset
        let available = reader.remaining
        if available >= min(dataFixed, sackFixed) {
            let length = Int(UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: start + 2, as: UInt16.self)))
            switch raw[start] {
            case ChunkType.data.rawValue where length >= dataFixed && length <= available:
                reader.skipUpTo((length + 3) & ~3)
                return .data(DataChunkSummary(DataChunkView(raw, at: start), length: length))
            case ChunkType.sack.rawValue where length == sackFixed:
                let sack = SACKChunkView(raw, at: start)
                // No gap blocks, no duplicate TSNs (both counts zero).
                guard sack.gapBlockCount == 0, sack.duplicateCount == 0 else { break }
                reader.skipUpTo(sackFixed)
                return .sack(
                    SACKChunk(
                        flags: ReservedChunkFlags(rawValue: sack.flagsByte ?? 0),
                        cumulativeTSNAck: sack.cumulativeTSNAck ?? 0,
                        advertisedReceiverWindow: sack.advertisedReceiverWindow ?? 0))
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

/// Why a packet's decoding stopped, in a box of its own (few packets have one).
final class DecodingFailure: Sendable {
    let error: WireDecodingError

    init(_ error: WireDecodingError) {
        self.error = error
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
