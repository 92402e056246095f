#include "crc32c_internal.h"

/*
 * x86-64 CRC32c paths (RFC 9260 Appendix A polynomial, which is the one the SSE4.2 `crc32`
 * instruction implements). Each function is compiled for its instruction set with a target
 * attribute and only called after ccrc32c_x86_detect() has seen the features at run time.
 *
 * Algebra used throughout (bit-reflected polynomials modulo P):
 *   - `crc32` with register c over a 64-bit word v gives c*x^64 + v*x^32;
 *   - a carry-less product of a register c with the constant x^(n-33) mod P, reduced by one
 *     `crc32` over zero, gives c*x^n: the register moved past n/8 zero bytes;
 *   - so independent streams over consecutive regions combine by shifting and XOR.
 */

#if defined(CCRC32C_HAVE_X86)

#include <cpuid.h>
#include <immintrin.h>
#include <string.h>

#define CCRC32C_ALWAYS_INLINE __attribute__((always_inline))
#define CCRC32C_TARGET_SSE42 __attribute__((target("sse4.2")))
#define CCRC32C_TARGET_3WAY __attribute__((target("sse4.2,pclmul")))
#define CCRC32C_TARGET_FUSED __attribute__((target("sse4.2,pclmul,avx,avx2,vpclmulqdq")))

/// The longest stream of the three-way loop; shift constants exist for up to twice this.
#define THREE_WAY_MAX_STREAM 4096
/// Below this many bytes one stream is as fast as three plus the recombination.
#define THREE_WAY_MIN_LENGTH 144

/// Fused loop: bytes per iteration for the vector part and for each of the three scalar streams.
#define FUSED_VECTOR_STEP 128
#define FUSED_SCALAR_STEP 40
#define FUSED_STEP (FUSED_VECTOR_STEP + 3 * FUSED_SCALAR_STEP)
#define FUSED_MAX_ITERATIONS 64
#define FUSED_MIN_LENGTH (2 * FUSED_STEP)

ccrc32c_x86_features ccrc32c_x86_detect(void) {
    ccrc32c_x86_features features = {0, 0, 0};
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d)) {
        return features;
    }
    features.sse42 = (c & bit_SSE4_2) != 0;
    features.pclmul = (c & bit_PCLMUL) != 0;
    int os_saves_ymm = 0;
    if ((c & bit_OSXSAVE) != 0 && (c & bit_AVX) != 0) {
        unsigned xcr0_low = 0, xcr0_high = 0;
        __asm__ volatile("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
        os_saves_ymm = (xcr0_low & 6u) == 6u;
    }
    if (os_saves_ymm && __get_cpuid_max(0, 0) >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        features.avx2_vpclmul = (b & bit_AVX2) != 0 && (c & bit_VPCLMULQDQ) != 0;
    }
    return features;
}

static inline uint64_t load64(const uint8_t *p) {
    uint64_t word;
    memcpy(&word, p, sizeof word);
    return word;
}

/// One `crc32` stream over fewer than 8 bytes.
CCRC32C_TARGET_SSE42 static inline CCRC32C_ALWAYS_INLINE uint64_t tail_bytes(uint64_t c, const uint8_t *p, size_t n) {
    if (n & 4) {
        uint32_t word;
        memcpy(&word, p, sizeof word);
        c = _mm_crc32_u32((uint32_t)c, word);
        p += 4;
    }
    if (n & 2) {
        uint16_t half;
        memcpy(&half, p, sizeof half);
        c = _mm_crc32_u16((uint32_t)c, half);
        p += 2;
    }
    if (n & 1) {
        c = _mm_crc32_u8((uint32_t)c, *p);
    }
    return c;
}

/// One `crc32` stream, 8 bytes per instruction.
CCRC32C_TARGET_SSE42 static inline CCRC32C_ALWAYS_INLINE uint64_t one_way(uint64_t c, const uint8_t *p, size_t n) {
    while (n >= 8) {
        c = _mm_crc32_u64(c, load64(p));
        p += 8;
        n -= 8;
    }
    return tail_bytes(c, p, n);
}

CCRC32C_TARGET_SSE42 uint32_t ccrc32c_sse42_state(uint32_t state, const uint8_t *data, size_t length) {
    return (uint32_t)one_way(state, data, length);
}

