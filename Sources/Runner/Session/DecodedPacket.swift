import NetworkLayers
import SCTPWire
import VirtualTime

/// One packet of a run, decoded once when it crosses the wire (either way) and read from then on by
/// the expectation matcher, the association model, the live rules and the session's callers: its
/// number and direction, its envelope, and each chunk's raw view with its typed value or why it did
/// not decode (`DecodedSCTPPacket`, which the rules take as it is).
///
/// Decoding never judges (a lying length, a bad checksum): the live rules do. A chunk that does not
/// decode keeps its raw view and the decoder's reason.
public struct DecodedPacket: Hashable, Sendable {
    /// One chunk: its raw view (always there) and its typed value when the bytes decode.
    public typealias Chunk = DecodedSCTPPacket.Chunk

    /// 1-based position among all packets of the run, both directions.
    public var number: Int
    public var direction: PacketDirection
    /// The packet with its addresses, carriage and instant.
    public var envelope: AddressedPacket
    /// The SCTP packet decoded: header, raw views, typed chunks, decoding errors.
    public var sctp: DecodedSCTPPacket

    /// Decodes `envelope`'s bytes: the raw walk, then each chunk's typed value.
    public init(number: Int, direction: PacketDirection, envelope: AddressedPacket) {
        self.number = number
        self.direction = direction
        self.envelope = envelope
        self.sctp = DecodedSCTPPacket(envelope.bytes)
    }

    public var chunks: [Chunk] {
        get { self.sctp.chunks }
        set { self.sctp.chunks = newValue }
    }

    /// Bytes after the last chunk that could be framed (a lying length), if any.
    public var trailingBytes: Int { self.sctp.trailingBytes }

    /// When it was sent, on the run's virtual clock.
    public var time: VirtualInstant { self.envelope.time }
    /// The SCTP packet (common header onward).
    public var bytes: [UInt8] { self.envelope.bytes }

    /// The chunks that decode, in order.
    public var typedChunks: [SCTPWire.Chunk] { self.sctp.typedChunks }

    public var kinds: [String] { self.chunks.map(\.kind) }

    /// `INIT ACK, COOKIE ECHO`.
    public var chunkNames: String {
        self.chunks.isEmpty ? "(no chunks)" : self.chunks.map(\.name).joined(separator: ", ")
    }
}
