/// What one `expect` step waits for: chunk patterns and how they must be arranged in packets.
public struct PacketExpectation: Hashable, Sendable {
    /// How the chunk patterns relate to the chunks of the observed packet(s).
    public enum Arrangement: String, Hashable, Sendable {
        /// One packet with exactly these chunks in this order (`expect: [sack, data]`).
        case inOrder = "in-order"
        /// One packet with exactly these chunks in any order (`expect: {any_order: [...]}`).
        case anyOrder = "any-order"
        /// One packet holding at least these chunks, in any order (`expect: {contains: [...]}`).
        case contains
        /// These chunks in any order spread over one or more consecutive packets, nothing else
        /// (`expect: {any_order: [...], across_packets: true}`).
        case anyOrderAcrossPackets = "any-order-across-packets"
    }

    public var chunks: [ChunkPattern]
    public var arrangement: Arrangement
    /// The common header's verification tag; nil lets the runner check the tag RFC 9260 §8.5 requires
    /// (0 for INIT, the reflected tag for ABORT/SHUTDOWN COMPLETE with T set, else our initiate tag).
    public var verificationTag: LocatedPattern?
    /// The checksum field; nil leaves it to the live rules (RFC 9260 §6.8: `packet.checksum`).
    public var checksum: ChecksumExpectation?
    /// The common header's source port; nil requires the SUT's port.
    public var sourcePort: LocatedPattern?
    /// The common header's destination port; nil requires the harness's port.
    public var destinationPort: LocatedPattern?

    public init(
        chunks: [ChunkPattern], arrangement: Arrangement = .inOrder, verificationTag: LocatedPattern? = nil,
        checksum: ChecksumExpectation? = nil, sourcePort: LocatedPattern? = nil, destinationPort: LocatedPattern? = nil
    ) {
        self.chunks = chunks
        self.arrangement = arrangement
        self.verificationTag = verificationTag
        self.checksum = checksum
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
    }

    /// The chunk kinds this expectation names (an ignored packet of these kinds is still considered).
    public var kinds: Set<String> { Set(self.chunks.map(\.record.kind)) }
}

/// What the checksum of an observed packet must be.
public enum ChecksumExpectation: String, Hashable, Sendable {
    /// A correct CRC32c.
    case correct
    /// Zero (RFC 9653 zero checksum).
    case zero
    /// Not checked.
    case any
}

/// The pattern for one chunk: its record (kind and fields) plus the chunk header's raw `flags` byte and
/// `length`, which the typed record does not carry.
public struct ChunkPattern: Hashable, Sendable, CustomStringConvertible {
    public var record: RecordPattern
    /// The raw flags byte of the chunk header.
    public var flags: LocatedPattern?
    /// The chunk length field as sent (padding excluded).
    public var length: LocatedPattern?
    public var location: FileLocation

    public init(
        record: RecordPattern, flags: LocatedPattern? = nil, length: LocatedPattern? = nil, location: FileLocation
    ) {
        self.record = record
        self.flags = flags
        self.length = length
        self.location = location
    }

    public var description: String {
        var extra: [String] = []
        if let flags = self.flags { extra.append("flags: \(flags.pattern)") }
        if let length = self.length { extra.append("length: \(length.pattern)") }
        return extra.isEmpty ? self.record.description : "\(self.record) [\(extra.joined(separator: ", "))]"
    }
}
