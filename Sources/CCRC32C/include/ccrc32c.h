#ifndef CCRC32C_H
#define CCRC32C_H
#include <stddef.h>
#include <stdint.h>
/// CRC32c (Castagnoli), as used by SCTP (RFC 9260 Appendix A). Placeholder; see crc32c.c.
uint32_t ccrc32c_update(uint32_t crc, const void *data, size_t length);
#endif
