/*
 * The agent's side of the line protocol (docs/agent-protocol.md): reply and event lines, hex.
 * #included by sctpconform-linux-agent.c.
 */

/* Writes all of `length` bytes to the control port (blocking: the host reads them). */
static void write_all(const char *data, size_t length) {
    while (length > 0) {
        ssize_t written = write(control_out, data, length);
        if (written < 0) {
            if (errno == EINTR || errno == EAGAIN) { continue; }
            exit(4);
        }
        data += written;
        length -= (size_t)written;
    }
}

/* One line: `prefix` then the formatted rest, newline added. */
static void write_line(const char *prefix, const char *format, va_list arguments) {
    static char line[MAX_LINE + 64];
    int used = snprintf(line, sizeof(line), "%s", prefix);
    int rest = vsnprintf(line + used, sizeof(line) - (size_t)used - 1, format, arguments);
    if (rest < 0) { rest = 0; }
    size_t length = (size_t)used + (size_t)rest;
    if (length > sizeof(line) - 2) { length = sizeof(line) - 2; }
    while (length > 0 && line[length - 1] == ' ') { length--; }
    line[length++] = '\n';
    write_all(line, length);
}

static void reply_ok(const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    write_line(format[0] ? "ok " : "ok", format, arguments);
    va_end(arguments);
}

static void reply_error(int error, const char *format, ...) {
    char prefix[32];
    snprintf(prefix, sizeof(prefix), "error %d ", error);
    va_list arguments;
    va_start(arguments, format);
    write_line(prefix, format, arguments);
    va_end(arguments);
}

/* A failed socket call: its errno and strerror text. */
static void reply_errno(int error, const char *call) {
    reply_error(error, "%s: %s", call, strerror(error));
}

static void event(const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    write_line("event ", format, arguments);
    va_end(arguments);
}

/* Lowercase hex of `length` bytes into a new string ("-" when empty); NULL on memory exhaustion. */
static char *encode_hex(const uint8_t *data, size_t length) {
    char *text = malloc(length * 2 + 2);
    if (text == NULL) { return NULL; }
    if (length == 0) {
        strcpy(text, "-");
        return text;
    }
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < length; i++) {
        text[2 * i] = digits[data[i] >> 4];
        text[2 * i + 1] = digits[data[i] & 15];
    }
    text[2 * length] = 0;
    return text;
}

static int hex_digit(char c) {
    if (c >= '0' && c <= '9') { return c - '0'; }
    if (c >= 'a' && c <= 'f') { return c - 'a' + 10; }
    if (c >= 'A' && c <= 'F') { return c - 'A' + 10; }
    return -1;
}

/* Bytes of a hex field ("-" or empty: none); NULL when it is not hex. The caller frees. */
static uint8_t *decode_hex(const char *text, size_t *length) {
    while (*text == ' ') { text++; }
    size_t digits = strcspn(text, " ");
    if (digits == 1 && text[0] == '-') { digits = 0; }
    if (digits % 2 != 0) { return NULL; }
    uint8_t *bytes = malloc(digits / 2 + 1);
    if (bytes == NULL) { return NULL; }
    for (size_t i = 0; i < digits / 2; i++) {
        int high = hex_digit(text[2 * i]), low = hex_digit(text[2 * i + 1]);
        if (high < 0 || low < 0) {
            free(bytes);
            return NULL;
        }
        bytes[i] = (uint8_t)(high << 4 | low);
    }
    *length = digits / 2;
    return bytes;
}
