/*
 * sctpconform-usrsctp-channel.c: the helper's side of the framed channel (see the wire protocol in
 * sctpconform-usrsctp.c): commands read from fd 0 with one read(2) for as much as it holds, replies
 * gathered in one buffer and written with one write(2) per command. #included by sctpconform-usrsctp.c.
 */

/* ------------------------------------------------------------------ reply buffer */

static uint8_t *out_buffer;
static size_t out_length, out_capacity;

static void out_reserve(size_t extra) {
    if (out_length + extra <= out_capacity) { return; }
    size_t capacity = out_capacity ? out_capacity : 65536;
    while (capacity < out_length + extra) { capacity *= 2; }
    uint8_t *grown = realloc(out_buffer, capacity);
    if (grown == NULL) {
        fprintf(stderr, "sctpconform-usrsctp: out of memory\n");
        exit(4);
    }
    out_buffer = grown;
    out_capacity = capacity;
}

static void put_bytes(const void *bytes, size_t length) {
    out_reserve(length);
    if (length > 0) { memcpy(out_buffer + out_length, bytes, length); }
    out_length += length;
}

static void put_u8(uint8_t value) { put_bytes(&value, 1); }
static void put_u16(uint16_t value) { uint8_t b[2] = {value >> 8, value & 0xff}; put_bytes(b, 2); }
static void put_u32(uint32_t value) { put_u16(value >> 16); put_u16(value & 0xffff); }
static void put_u64(uint64_t value) { put_u32(value >> 32); put_u32(value & 0xffffffffu); }

/* Starts a frame; returns the offset of its length field for end_frame. */
static size_t begin_frame(uint8_t type) {
    size_t start = out_length;
    put_u32(0);
    put_u8(type);
    return start;
}

static void end_frame(size_t start) {
    uint32_t length = (uint32_t)(out_length - start - 4);
    out_buffer[start] = length >> 24;
    out_buffer[start + 1] = (length >> 16) & 0xff;
    out_buffer[start + 2] = (length >> 8) & 0xff;
    out_buffer[start + 3] = length & 0xff;
}

static void flush_replies(void) {
    size_t written = 0;
    while (written < out_length) {
        ssize_t n = write(1, out_buffer + written, out_length - written);
        if (n < 0 && errno == EINTR) { continue; }
        if (n <= 0) {
            exit(0); /* the harness is gone */
        }
        written += (size_t)n;
    }
    out_length = 0;
}

static void reply_result(int error, const char *message) {
    size_t frame = begin_frame(REPLY_RESULT);
    put_u32((uint32_t)error);
    put_bytes(message, strlen(message));
    end_frame(frame);
}

/* ------------------------------------------------------------------ commands */

/* Commands read from fd 0 and not handled yet: in_buffer[in_start..in_end). One read(2) takes as
 * much as the channel holds, so a command costs one read, not one for its length and one for its body. */
static uint8_t *in_buffer;
static size_t in_start, in_end, in_capacity;

/* Makes in_buffer hold at least `length` bytes from in_start (moving what is held to the front, growing
 * the buffer when needed) and reads until it does; -1 when the harness closed the channel. */
static int fill_input(size_t length) {
    if (in_start + length > in_capacity) {
        size_t held = in_end - in_start;
        if (held > 0 && in_start > 0) { memmove(in_buffer, in_buffer + in_start, held); }
        in_start = 0;
        in_end = held;
        if (length > in_capacity) {
            size_t capacity = in_capacity ? in_capacity : 65536;
            while (capacity < length) { capacity *= 2; }
            uint8_t *grown = realloc(in_buffer, capacity);
            if (grown == NULL) {
                fprintf(stderr, "sctpconform-usrsctp: out of memory\n");
                exit(4);
            }
            in_buffer = grown;
            in_capacity = capacity;
        }
    }
    while (in_end - in_start < length) {
        ssize_t n = read(0, in_buffer + in_end, in_capacity - in_end);
        if (n < 0 && errno == EINTR) { continue; }
        if (n <= 0) { return -1; }
        in_end += (size_t)n;
    }
    return 0;
}
