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

    /// A DATA chunk read in place through its raw view: `length` (at least 16, the fixed part of
    /// §3.3.1; the user data follows it) is its declared length, which the caller has checked fits
    /// the bytes. Gives exactly what `init(_: DataChunk)` gives for the decoded chunk.
    @inline(__always)
    init(_ chunk: DataChunkView<UnsafeRawBufferPointer>, length: Int) {
        let fields = chunk.fixedFields ?? ([], 0, 0, 0, 0)
        self.tsn = fields.tsn
        self.streamID = fields.streamID
        let userData = (chunk.offset + DataChunkView<UnsafeRawBufferPointer>.fixedLength)..<(chunk.offset + length)
        self.digest = ChunkDigest(
            streamID: fields.streamID, sequence: UInt32(fields.streamSequence), ppid: fields.ppid,
            flags: Self.contentFlags(fields.flags), userData: UnsafeRawBufferPointer(rebasing: chunk.bytes[userData]))
        self.isEmpty = userData.isEmpty
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
