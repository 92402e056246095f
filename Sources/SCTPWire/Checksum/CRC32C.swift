import CCRC32C

/// CRC32c (Castagnoli polynomial 0x1EDC6F41, reflected 0x82F63B78), the SCTP checksum of
/// RFC 9260 §6.8 and Appendix A.
///
/// The C target picks the fastest implementation the CPU offers at the first call (SSE4.2 `crc32`
/// streams, recombined with PCLMULQDQ, fused with AVX2 VPCLMULQDQ folding when available) and
/// falls back to a portable table-driven loop; every implementation returns the same values.
/// All values are final CRCs (complemented): `update(checksum(a), b) == checksum(a + b)`.
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

    /// Continues a CRC32c over an array.
    public static func update(_ crc: UInt32, _ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { Self.update(crc, $0) }
    }

    /// One of the implementations, for tests that compare them and benchmarks that time them.
    public enum Implementation: CaseIterable, Hashable, Sendable, CustomStringConvertible {
        /// Table-driven slicing-by-8, available on every CPU.
        case portable
        /// One stream of SSE4.2 `crc32` instructions.
        case sse42
        /// Three interleaved `crc32` streams recombined with PCLMULQDQ.
        case sse42ThreeWay
        /// Three `crc32` streams fused with AVX2 VPCLMULQDQ folding.
        case fusedVPCLMUL

        var cPath: ccrc32c_path {
            switch self {
            case .portable: CCRC32C_PATH_PORTABLE
            case .sse42: CCRC32C_PATH_SSE42
            case .sse42ThreeWay: CCRC32C_PATH_SSE42_3WAY
            case .fusedVPCLMUL: CCRC32C_PATH_FUSED_VPCLMUL
            }
        }

        /// Whether this CPU can run the implementation.
        public var isAvailable: Bool { ccrc32c_path_available(self.cPath) != 0 }

        /// `portable`, `sse4.2`, `sse4.2-3way`, `sse4.2-3way+vpclmulqdq`.
        public var description: String { String(cString: ccrc32c_path_name(self.cPath)) }
    }

    /// The implementation `checksum` and `update` use on this CPU.
    public static var selectedImplementation: Implementation {
        let path = ccrc32c_selected_path()
        return Implementation.allCases.first { $0.cPath == path } ?? .portable
    }

    /// Continues a CRC32c with one particular implementation (the portable one if it is not
    /// available on this CPU).
    public static func update(
        _ crc: UInt32, _ bytes: UnsafeRawBufferPointer, using implementation: Implementation
    )
        -> UInt32
    {
        ccrc32c_update_path(implementation.cPath, crc, bytes.baseAddress, bytes.count)
    }

    /// Continues a CRC32c over an array with one particular implementation.
    public static func update(_ crc: UInt32, _ bytes: [UInt8], using implementation: Implementation) -> UInt32 {
        bytes.withUnsafeBytes { Self.update(crc, $0, using: implementation) }
    }
}
