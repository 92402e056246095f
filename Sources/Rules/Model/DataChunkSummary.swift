import SCTPWire

/// The fields of a DATA or I-DATA chunk the rules read (RFC 9260 §3.3.1, RFC 8260 §2.1): a value
/// with no reference to the packet, read once on the decoding thread.
struct DataChunkSummary: Sendable {
    var tsn: UInt32
    var streamID: UInt16
    var digest: ChunkDigest
    var isEmpty: Bool
    var isIData: Bool

    /// "DATA" or "I-DATA", for messages.
    var name: String { self.isIData ? "I-DATA" : "DATA" }

    init(_ chunk: DataChunk) {
        self.tsn = chunk.tsn
        self.streamID = chunk.streamID
        self.digest = ChunkDigest(
            streamID: chunk.streamID, sequence: UInt32(chunk.streamSequence), ppid: chunk.ppid,
            flags: Self.contentFlags(chunk.flags), userData: chunk.userData)
        self.isEmpty = chunk.userData.isEmpty
        self.isIData = false
    }

    init(_ chunk: IDataChunk) {
        self.tsn = chunk.tsn
        self.streamID = chunk.streamID
        self.digest = ChunkDigest(
            streamID: chunk.streamID, sequence: chunk.messageID, ppid: chunk.ppidOrFSN,
            flags: Self.contentFlags(chunk.flags), userData: chunk.userData)
        self.isEmpty = chunk.userData.isEmpty
        self.isIData = true
    }

    /// A DATA chunk read in place: `raw[start...]` holds its header and `length` (at least 16, the
    /// fixed part of §3.3.1; the user data follows it) bytes fit. Gives exactly what
    /// `init(_: DataChunk)` gives for the decoded chunk.
    init(dataChunkIn raw: UnsafeRawBufferPointer, at start: Int, length: Int) {
        let streamID = UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: start + 8, as: UInt16.self))
        let sequence = UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: start + 10, as: UInt16.self))
        self.tsn = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: start + 4, as: UInt32.self))
        self.streamID = streamID
        self.digest = ChunkDigest(
            streamID: streamID, sequence: UInt32(sequence),
            ppid: UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: start + 12, as: UInt32.self)),
            flags: Self.contentFlags(DataChunkFlags(rawValue: raw[start + 1])),
            userData: UnsafeRawBufferPointer(rebasing: raw[(start + 16)..<(start + length)]))
        self.isEmpty = length == 16
        self.isIData = false
    }

    /// The flags that belong to the chunk's content (U, B, E), which a retransmission repeats. The I
    /// bit is left out: its sender may set it on any transmission that benefits from an immediate
    /// SACK (RFC 9260 §3.3.1; RFC 8260 §2.1 for I-DATA), e.g. a retransmission that fills the
    /// congestion window after a T3-rtx timeout, so it may differ from the first transmission.
    static func contentFlags(_ flags: DataChunkFlags) -> UInt8 {
        flags.subtracting(.immediate).rawValue
    }
}