/// The register after the first 16 bytes of an SCTP packet, with the checksum field (bytes 8 to
/// 11, RFC 9260 section 6.8) taken as zero: two `crc32` instructions.
CCRC32C_TARGET_SSE42 static inline CCRC32C_ALWAYS_INLINE uint64_t sctp_head(const uint8_t *packet) {
    uint64_t c = _mm_crc32_u64(0xFFFFFFFFu, load64(packet));
    return _mm_crc32_u64(c, load64(packet + 8) & 0xFFFFFFFF00000000u);
}

CCRC32C_TARGET_SSE42 uint32_t ccrc32c_sse42_sctp_state(const uint8_t *packet, size_t length) {
    return (uint32_t)one_way(sctp_head(packet), packet + 16, length - 16);
}

/// Carry-less product of two 32-bit values (the low 64 bits hold all of it).
CCRC32C_TARGET_3WAY static inline CCRC32C_ALWAYS_INLINE uint64_t clmul32(uint32_t a, uint32_t b) {
    __m128i product = _mm_clmulepi64_si128(_mm_cvtsi32_si128((int)a), _mm_cvtsi32_si128((int)b), 0x00);
    return (uint64_t)_mm_cvtsi128_si64(product);
}

/// Three `crc32` streams over consecutive thirds of each block, recombined with PCLMULQDQ.
CCRC32C_TARGET_3WAY static inline CCRC32C_ALWAYS_INLINE uint64_t three_way(uint64_t c, const uint8_t *p, size_t n) {
    while (n >= THREE_WAY_MIN_LENGTH) {
        size_t stream = (n / 24) * 8;
        if (stream > THREE_WAY_MAX_STREAM) {
            stream = THREE_WAY_MAX_STREAM;
        }
        const uint8_t *a = p, *b = p + stream, *d = p + 2 * stream;
        uint64_t c1 = 0, c2 = 0;
        for (size_t i = 0; i < stream; i += 8) {
            c = _mm_crc32_u64(c, load64(a + i));
            c1 = _mm_crc32_u64(c1, load64(b + i));
            c2 = _mm_crc32_u64(c2, load64(d + i));
        }
        uint64_t moved = clmul32((uint32_t)c, ccrc32c_shift_table[2 * stream / 8])
            ^ clmul32((uint32_t)c1, ccrc32c_shift_table[stream / 8]);
        c = _mm_crc32_u64(0, moved) ^ c2;
        p += 3 * stream;
        n -= 3 * stream;
    }
    return one_way(c, p, n);
}

CCRC32C_TARGET_3WAY uint32_t ccrc32c_sse42_3way_state(uint32_t state, const uint8_t *data, size_t length) {
    return (uint32_t)three_way(state, data, length);
}

CCRC32C_TARGET_3WAY uint32_t ccrc32c_sse42_3way_sctp_state(const uint8_t *packet, size_t length) {
    return (uint32_t)three_way(sctp_head(packet), packet + 16, length - 16);
}

/// Folds a pair of 128-bit lanes forward (constants: low lane x^(8F+31), high lane x^(8F-33)),
/// then adds the data that sits at the new position.
CCRC32C_TARGET_FUSED static inline CCRC32C_ALWAYS_INLINE __m256i fold256(__m256i acc, __m256i constants, __m256i data) {
    __m256i low = _mm256_clmulepi64_epi128(acc, constants, 0x00);
    __m256i high = _mm256_clmulepi64_epi128(acc, constants, 0x11);
    return _mm256_xor_si256(_mm256_xor_si256(low, high), data);
}

/// Fold constants for a distance of `distance` bytes (a multiple of 8), in both 128-bit lanes.
CCRC32C_TARGET_FUSED static inline CCRC32C_ALWAYS_INLINE __m256i fold_constants(size_t distance) {
    long long low = (long long)ccrc32c_shift_table[distance / 8 + 1];
    long long high = (long long)ccrc32c_shift_table[distance / 8];
    return _mm256_setr_epi64x(low, high, low, high);
}

CCRC32C_TARGET_FUSED static inline CCRC32C_ALWAYS_INLINE __m256i load256(const uint8_t *p) {
    return _mm256_loadu_si256((const __m256i *)(const void *)p);
}

