#include "crc32c_internal.h"

/*
 * Tables for the portable slicing-by-8 loop and the shift constants the hardware paths use to
 * recombine independent streams (RFC 9260 Appendix A gives the polynomial; the recombination is
 * ordinary polynomial arithmetic modulo P).
 */

uint32_t ccrc32c_slice_table[8][256];
uint32_t ccrc32c_shift_table[CCRC32C_SHIFT_TABLE_MAX + 1];

/// Multiplies a bit-reflected register by x, modulo P.
static uint32_t times_x(uint32_t r) {
    return (r >> 1) ^ (CCRC32C_POLY & (0u - (r & 1u)));
}

void ccrc32c_tables_fill(void) {
    for (uint32_t b = 0; b < 256; b++) {
        uint32_t r = b;
        for (int k = 0; k < 8; k++) {
            r = times_x(r);
        }
        ccrc32c_slice_table[0][b] = r;
    }
    for (uint32_t b = 0; b < 256; b++) {
        uint32_t r = ccrc32c_slice_table[0][b];
        for (int k = 1; k < 8; k++) {
            r = (r >> 8) ^ ccrc32c_slice_table[0][r & 0xFFu];
            ccrc32c_slice_table[k][b] = r;
        }
    }
    /* x^31 is bit 0 in the reflected form; each step multiplies by x^64. */
    uint32_t r = 1u;
    ccrc32c_shift_table[0] = 0;
    for (int m = 1; m <= CCRC32C_SHIFT_TABLE_MAX; m++) {
        ccrc32c_shift_table[m] = r;
        for (int k = 0; k < 64; k++) {
            r = times_x(r);
        }
    }
}
