import CCRC32C

/// CRC32c (Castagnoli polynomial 0x1EDC6F41, reflected 0x82F63B78), the SCTP checksum of
/// RFC 9260 §6.8 and Appendix A. The C target picks the SSE4.2 path at run time when the CPU has it.
public enum CRC32C {
    /// The CRC32c of `bytes` (initial value all ones, final value complemented).
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        ccrc32c_update(0, bytes.baseAddress, bytes.count)
    }

    /// The CRC32c of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { Self.checksum($0) }
    }

    /// Continues a CRC32c: `update(checksum(a), b) == checksum(a + b)`.
    public static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        ccrc32c_update(crc, bytes.baseAddress, bytes.count)
    }
}
