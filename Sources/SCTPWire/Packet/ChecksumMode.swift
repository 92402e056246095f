/// What an encoder puts in the checksum field of the common header (RFC 9260 §6.8).
public enum ChecksumMode: Hashable, Sendable {
    /// The CRC32c of the packet (`SCTPChecksum.fill`).
    case crc32c
    /// Zero, as a peer that announced Zero Checksum Acceptable may receive (RFC 9653).
    case zero
    /// Exactly this value, read big-endian from the field: for deliberately wrong checksums.
    case value(UInt32)
}
