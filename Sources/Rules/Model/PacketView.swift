import SCTPWire

/// A packet decoded once for every rule: header, the chunks that could be read, the checksum
/// verdict, and where decoding stopped. Decoding never judges; rules read this.
struct PacketView {
    let number: Int
    let time: UInt64
    let source: TransportEndpoint
    let destination: TransportEndpoint
    let bytes: [UInt8]
    /// The common header, nil when the packet is shorter than 12 bytes.
    let header: CommonHeader?
    /// The chunks in wire order, up to (not including) the first one that could not be decoded.
    let chunks: [Chunk]
    /// Why decoding stopped early, nil when every chunk decoded.
    let decodingError: WireDecodingError?
    /// The checksum field's verdict, nil when the header is incomplete.
    let checksum: SCTPChecksum.Status?
    /// Whether the capture kept the whole packet.
    let isComplete: Bool

    init(_ observation: SCTPObservation) {
        self.number = observation.number
        self.time = observation.time
        self.source = observation.source
        self.destination = observation.destination
        self.bytes = observation.bytes
        self.isComplete = observation.missingBytes == 0
        self.checksum = SCTPChecksum.verify(observation.bytes)
        do {
            let packet = try SCTPPacket(decoding: observation.bytes)
            self.header = packet.header
            self.chunks = packet.chunks
            self.decodingError = nil
        } catch {
            var reader = ByteReader(observation.bytes, context: "SCTP packet")
            let header = try? CommonHeader.decode(from: &reader)
            var chunks: [Chunk] = []
            var failure: WireDecodingError? = error
            if header != nil {
                failure = nil
                while !reader.isAtEnd {
                    do {
                        chunks.append(try Chunk.decode(from: &reader))
                    } catch {
                        failure = error
                        break
                    }
                }
            }
            self.header = header
            self.chunks = chunks
            self.decodingError = failure
        }
    }

    /// The verification tag (0 when the header is incomplete).
    var verificationTag: UInt32 {
        self.header?.verificationTag ?? 0
    }

    /// Whether any chunk is of `type`.
    func contains(_ type: ChunkType) -> Bool {
        self.chunks.contains { $0.type == type }
    }

    /// The chunk types in order, for messages: `SACK + DATA`.
    var chunkSummary: String {
        self.chunks.map { $0.type.name ?? $0.type.description }.joined(separator: " + ")
    }
}
