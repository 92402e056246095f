import NetworkLayers
import SCTPWire
import VirtualTime

/// One packet of a run, decoded once when it crosses the wire (either way) and read from then on by
/// the expectation matcher, the association model and the session's callers: its number and
/// direction, its envelope, and each chunk's raw view with its typed value or why it did not decode.
///
/// Decoding never judges (a lying length, a bad checksum): the live rules do. A chunk that does not
/// decode keeps its raw view and the decoder's reason.
public struct DecodedPacket: Hashable, Sendable {
    /// One chunk: its raw view (always there) and its typed value when the bytes decode.
    public struct Chunk: Hashable, Sendable {
        public var raw: RawChunk
        public var typed: SCTPWire.Chunk?
        /// Why the chunk did not decode.
        public var decodingError: String?

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

    /// 1-based position among all packets of the run, both directions.
    public var number: Int
    public var direction: PacketDirection
    /// The packet with its addresses, carriage and instant.
    public var envelope: AddressedPacket
    public var chunks: [Chunk]
    /// Bytes after the last chunk that could be framed (a lying length), if any.
    public var trailingBytes: Int

    /// Decodes `envelope`'s bytes: the raw walk, then each chunk's typed value.
    public init(number: Int, direction: PacketDirection, envelope: AddressedPacket) {
        self.number = number
        self.direction = direction
        self.envelope = envelope
        let raw = RawPacket(envelope.bytes)
        var chunks: [Chunk] = []
        for rawChunk in raw.chunks {
            do {
                chunks.append(Chunk(raw: rawChunk, typed: try rawChunk.typed(), decodingError: nil))
            } catch {
                chunks.append(Chunk(raw: rawChunk, typed: nil, decodingError: error.description))
            }
        }
        self.chunks = chunks
        self.trailingBytes = raw.chunks.unwalkedRange.count
    }

    /// When it was sent, on the run's virtual clock.
    public var time: VirtualInstant { self.envelope.time }
    /// The SCTP packet (common header onward).
    public var bytes: [UInt8] { self.envelope.bytes }

    /// The chunks that decode, in order.
    public var typedChunks: [SCTPWire.Chunk] { self.chunks.compactMap(\.typed) }

    public var kinds: [String] { self.chunks.map(\.kind) }

    /// `INIT ACK, COOKIE ECHO`.
    public var chunkNames: String {
        self.chunks.isEmpty ? "(no chunks)" : self.chunks.map(\.name).joined(separator: ", ")
    }
}