/// Each block: a vector region folded 128 bytes per step with VPCLMULQDQ, followed by three
/// regions run through `crc32` streams in the same loop; the four results are recombined.
CCRC32C_TARGET_FUSED static inline CCRC32C_ALWAYS_INLINE uint64_t fused(uint64_t c, const uint8_t *p, size_t n) {
    while (n >= FUSED_MIN_LENGTH) {
        size_t iterations = n / FUSED_STEP;
        if (iterations > FUSED_MAX_ITERATIONS) {
            iterations = FUSED_MAX_ITERATIONS;
        }
        size_t vector_bytes = iterations * FUSED_VECTOR_STEP;
        size_t stream_bytes = iterations * FUSED_SCALAR_STEP;
        const uint8_t *v = p;
        const uint8_t *s1 = p + vector_bytes, *s2 = s1 + stream_bytes, *s3 = s2 + stream_bytes;

        __m256i k128 = fold_constants(128);
        __m256i a0 = _mm256_xor_si256(load256(v), _mm256_setr_epi64x((long long)(uint32_t)c, 0, 0, 0));
        __m256i a1 = load256(v + 32), a2 = load256(v + 64), a3 = load256(v + 96);
        uint64_t c1 = 0, c2 = 0, c3 = 0;
        for (size_t j = 0; j < FUSED_SCALAR_STEP; j += 8) {
            c1 = _mm_crc32_u64(c1, load64(s1 + j));
            c2 = _mm_crc32_u64(c2, load64(s2 + j));
            c3 = _mm_crc32_u64(c3, load64(s3 + j));
        }
        for (size_t i = 1; i < iterations; i++) {
            const uint8_t *q = v + i * FUSED_VECTOR_STEP;
            a0 = fold256(a0, k128, load256(q));
            a1 = fold256(a1, k128, load256(q + 32));
            a2 = fold256(a2, k128, load256(q + 64));
            a3 = fold256(a3, k128, load256(q + 96));
            size_t o = i * FUSED_SCALAR_STEP;
            for (size_t j = 0; j < FUSED_SCALAR_STEP; j += 8) {
                c1 = _mm_crc32_u64(c1, load64(s1 + o + j));
                c2 = _mm_crc32_u64(c2, load64(s2 + o + j));
                c3 = _mm_crc32_u64(c3, load64(s3 + o + j));
            }
        }
        /* Reduce the eight lanes to one: fold by 64, 32, then 16 bytes. */
        __m256i k64 = fold_constants(64);
        a2 = fold256(a0, k64, a2);
        a3 = fold256(a1, k64, a3);
        a3 = fold256(a2, fold_constants(32), a3);
        __m128i low = _mm256_castsi256_si128(a3), high = _mm256_extracti128_si256(a3, 1);
        __m128i k16 = _mm_setr_epi32((int)ccrc32c_shift_table[3], 0, (int)ccrc32c_shift_table[2], 0);
        __m128i last = _mm_xor_si128(
            _mm_xor_si128(_mm_clmulepi64_si128(low, k16, 0x00), _mm_clmulepi64_si128(low, k16, 0x11)), high);
        uint64_t cv = _mm_crc32_u64(0, (uint64_t)_mm_cvtsi128_si64(last));
        cv = _mm_crc32_u64(cv, (uint64_t)_mm_extract_epi64(last, 1));
        /* Move the vector and first two stream results past what follows them, then add. */
        uint64_t moved = clmul32((uint32_t)cv, ccrc32c_shift_table[3 * stream_bytes / 8])
            ^ clmul32((uint32_t)c1, ccrc32c_shift_table[2 * stream_bytes / 8])
            ^ clmul32((uint32_t)c2, ccrc32c_shift_table[stream_bytes / 8]);
        c = _mm_crc32_u64(0, moved) ^ c3;
        p += vector_bytes + 3 * stream_bytes;
        n -= vector_bytes + 3 * stream_bytes;
    }
    return three_way(c, p, n);
}

CCRC32C_TARGET_FUSED uint32_t ccrc32c_fused_state(uint32_t state, const uint8_t *data, size_t length) {
    return (uint32_t)fused(state, data, length);
}

CCRC32C_TARGET_FUSED uint32_t ccrc32c_fused_sctp_state(const uint8_t *packet, size_t length) {
    return (uint32_t)fused(sctp_head(packet), packet + 16, length - 16);
}

#endif
