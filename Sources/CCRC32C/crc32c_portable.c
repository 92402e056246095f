#include "crc32c_internal.h"

/* Portable slicing-by-8 CRC32c (RFC 9260 Appendix A polynomial), eight bytes per step. */

uint32_t ccrc32c_portable_state(uint32_t state, const uint8_t *data, size_t length) {
    const uint32_t (*t)[256] = ccrc32c_slice_table;
    uint32_t r = state;
    while (length >= 8) {
        uint64_t word = ccrc32c_load_le64(data) ^ r;
        r = t[7][word & 0xFF] ^ t[6][(word >> 8) & 0xFF] ^ t[5][(word >> 16) & 0xFF]
            ^ t[4][(word >> 24) & 0xFF] ^ t[3][(word >> 32) & 0xFF] ^ t[2][(word >> 40) & 0xFF]
            ^ t[1][(word >> 48) & 0xFF] ^ t[0][word >> 56];
        data += 8;
        length -= 8;
    }
    while (length > 0) {
        r = (r >> 8) ^ t[0][(r ^ *data) & 0xFF];
        data++;
        length--;
    }
    return r;
}
