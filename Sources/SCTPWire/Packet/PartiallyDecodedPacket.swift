/// What can be read of a packet that does not decode whole: the common header (RFC 9260 §3.1) and
/// the chunks before the first one that cannot be read, with the error that stopped the decoding
/// and the number of the chunk it is in. `sctpconform decode --json` prints this for a damaged
/// packet, as its one-line summary prints the chunks tcpdump would.
///
/// For bytes that decode whole, `header` and `chunks` are what `SCTPPacket(decoding:)` gives and
/// `error` is nil.
public struct PartiallyDecodedPacket: Hashable, Sendable {
    /// The common header, nil when fewer than its 12 bytes are there.
    public var header: CommonHeader?
    /// The chunks that decoded, in wire order, up to the first that did not.
    public var chunks: [Chunk]
    /// Why decoding stopped, nil when the whole packet decoded.
    public var error: WireDecodingError?
    /// The 1-based number of the chunk `error` is in (as the summary numbers chunks); nil when the
    /// error is in the common header or there is none.
    public var failedChunkNumber: Int?

    /// Decodes as much of `bytes` (the SCTP packet, no IP header) as can be read.
    public init(decoding bytes: [UInt8]) {
        self.chunks = []
        var reader = ByteReader(bytes, decodingContext: .named("SCTP packet"))
        do {
            self.header = try CommonHeader.decode(from: &reader)
        } catch {
            self.header = nil
            self.error = error
            return
        }
        while !reader.isAtEnd {
            do {
                self.chunks.append(try SCTPPacket.decodeChunk(&reader))
            } catch {
                self.error = error
                self.failedChunkNumber = self.chunks.count + 1
                return
            }
        }
    }

    /// The packet, when it decoded whole.
    public var packet: SCTPPacket? {
        guard self.error == nil, let header = self.header else { return nil }
        return SCTPPacket(header: header, chunks: self.chunks)
    }
}
