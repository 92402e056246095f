/*
 * sctpconform-usrsctp: a memo of usrsctp's HMAC-SHA1 computations.
 *
 * HMAC is a pure function of (algorithm, key, text), and on virtual time with a seeded generator
 * usrsctp computes the same ones again and again: the endpoint's random store when a socket is made
 * (sctp_fill_random_store), the cookie's signature in an INIT ACK and its check on a COOKIE ECHO.
 * The fuzz restore (sctpconform-usrsctp-fuzz.c) replays a prefix for every input, so those were a
 * third of its time. Every call from another object file passes through here (`-Wl,--wrap=sctp_hmac
 * -Wl,--wrap=sctp_hmac_m`): a call whose exact inputs are in the memo gets the digest computed
 * before, byte for byte what usrsctp would compute; any other is computed by usrsctp and remembered.
 *
 * sctp_hmac_m reads its text from an mbuf chain. The chain is read here through the first fields of
 * usrsctp's struct m_hdr (next, nextpkt, data, len), and that reading is checked: the first calls
 * also compute the HMAC of the gathered text with sctp_hmac, and one mismatch turns the memo of
 * sctp_hmac_m off for good (every call then goes to usrsctp).
 *
 * Included by sctpconform-usrsctp.c, whose statics it uses.
 */

struct mbuf;
uint32_t __real_sctp_hmac(uint16_t algorithm, uint8_t *key, uint32_t key_length, uint8_t *text,
                          uint32_t text_length, uint8_t *digest);
uint32_t __real_sctp_hmac_m(uint16_t algorithm, uint8_t *key, uint32_t key_length, struct mbuf *m,
                            uint32_t offset, uint8_t *digest, uint32_t trailer);

#define HMAC_MEMO_SLOTS 1024u
#define HMAC_MEMO_TEXT_MAX 2048u
#define HMAC_DIGEST_MAX 64u
#define HMAC_CHECKED_CALLS 16

struct hmac_memo_entry {
    uint64_t hash;
    uint16_t algorithm;
    uint32_t key_length, text_length, digest_length;
    uint8_t *bytes; /* key then text */
    uint8_t digest[HMAC_DIGEST_MAX];
};

static struct hmac_memo_entry hmac_memo[HMAC_MEMO_SLOTS];
static int hmac_chain_unchecked = HMAC_CHECKED_CALLS; /* sctp_hmac_m calls still checked */
static int hmac_chain_trusted = 1;                    /* the mbuf reading was never wrong */

static uint64_t hmac_hash(uint16_t algorithm, const uint8_t *key, uint32_t key_length, const uint8_t *text,
                          uint32_t text_length) {
    uint64_t hash = 0xcbf29ce484222325ull ^ algorithm ^ ((uint64_t)key_length << 16) ^ ((uint64_t)text_length << 40);
    for (uint32_t i = 0; i < key_length; i++) { hash = (hash ^ key[i]) * 0x100000001b3ull; }
    for (uint32_t i = 0; i < text_length; i++) { hash = (hash ^ text[i]) * 0x100000001b3ull; }
    return hash;
}

/* The remembered digest of these inputs, or NULL. */
static struct hmac_memo_entry *hmac_find(uint64_t hash, uint16_t algorithm, const uint8_t *key, uint32_t key_length,
                                         const uint8_t *text, uint32_t text_length) {
    struct hmac_memo_entry *entry = &hmac_memo[hash % HMAC_MEMO_SLOTS];
    if (entry->bytes == NULL || entry->hash != hash || entry->algorithm != algorithm
        || entry->key_length != key_length || entry->text_length != text_length
        || memcmp(entry->bytes, key, key_length) != 0 || memcmp(entry->bytes + key_length, text, text_length) != 0) {
        return NULL;
    }
    return entry;
}

static void hmac_remember(uint64_t hash, uint16_t algorithm, const uint8_t *key, uint32_t key_length,
                          const uint8_t *text, uint32_t text_length, const uint8_t *digest, uint32_t digest_length) {
    if (digest_length == 0 || digest_length > HMAC_DIGEST_MAX) { return; }
    struct hmac_memo_entry *entry = &hmac_memo[hash % HMAC_MEMO_SLOTS];
    uint8_t *bytes = realloc(entry->bytes, (size_t)key_length + text_length + 1);
    if (bytes == NULL) { return; }
    memcpy(bytes, key, key_length);
    memcpy(bytes + key_length, text, text_length);
    *entry = (struct hmac_memo_entry){hash, algorithm, key_length, text_length, digest_length, bytes, {0}};
    memcpy(entry->digest, digest, digest_length);
}

