#ifndef CCRC32C_INTERNAL_H
#define CCRC32C_INTERNAL_H

/*
 * Internals shared by the CRC32c implementation files. "State" functions work on the raw CRC
 * register (not complemented): the public functions complement on the way in and out
 * (RFC 9260 Appendix A: initial value all ones, final value complemented).
 */

#include <stddef.h>
#include <stdint.h>

/// The reflected Castagnoli polynomial.
#define CCRC32C_POLY 0x82F63B78u

/// Largest index of ccrc32c_shift_table.
#define CCRC32C_SHIFT_TABLE_MAX 1024

/// Slicing-by-8 tables: table[k][b] is the register after byte b followed by k zero bytes.
extern uint32_t ccrc32c_slice_table[8][256];

/// ccrc32c_shift_table[m] = x^(64m - 33) mod P, bit-reflected. A carry-less product of a register
/// with this constant, reduced by one 64-bit `crc32` of zero, moves the register past 8m zero bytes.
extern uint32_t ccrc32c_shift_table[CCRC32C_SHIFT_TABLE_MAX + 1];

/// Fills both tables (idempotent; called once through pthread_once by the dispatcher).
void ccrc32c_tables_fill(void);

/// Portable slicing-by-8 over the register.
uint32_t ccrc32c_portable_state(uint32_t state, const uint8_t *data, size_t length);

/// Loads 8 bytes as a little-endian integer, whatever the host byte order and alignment.
static inline uint64_t ccrc32c_load_le64(const uint8_t *p) {
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24
        | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

#if defined(__x86_64__)
#define CCRC32C_HAVE_X86 1
/// CPU features the x86 paths need, read with cpuid/xgetbv.
typedef struct ccrc32c_x86_features {
    int sse42;
    int pclmul;
    int avx2_vpclmul; /* AVX2 + VPCLMULQDQ + OS support for the YMM state */
} ccrc32c_x86_features;

ccrc32c_x86_features ccrc32c_x86_detect(void);
uint32_t ccrc32c_sse42_state(uint32_t state, const uint8_t *data, size_t length);
uint32_t ccrc32c_sse42_3way_state(uint32_t state, const uint8_t *data, size_t length);
uint32_t ccrc32c_fused_state(uint32_t state, const uint8_t *data, size_t length);
/* The register over a whole SCTP packet of at least 16 bytes, checksum field taken as zero. */
uint32_t ccrc32c_sse42_sctp_state(const uint8_t *packet, size_t length);
uint32_t ccrc32c_sse42_3way_sctp_state(const uint8_t *packet, size_t length);
uint32_t ccrc32c_fused_sctp_state(const uint8_t *packet, size_t length);
#endif

#endif
