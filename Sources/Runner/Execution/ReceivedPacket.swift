import SCTPWire
import VirtualTime

/// One chunk of a packet from the SUT: its raw header (always there) and its typed value when the
/// bytes decode.
struct ReceivedChunk: Hashable, Sendable {
    var raw: RawChunk
    var typed: Chunk?
    /// Why the chunk did not decode.
    var decodingError: String?

    /// The record kind: the typed chunk's, or the kind its type code names.
    var kind: String {
        self.typed?.type.kind ?? self.raw.type.kind
    }

    var record: FieldRecord? {
        self.typed?.fieldRecord
    }

    /// `INIT ACK`, `chunk 0x4f`.
    var name: String {
        self.raw.type.name ?? self.raw.type.description
    }
}

/// A packet from the SUT, decoded as far as it goes, with the verification tag RFC 9260 §8.5 requires
/// of it given what the harness had sent when it arrived.
struct ReceivedPacket: Hashable, Sendable {
    var number: Int
    var time: VirtualInstant
    var bytes: [UInt8]
    var chunks: [ReceivedChunk]
    /// Bytes after the last chunk that could be framed (a lying length), if any.
    var trailingBytes: Int
    /// The tag the packet must carry, or nil when the harness cannot tell (nothing announced yet).
    var requiredTag: UInt32?
    /// The reason for `requiredTag`, for messages.
    var requiredTagReason: String

    init(number: Int, time: VirtualInstant, bytes: [UInt8], model: AssociationModel) {
        self.number = number
        self.time = time
        self.bytes = bytes
        let raw = RawPacket(bytes)
        var chunks: [ReceivedChunk] = []
        for rawChunk in raw.chunks {
            do {
                chunks.append(ReceivedChunk(raw: rawChunk, typed: try rawChunk.typed(), decodingError: nil))
            } catch {
                chunks.append(ReceivedChunk(raw: rawChunk, typed: nil, decodingError: error.description))
            }
        }
        self.chunks = chunks
        self.trailingBytes = raw.chunks.unwalkedRange.count
        (self.requiredTag, self.requiredTagReason) = Self.requiredTag(chunks: chunks, model: model)
    }

    var typedChunks: [Chunk] { self.chunks.compactMap(\.typed) }

    var kinds: [String] { self.chunks.map(\.kind) }

    /// `INIT ACK, COOKIE ECHO`.
    var chunkNames: String {
        self.chunks.isEmpty ? "(no chunks)" : self.chunks.map(\.name).joined(separator: ", ")
    }

    /// RFC 9260 §8.5: 0 for INIT; §8.5.1: an ABORT or SHUTDOWN COMPLETE with the T bit reflects the tag of
    /// the packet it answers (the harness's last); everything else carries the harness's initiate tag.
    static func requiredTag(chunks: [ReceivedChunk], model: AssociationModel) -> (UInt32?, String) {
        if chunks.contains(where: { $0.kind == "init" }) {
            return (0, "a packet with INIT carries tag 0 (RFC 9260 §8.5.1)")
        }
        if let first = chunks.first, first.kind == "abort" || first.kind == "shutdown-complete",
            first.raw.flags & TBitChunkFlags.tBit.rawValue != 0
        {
            guard let reflected = model.lastSentTag else { return (nil, "") }
            return (reflected, "T bit set: the tag of the harness's last packet, reflected (RFC 9260 §8.5.1)")
        }
        guard model.ourTagAnnounced else { return (nil, "") }
        return (model.ourTag, "the harness's initiate tag (RFC 9260 §8.5)")
    }
}
