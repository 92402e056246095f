/// An SCTP packet's bytes decoded once, for everything that reads the packet afterwards (the
/// scenario runner's matcher and association model, the live rules): the common header, and every
/// chunk the tolerant walk frames (`RawChunkSequence`) with its raw view, its typed value when the
/// bytes decode, or why they do not.
///
/// Decoding never judges: a chunk that does not decode keeps its raw view and the decoder's error, and
/// the walk goes on past it when its length is sound (RFC 9260 §3.2 frames every chunk by its length).
public struct DecodedSCTPPacket: Hashable, Sendable {
    /// One chunk: its raw view (always there) and its typed value when the bytes decode.
    public struct Chunk: Hashable, Sendable {
        public var raw: RawChunk
        public var typed: SCTPWire.Chunk?
        /// Why the chunk did not decode (offsets into the packet), nil when it did.
        public var failure: WireDecodingError?

        public init(raw: RawChunk, typed: SCTPWire.Chunk?, failure: WireDecodingError?) {
            self.raw = raw
            self.typed = typed
            self.failure = failure
        }

        /// The raw view with its typed value or its decoding error.
        public init(raw: RawChunk) {
            do {
                self.init(raw: raw, typed: try raw.typed(), failure: nil)
            } catch {
                self.init(raw: raw, typed: nil, failure: error)
            }
        }

        /// Why the chunk did not decode, as text.
        public var decodingError: String? {
            self.failure?.description
        }

        /// The record kind: the typed chunk's, or the kind its type code names.
        public var kind: String {
            self.typed?.type.kind ?? self.raw.type.kind
        }

        /// The typed chunk's fields, as patterns see them.
        public var record: FieldRecord? {
            self.typed?.fieldRecord
        }

        /// `INIT ACK`, `chunk 0x4f`.
        public var name: String {
            self.raw.type.name ?? self.raw.type.description
        }
    }

    /// The SCTP packet, common header onward.
    public var bytes: [UInt8]
    /// The common header, nil when fewer than its 12 bytes are there.
    public var header: CommonHeader?
    /// The chunks in wire order, as far as the walk could frame them.
    public var chunks: [Chunk]
    /// Bytes after the last chunk that could be framed (from a chunk with a lying length on), if any:
    /// `RawChunkSequence.unwalkedRange`'s length, found in the same walk.
    public var trailingBytes: Int

    /// Decodes `bytes` (common header onward; the checksum is not verified).
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.header = RawPacket(bytes).header
        var chunks: [Chunk] = []
        var end = Swift.min(CommonHeader.length, bytes.count)
        var trailing: Int?
        for raw in RawChunkSequence(bytes: bytes) {
            chunks.append(Chunk(raw: raw))
            if raw.isLengthSane {
                end = raw.nextOffset
            } else {
                trailing = bytes.count - raw.offset
            }
        }
        self.chunks = chunks
        self.trailingBytes = trailing ?? bytes.count - end
    }

    /// The chunks that decode, in order.
    public var typedChunks: [SCTPWire.Chunk] {
        self.chunks.compactMap(\.typed)
    }

    /// The chunks that decoded before the first that did not, and that one's error: what decoding the
    /// packet in one pass (`PartiallyDecodedPacket`) gives, header aside.
    public var decodedPrefix: (chunks: ArraySlice<Chunk>, failure: WireDecodingError?) {
        guard let firstFailure = self.chunks.firstIndex(where: { $0.typed == nil }) else {
            return (self.chunks[...], nil)
        }
        return (self.chunks[..<firstFailure], self.chunks[firstFailure].failure)
    }
}
