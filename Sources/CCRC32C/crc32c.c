#include "ccrc32c.h"
#include "crc32c_internal.h"

#include <pthread.h>
#include <stdatomic.h>

/*
 * Public CRC32c entry points (RFC 9260 Appendix A) and the run-time choice of implementation.
 * The tables and the CPU check run once, under pthread_once; afterwards every call costs one
 * acquire load and a predictable branch.
 */

static pthread_once_t ccrc32c_once = PTHREAD_ONCE_INIT;
static int ccrc32c_available[4];
static _Atomic int ccrc32c_selected = -1;

static void ccrc32c_initialize(void) {
    ccrc32c_tables_fill();
    ccrc32c_available[CCRC32C_PATH_PORTABLE] = 1;
    int best = CCRC32C_PATH_PORTABLE;
#if defined(CCRC32C_HAVE_X86)
    ccrc32c_x86_features features = ccrc32c_x86_detect();
    ccrc32c_available[CCRC32C_PATH_SSE42] = features.sse42;
    ccrc32c_available[CCRC32C_PATH_SSE42_3WAY] = features.sse42 && features.pclmul;
    ccrc32c_available[CCRC32C_PATH_FUSED_VPCLMUL] = features.sse42 && features.pclmul && features.avx2_vpclmul;
    for (int path = CCRC32C_PATH_FUSED_VPCLMUL; path > CCRC32C_PATH_PORTABLE; path--) {
        if (ccrc32c_available[path]) {
            best = path;
            break;
        }
    }
#endif
    atomic_store_explicit(&ccrc32c_selected, best, memory_order_release);
}

static inline int ccrc32c_ready_path(void) {
    int path = atomic_load_explicit(&ccrc32c_selected, memory_order_acquire);
    if (path < 0) {
        pthread_once(&ccrc32c_once, ccrc32c_initialize);
        path = atomic_load_explicit(&ccrc32c_selected, memory_order_acquire);
    }
    return path;
}

/// Runs the register through `path`, which must be available.
static inline uint32_t ccrc32c_run(int path, uint32_t state, const uint8_t *data, size_t length) {
    switch (path) {
#if defined(CCRC32C_HAVE_X86)
    case CCRC32C_PATH_FUSED_VPCLMUL:
        return ccrc32c_fused_state(state, data, length);
    case CCRC32C_PATH_SSE42_3WAY:
        return ccrc32c_sse42_3way_state(state, data, length);
    case CCRC32C_PATH_SSE42:
        return ccrc32c_sse42_state(state, data, length);
#endif
    default:
        return ccrc32c_portable_state(state, data, length);
    }
}

uint32_t ccrc32c_update(uint32_t crc, const void *data, size_t length) {
    if (length == 0) {
        return crc;
    }
    int path = ccrc32c_ready_path();
    return ~ccrc32c_run(path, ~crc, (const uint8_t *)data, length);
}

/// The SCTP packet CRC through `path`, which must be available: the fused whole-packet routine of
/// a hardware path, or the register run over the header, four zero bytes and the rest.
static inline uint32_t ccrc32c_sctp_packet_on(int path, const void *packet, size_t length) {
    static const uint8_t zeros[4] = {0, 0, 0, 0};
    const uint8_t *bytes = (const uint8_t *)packet;
#if defined(CCRC32C_HAVE_X86)
    if (length >= 16) {
        switch (path) {
        case CCRC32C_PATH_FUSED_VPCLMUL:
            return ~ccrc32c_fused_sctp_state(bytes, length);
        case CCRC32C_PATH_SSE42_3WAY:
            return ~ccrc32c_sse42_3way_sctp_state(bytes, length);
        case CCRC32C_PATH_SSE42:
            return ~ccrc32c_sse42_sctp_state(bytes, length);
        default:
            break;
        }
    }
#endif
    size_t head = length < 8 ? length : 8;
    uint32_t state = ccrc32c_run(path, 0xFFFFFFFFu, bytes, head);
    if (length > 8) {
        size_t field = length - 8 < 4 ? length - 8 : 4;
        state = ccrc32c_run(path, state, zeros, field);
    }
    if (length > 12) {
        state = ccrc32c_run(path, state, bytes + 12, length - 12);
    }
    return ~state;
}

uint32_t ccrc32c_sctp_packet(const void *packet, size_t length) {
    return ccrc32c_sctp_packet_on(ccrc32c_ready_path(), packet, length);
}

uint32_t ccrc32c_sctp_packet_path(ccrc32c_path path, const void *packet, size_t length) {
    int chosen = ccrc32c_path_available(path) ? (int)path : CCRC32C_PATH_PORTABLE;
    return ccrc32c_sctp_packet_on(chosen, packet, length);
}

ccrc32c_path ccrc32c_selected_path(void) {
    return (ccrc32c_path)ccrc32c_ready_path();
}

int ccrc32c_path_available(ccrc32c_path path) {
    (void)ccrc32c_ready_path();
    if ((int)path < 0 || (int)path > CCRC32C_PATH_FUSED_VPCLMUL) {
        return 0;
    }
    return ccrc32c_available[path];
}

uint32_t ccrc32c_update_path(ccrc32c_path path, uint32_t crc, const void *data, size_t length) {
    if (length == 0) {
        return crc;
    }
    int chosen = ccrc32c_path_available(path) ? (int)path : CCRC32C_PATH_PORTABLE;
    return ~ccrc32c_run(chosen, ~crc, (const uint8_t *)data, length);
}

uint32_t ccrc32c_update_portable(uint32_t crc, const void *data, size_t length) {
    return ccrc32c_update_path(CCRC32C_PATH_PORTABLE, crc, data, length);
}

const char *ccrc32c_path_name(ccrc32c_path path) {
    switch (path) {
    case CCRC32C_PATH_PORTABLE:
        return "portable";
    case CCRC32C_PATH_SSE42:
        return "sse4.2";
    case CCRC32C_PATH_SSE42_3WAY:
        return "sse4.2-3way";
    case CCRC32C_PATH_FUSED_VPCLMUL:
        return "sse4.2-3way+vpclmulqdq";
    }
    return "unknown";
}
