#ifndef CCRC32C_H
#define CCRC32C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * CRC32c (Castagnoli, polynomial 0x1EDC6F41, reflected 0x82F63B78), the SCTP checksum of
 * RFC 9260 section 6.8 and Appendix A.
 *
 * Every function takes and returns a FINAL CRC value (already complemented): start with 0, and
 * ccrc32c_update(ccrc32c_update(0, a, n), b, m) equals the CRC of a followed by b.
 *
 * The implementation is chosen once, at the first call, from what the CPU offers:
 *   - x86-64 with SSE4.2, PCLMULQDQ, AVX2 and VPCLMULQDQ: three `crc32` instruction streams
 *     fused with 256-bit carry-less multiply folding (about 30 GB/s cache-resident on AMD Zen 3);
 *   - x86-64 with SSE4.2 and PCLMULQDQ: three interleaved `crc32` streams whose results are
 *     recombined with a carry-less multiply;
 *   - x86-64 with SSE4.2 only: one `crc32` stream;
 *   - anything else: a portable table-driven slicing-by-8 loop.
 * All paths return identical results; the tests compare each available path with the portable one.
 */

/// Continues a CRC32c over `length` bytes at `data` (`data` may be NULL when `length` is 0).
uint32_t ccrc32c_update(uint32_t crc, const void *data, size_t length);

/// The CRC32c of an SCTP packet (common header onward) computed as if its checksum field
/// (bytes 8 to 11, RFC 9260 section 6.8) were zero, without copying the packet. Bytes of the
/// field that lie beyond `length` are simply absent. Returns the final CRC value.
uint32_t ccrc32c_sctp_packet(const void *packet, size_t length);

/// The implementations, for tests and benchmarks that want one in particular.
typedef enum ccrc32c_path {
    /// Table-driven slicing-by-8, available everywhere.
    CCRC32C_PATH_PORTABLE = 0,
    /// One stream of SSE4.2 `crc32` instructions.
    CCRC32C_PATH_SSE42 = 1,
    /// Three interleaved SSE4.2 `crc32` streams recombined with PCLMULQDQ.
    CCRC32C_PATH_SSE42_3WAY = 2,
    /// Three `crc32` streams fused with AVX2 VPCLMULQDQ folding.
    CCRC32C_PATH_FUSED_VPCLMUL = 3,
} ccrc32c_path;

/// The path ccrc32c_update uses on this CPU.
ccrc32c_path ccrc32c_selected_path(void);

/// Whether this CPU (and this build) can run `path`.
int ccrc32c_path_available(ccrc32c_path path);

/// ccrc32c_update through one particular path; an unavailable path falls back to the portable one.
uint32_t ccrc32c_update_path(ccrc32c_path path, uint32_t crc, const void *data, size_t length);

/// ccrc32c_sctp_packet through one particular path (its whole-packet routine, which skips the
/// checksum field without copying); an unavailable path falls back to the portable one.
uint32_t ccrc32c_sctp_packet_path(ccrc32c_path path, const void *packet, size_t length);

/// ccrc32c_update through the portable table-driven path, whatever the CPU.
uint32_t ccrc32c_update_portable(uint32_t crc, const void *data, size_t length);

/// A short name for `path` ("portable", "sse4.2", "sse4.2-3way", "sse4.2-3way+vpclmulqdq").
const char *ccrc32c_path_name(ccrc32c_path path);

#ifdef __cplusplus
}
#endif

#endif