uint32_t __wrap_sctp_hmac(uint16_t algorithm, uint8_t *key, uint32_t key_length, uint8_t *text, uint32_t text_length,
                          uint8_t *digest) {
    if (key == NULL || text == NULL || digest == NULL || key_length + text_length > HMAC_MEMO_TEXT_MAX) {
        return __real_sctp_hmac(algorithm, key, key_length, text, text_length, digest);
    }
    uint64_t hash = hmac_hash(algorithm, key, key_length, text, text_length);
    struct hmac_memo_entry *known = hmac_find(hash, algorithm, key, key_length, text, text_length);
    if (known != NULL) {
        memcpy(digest, known->digest, known->digest_length);
        return known->digest_length;
    }
    uint32_t length = __real_sctp_hmac(algorithm, key, key_length, text, text_length, digest);
    hmac_remember(hash, algorithm, key, key_length, text, text_length, digest, length);
    return length;
}

/* The first fields of usrsctp's struct m_hdr (user_mbuf.h). */
struct chain_header {
    struct chain_header *next;
    void *next_packet;
    uint8_t *data;
    int length;
};

/* The text sctp_hmac_m hashes: the chain from `offset`, less `trailer` bytes of its last mbuf, as
 * usrsctp walks it. Returns its length, or -1 when it does not fit `capacity` or is odd. */
static long gather_chain(const struct chain_header *m, uint32_t offset, uint32_t trailer, uint8_t *text,
                         size_t capacity) {
    while (m != NULL && offset >= (uint32_t)m->length) {
        offset -= (uint32_t)m->length;
        m = m->next;
    }
    size_t used = 0;
    for (; m != NULL; m = m->next) {
        long piece = (long)m->length - (long)offset - (m->next == NULL && trailer ? (long)trailer : 0);
        if (piece < 0 || used + (size_t)piece > capacity) { return -1; }
        memcpy(text + used, m->data + offset, (size_t)piece);
        used += (size_t)piece;
        offset = 0;
    }
    return (long)used;
}

uint32_t __wrap_sctp_hmac_m(uint16_t algorithm, uint8_t *key, uint32_t key_length, struct mbuf *m, uint32_t offset,
                            uint8_t *digest, uint32_t trailer) {
    static uint8_t text[HMAC_MEMO_TEXT_MAX];
    long text_length = -1;
    if (hmac_chain_trusted && key != NULL && m != NULL && digest != NULL && key_length <= HMAC_MEMO_TEXT_MAX) {
        text_length = gather_chain((const struct chain_header *)m, offset, trailer, text,
                                   HMAC_MEMO_TEXT_MAX - key_length);
    }
    if (text_length < 0) { return __real_sctp_hmac_m(algorithm, key, key_length, m, offset, digest, trailer); }
    uint64_t hash = hmac_hash(algorithm, key, key_length, text, (uint32_t)text_length);
    struct hmac_memo_entry *known =
        hmac_chain_unchecked > 0 ? NULL : hmac_find(hash, algorithm, key, key_length, text, (uint32_t)text_length);
    if (known != NULL) {
        memcpy(digest, known->digest, known->digest_length);
        return known->digest_length;
    }
    uint32_t length = __real_sctp_hmac_m(algorithm, key, key_length, m, offset, digest, trailer);
    if (hmac_chain_unchecked > 0) {
        uint8_t check[HMAC_DIGEST_MAX];
        uint32_t check_length = __real_sctp_hmac(algorithm, key, key_length, text, (uint32_t)text_length, check);
        if (check_length != length || length > HMAC_DIGEST_MAX || memcmp(check, digest, length) != 0) {
            hmac_chain_trusted = 0;
            return length;
        }
        hmac_chain_unchecked -= 1;
    }
    hmac_remember(hash, algorithm, key, key_length, text, (uint32_t)text_length, digest, length);
    return length;
}
