/*
 * sctpconform-usrsctp-agent: the agent that drives Debian's usrsctp (libusrsctp.a, threaded, with
 * real sockets) for the harness's `usrsctp-raw` and `usrsctp-udp` targets. It speaks the agent
 * control protocol of docs/agent-protocol.md on stdin/stdout: commands in, one reply per command,
 * `event ...` lines whenever the application sees something. The SCTP packets do not pass through
 * here: usrsctp sends them over raw IP (protocol 132) or UDP encapsulation (RFC 6951) where the
 * harness's transport receives them.
 *
 *   sctpconform-usrsctp-agent [--netns PATH]
 *
 * With --netns, the agent enters that network namespace (setns(2)) before usrsctp starts, so the
 * stack's raw and UDP sockets live there (the harness creates the namespace behind a veth pair).
 *
 * The application uses one one-to-many (SOCK_SEQPACKET) socket, as the virtual-time helper does,
 * with every notification subscribed and a receive callback (usrsctp's own threads call it); the
 * association is the one with `peer-address`:`peer-port`. `reset` closes the socket with SO_LINGER
 * 0, which aborts and frees its associations at once.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <usrsctp.h>

#define MAX_LINE (1 << 20)
#define MAX_LOCAL 8

static pthread_mutex_t output_lock = PTHREAD_MUTEX_INITIALIZER;
static struct socket *sock;
static int stack_started;
static uint16_t local_port = 5001, peer_port = 5000, udp_port, peer_udp_port;
static char local_addresses[MAX_LOCAL][64];
static int local_count;
static char peer_address_text[64] = "";
static struct sockaddr_storage peer;
static socklen_t peer_length;
static uint8_t *partial;
static size_t partial_length;

/* ------------------------------------------------------------------ output */

static void emit(const char *format, ...) {
    va_list arguments;
    pthread_mutex_lock(&output_lock);
    va_start(arguments, format);
    vfprintf(stdout, format, arguments);
    va_end(arguments);
    fputc('\n', stdout);
    fflush(stdout);
    pthread_mutex_unlock(&output_lock);
}

static void emit_hex_line(const char *prefix, const uint8_t *bytes, size_t length) {
    pthread_mutex_lock(&output_lock);
    fputs(prefix, stdout);
    if (length == 0) { fputc('-', stdout); }
    for (size_t i = 0; i < length; i++) { fprintf(stdout, "%02x", bytes[i]); }
    fputc('\n', stdout);
    fflush(stdout);
    pthread_mutex_unlock(&output_lock);
}

static void reply_ok(void) { emit("ok"); }

static void reply_errno(int code, const char *what) {
    emit("error %d %s: %s", code, what, strerror(code));
}

static void debug_printf(const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    vfprintf(stderr, format, arguments);
    va_end(arguments);
}

/* ------------------------------------------------------------------ events */

static const char *association_state(uint16_t state) {
    switch (state) {
    case SCTP_COMM_UP: return "COMM_UP";
    case SCTP_COMM_LOST: return "COMM_LOST";
    case SCTP_RESTART: return "RESTART";
    case SCTP_SHUTDOWN_COMP: return "SHUTDOWN_COMP";
    case SCTP_CANT_STR_ASSOC: return "CANT_STR_ASSOC";
    default: return "UNKNOWN";
    }
}

static const char *notification_name(uint16_t type) {
    switch (type) {
    case SCTP_PEER_ADDR_CHANGE: return "PEER_ADDR_CHANGE";
    case SCTP_ADAPTATION_INDICATION: return "ADAPTATION_INDICATION";
    case SCTP_PARTIAL_DELIVERY_EVENT: return "PARTIAL_DELIVERY_EVENT";
    case SCTP_AUTHENTICATION_EVENT: return "AUTHENTICATION_EVENT";
    case SCTP_STREAM_RESET_EVENT: return "STREAM_RESET_EVENT";
    case SCTP_SENDER_DRY_EVENT: return "SENDER_DRY_EVENT";
    case SCTP_NOTIFICATIONS_STOPPED_EVENT: return "NOTIFICATIONS_STOPPED_EVENT";
    case SCTP_ASSOC_RESET_EVENT: return "ASSOC_RESET_EVENT";
    case SCTP_STREAM_CHANGE_EVENT: return "STREAM_CHANGE_EVENT";
    default: return "UNKNOWN_NOTIFICATION";
    }
}

static void report_notification(const union sctp_notification *n, size_t length) {
    if (length < sizeof(n->sn_header)) { return; }
    switch (n->sn_header.sn_type) {
    case SCTP_ASSOC_CHANGE:
        emit("event assoc-change %s %u %u", association_state(n->sn_assoc_change.sac_state),
             n->sn_assoc_change.sac_outbound_streams, n->sn_assoc_change.sac_inbound_streams);
        break;
    case SCTP_SHUTDOWN_EVENT: emit("event shutdown-received"); break;
    case SCTP_SEND_FAILED_EVENT: emit("event send-failed %u", n->sn_send_failed_event.ssfe_error); break;
    case SCTP_REMOTE_ERROR: emit("event remote-error %u", n->sn_remote_error.sre_error); break;
    default: emit("event notification %s", notification_name(n->sn_header.sn_type)); break;
    }
}

static int receive_cb(struct socket *s, union sctp_sockstore addr, void *data, size_t length,
                      struct sctp_rcvinfo info, int flags, void *ulp_info) {
    (void)s; (void)addr; (void)ulp_info;
    if (data == NULL) { return 1; }
    if (flags & MSG_NOTIFICATION) {
        report_notification((const union sctp_notification *)data, length);
        free(data);
        return 1;
    }
    uint8_t *grown = realloc(partial, partial_length + length + 1);
    if (grown == NULL) {
        fprintf(stderr, "sctpconform-usrsctp-agent: out of memory\n");
        exit(4);
    }
    partial = grown;
    memcpy(partial + partial_length, data, length);
    partial_length += length;
    free(data);
    if (flags & MSG_EOR) {
        char prefix[64];
        snprintf(prefix, sizeof(prefix), "event message %u %u %d ", info.rcv_sid, ntohl(info.rcv_ppid),
                 (info.rcv_flags & SCTP_UNORDERED) ? 1 : 0);
        emit_hex_line(prefix, partial, partial_length);
        partial_length = 0;
    }
    return 1;
}

/* ------------------------------------------------------------------ addresses and the socket */

static int parse_address(const char *text, uint16_t port, struct sockaddr_storage *out, socklen_t *length) {
    memset(out, 0, sizeof(*out));
    struct sockaddr_in *v4 = (struct sockaddr_in *)out;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)out;
    if (inet_pton(AF_INET, text, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        *length = sizeof(*v4);
        return AF_INET;
    }
    if (inet_pton(AF_INET6, text, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        *length = sizeof(*v6);
        return AF_INET6;
    }
    return -1;
}

static void start_stack(void) {
    if (stack_started) { return; }
    usrsctp_init(udp_port, NULL, debug_printf);
    usrsctp_sysctl_set_sctp_blackhole(0);
    usrsctp_sysctl_set_sctp_vtag_time_wait(0);
    stack_started = 1;
}

static int subscribe_events(void) {
    static const uint16_t types[] = {
        SCTP_ASSOC_CHANGE, SCTP_PEER_ADDR_CHANGE, SCTP_REMOTE_ERROR, SCTP_SHUTDOWN_EVENT,
        SCTP_ADAPTATION_INDICATION, SCTP_PARTIAL_DELIVERY_EVENT, SCTP_AUTHENTICATION_EVENT,
        SCTP_STREAM_RESET_EVENT, SCTP_ASSOC_RESET_EVENT, SCTP_STREAM_CHANGE_EVENT, SCTP_SEND_FAILED_EVENT,
    };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        struct sctp_event event = {SCTP_FUTURE_ASSOC, types[i], 1};
        if (usrsctp_setsockopt(sock, IPPROTO_SCTP, SCTP_EVENT, &event, sizeof(event)) < 0) { return errno; }
    }
    return 0;
}

/* The application's socket, made on first use: bound to every local address at local-port (or the
 * wildcard), with the remote UDP encapsulation port set when there is one. */
static int ensure_socket(const char **what) {
    if (sock != NULL) { return 0; }
    *what = "socket";
    if (peer_address_text[0] == '\0') { return EDESTADDRREQ; }
    int family = parse_address(peer_address_text, peer_port, &peer, &peer_length);
    if (family < 0) { return EINVAL; }
    start_stack();
    sock = usrsctp_socket(family, SOCK_SEQPACKET, IPPROTO_SCTP, receive_cb, NULL, 0, NULL);
    if (sock == NULL) { return errno; }
    int error = subscribe_events();
    if (error != 0) { *what = "subscribe"; return error; }
    if (peer_udp_port != 0) {
        struct sctp_udpencaps encaps;
        memset(&encaps, 0, sizeof(encaps));
        encaps.sue_address.ss_family = (sa_family_t)family;
        encaps.sue_port = htons(peer_udp_port);
        if (usrsctp_setsockopt(sock, IPPROTO_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT, &encaps, sizeof(encaps)) < 0) {
            *what = "SCTP_REMOTE_UDP_ENCAPS_PORT";
            return errno;
        }
    }
    *what = "bind";
    if (local_count == 0) {
        struct sockaddr_storage any;
        memset(&any, 0, sizeof(any));
        socklen_t length = family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
        any.ss_family = (sa_family_t)family;
        ((struct sockaddr_in *)&any)->sin_port = htons(local_port); /* same offset in sockaddr_in6 */
        return usrsctp_bind(sock, (struct sockaddr *)&any, length) < 0 ? errno : 0;
    }
    for (int i = 0; i < local_count; i++) {
        struct sockaddr_storage local;
        socklen_t length;
        if (parse_address(local_addresses[i], local_port, &local, &length) < 0) { return EINVAL; }
        int result = i == 0 ? usrsctp_bind(sock, (struct sockaddr *)&local, length)
                            : usrsctp_bindx(sock, (struct sockaddr *)&local, 1, SCTP_BINDX_ADD_ADDR);
        if (result < 0) { return errno; }
    }
    return 0;
}

static void close_socket(void) {
    if (sock == NULL) { return; }
    struct linger linger = {1, 0};
    usrsctp_setsockopt(sock, SOL_SOCKET, SO_LINGER, &linger, sizeof(linger));
    usrsctp_close(sock);
    sock = NULL;
    partial_length = 0;
}

static sctp_assoc_t current_association(void) {
    return sock ? usrsctp_getassocid(sock, (struct sockaddr *)&peer) : 0;
}

/* Sets an option on the endpoint (future associations) and on the association that exists. */
static int set_option(int name, void *value, socklen_t length, sctp_assoc_t *id_field) {
    if (id_field != NULL) { *id_field = SCTP_FUTURE_ASSOC; }
    if (usrsctp_setsockopt(sock, IPPROTO_SCTP, name, value, length) < 0) { return errno; }
    sctp_assoc_t existing = current_association();
    if (id_field != NULL && existing != 0) {
        *id_field = existing;
        if (usrsctp_setsockopt(sock, IPPROTO_SCTP, name, value, length) < 0) { return errno; }
    }
    return 0;
}

static int send_message(const void *data, size_t length, uint16_t stream, uint32_t ppid, uint16_t flags) {
    static const uint8_t nothing[1];
    struct sctp_sndinfo info;
    if (data == NULL) { data = nothing; }
    memset(&info, 0, sizeof(info));
    info.snd_sid = stream;
    info.snd_ppid = htonl(ppid);
    info.snd_flags = flags;
    if (usrsctp_sendv(sock, data, length, (struct sockaddr *)&peer, 1, &info, sizeof(info), SCTP_SENDV_SNDINFO,
                      0) < 0) {
        return errno;
    }
    return 0;
}

/* ------------------------------------------------------------------ commands */

static int hex_value(char c) {
    if (c >= '0' && c <= '9') { return c - '0'; }
    if (c >= 'a' && c <= 'f') { return c - 'a' + 10; }
    if (c >= 'A' && c <= 'F') { return c - 'A' + 10; }
    return -1;
}

/* Decodes hex (or `-`, the empty string) in place; returns the length or -1. */
static long decode_hex(char *text) {
    if (text == NULL) { return -1; }
    if (strcmp(text, "-") == 0) { return 0; }
    size_t length = strlen(text);
    if (length % 2 != 0) { return -1; }
    for (size_t i = 0; i < length / 2; i++) {
        int high = hex_value(text[2 * i]), low = hex_value(text[2 * i + 1]);
        if (high < 0 || low < 0) { return -1; }
        ((uint8_t *)text)[i] = (uint8_t)(high << 4 | low);
    }
    return (long)(length / 2);
}

/* An optional number (`-` = not given, 0). */
static uint32_t number_or_zero(const char *text) {
    return (text == NULL || strcmp(text, "-") == 0) ? 0 : (uint32_t)strtoul(text, NULL, 10);
}

static void configure(char **fields, int count) {
    int had_local = 0;
    for (int i = 1; i < count; i++) {
        char *equals = strchr(fields[i], '=');
        if (equals == NULL) {
            emit("error 22 configure: '%s' is not key=value", fields[i]);
            return;
        }
        *equals = '\0';
        const char *key = fields[i], *value = equals + 1;
        if (strcmp(key, "local-port") == 0) { local_port = (uint16_t)atoi(value); }
        else if (strcmp(key, "peer-port") == 0) { peer_port = (uint16_t)atoi(value); }
        else if (strcmp(key, "udp-port") == 0) { udp_port = (uint16_t)atoi(value); }
        else if (strcmp(key, "peer-udp-port") == 0) { peer_udp_port = (uint16_t)atoi(value); }
        else if (strcmp(key, "peer-address") == 0) {
            snprintf(peer_address_text, sizeof(peer_address_text), "%s", value);
        }
        else if (strcmp(key, "local-address") == 0) {
            if (!had_local) { local_count = 0; had_local = 1; }
            if (local_count < MAX_LOCAL) { snprintf(local_addresses[local_count++], 64, "%s", value); }
        } else {
            emit("error 22 configure: unknown key '%s'", key);
            return;
        }
    }
    if (stack_started && udp_port != 0) { usrsctp_sysctl_set_sctp_udp_tunneling_port(udp_port); }
    reply_ok();
}

static void option(char **fields, int count) {
    const char *what = "option";
    int error = ensure_socket(&what);
    if (error != 0) { reply_errno(error, what); return; }
    const char *name = count > 1 ? fields[1] : "";
    if (strcmp(name, "rto") == 0 && count == 5) {
        struct sctp_rtoinfo v = {0};
        v.srto_initial = number_or_zero(fields[2]);
        v.srto_min = number_or_zero(fields[3]);
        v.srto_max = number_or_zero(fields[4]);
        error = set_option(SCTP_RTOINFO, &v, sizeof(v), &v.srto_assoc_id);
    } else if (strcmp(name, "initmsg") == 0 && count == 5) {
        struct sctp_initmsg v = {0};
        v.sinit_num_ostreams = (uint16_t)number_or_zero(fields[2]);
        v.sinit_max_instreams = (uint16_t)number_or_zero(fields[3]);
        v.sinit_max_attempts = (uint16_t)number_or_zero(fields[4]);
        error = set_option(SCTP_INITMSG, &v, sizeof(v), NULL);
    } else if (strcmp(name, "cookie-life") == 0 && count == 3) {
        struct sctp_assocparams v = {0};
        v.sasoc_cookie_life = number_or_zero(fields[2]);
        error = set_option(SCTP_ASSOCINFO, &v, sizeof(v), &v.sasoc_assoc_id);
    } else if (strcmp(name, "max-retrans") == 0 && count == 3) {
        struct sctp_assocparams v = {0};
        v.sasoc_asocmaxrxt = (uint16_t)number_or_zero(fields[2]);
        error = set_option(SCTP_ASSOCINFO, &v, sizeof(v), &v.sasoc_assoc_id);
    } else if (strcmp(name, "heartbeat") == 0 && count == 3) {
        struct sctp_paddrparams v;
        memset(&v, 0, sizeof(v));
        v.spp_hbinterval = number_or_zero(fields[2]);
        v.spp_flags = v.spp_hbinterval == 0 ? SPP_HB_DISABLE : SPP_HB_ENABLE;
        error = set_option(SCTP_PEER_ADDR_PARAMS, &v, sizeof(v), &v.spp_assoc_id);
    } else if (strcmp(name, "delayed-ack") == 0 && count == 3) {
        struct sctp_sack_info v = {0};
        v.sack_delay = number_or_zero(fields[2]);
        v.sack_freq = v.sack_delay == 0 ? 1 : 0;
        error = set_option(SCTP_DELAYED_SACK, &v, sizeof(v), &v.sack_assoc_id);
    } else if (strcmp(name, "nodelay") == 0 && count == 3) {
        int v = number_or_zero(fields[2]) != 0;
        error = set_option(SCTP_NODELAY, &v, sizeof(v), NULL);
    } else {
        emit("error 95 not supported: option %s", name);
        return;
    }
    if (error != 0) { reply_errno(error, name); } else { reply_ok(); }
}

/* Returns 0 to go on, 1 to quit. */
static int execute(char *line) {
    char *fields[16];
    int count = 0;
    for (char *save = NULL, *field = strtok_r(line, " ", &save); field != NULL && count < 16;
         field = strtok_r(NULL, " ", &save)) {
        fields[count++] = field;
    }
    if (count == 0) { emit("error 22 empty command"); return 0; }
    const char *command = fields[0], *what = command;
    int error;
    if (strcmp(command, "hello") == 0) {
        emit("ok sctpconform-usrsctp-agent 1 usrsctp-0.9.5.0");
    } else if (strcmp(command, "configure") == 0) {
        configure(fields, count);
    } else if (strcmp(command, "listen") == 0) {
        if ((error = ensure_socket(&what)) != 0) { reply_errno(error, what); return 0; }
        if (usrsctp_listen(sock, 1) < 0) { reply_errno(errno, "listen"); } else { reply_ok(); }
    } else if (strcmp(command, "connect") == 0) {
        if ((error = ensure_socket(&what)) != 0) { reply_errno(error, what); return 0; }
        usrsctp_set_non_blocking(sock, 1);
        int result = usrsctp_connect(sock, (struct sockaddr *)&peer, peer_length);
        int code = errno;
        usrsctp_set_non_blocking(sock, 0);
        if (result < 0 && code != EINPROGRESS) { reply_errno(code, "connect"); } else { reply_ok(); }
    } else if (strcmp(command, "send") == 0 && count == 5) {
        if (sock == NULL) { reply_errno(EBADF, "send"); return 0; }
        long length = decode_hex(fields[4]);
        if (length < 0) { emit("error 22 send: bad hex"); return 0; }
        error = send_message(fields[4], (size_t)length, (uint16_t)atoi(fields[1]),
                             (uint32_t)strtoul(fields[2], NULL, 10), atoi(fields[3]) ? SCTP_UNORDERED : 0);
        if (error != 0) { reply_errno(error, "send"); } else { reply_ok(); }
    } else if (strcmp(command, "shutdown") == 0) {
        if (sock == NULL) { reply_errno(EBADF, "shutdown"); return 0; }
        error = send_message(NULL, 0, 0, 0, SCTP_EOF);
        if (error != 0) { reply_errno(error, "shutdown"); } else { reply_ok(); }
    } else if (strcmp(command, "abort") == 0) {
        if (sock == NULL) { reply_errno(EBADF, "abort"); return 0; }
        long length = count > 1 ? decode_hex(fields[1]) : 0;
        if (length < 0) { emit("error 22 abort: bad hex"); return 0; }
        error = send_message(length > 0 ? fields[1] : NULL, (size_t)length, 0, 0, SCTP_ABORT);
        if (error != 0) { reply_errno(error, "abort"); } else { reply_ok(); }
    } else if (strcmp(command, "close") == 0) {
        if (sock == NULL) { reply_errno(EBADF, "close"); return 0; }
        usrsctp_close(sock);
        sock = NULL;
        reply_ok();
    } else if (strcmp(command, "option") == 0) {
        option(fields, count);
    } else if (strcmp(command, "reset") == 0) {
        close_socket();
        reply_ok();
    } else if (strcmp(command, "quit") == 0) {
        reply_ok();
        return 1;
    } else {
        emit("error 95 not supported: %s", command);
    }
    return 0;
}

static int enter_namespace(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || setns(fd, CLONE_NEWNET) != 0) {
        fprintf(stderr, "sctpconform-usrsctp-agent: cannot enter %s: %s\n", path, strerror(errno));
        return -1;
    }
    close(fd);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "--netns") == 0) {
        if (enter_namespace(argv[2]) != 0) { return 3; }
    } else if (argc != 1) {
        fprintf(stderr, "usage: sctpconform-usrsctp-agent [--netns PATH]\n");
        return 2;
    }
    char *line = malloc(MAX_LINE + 2);
    if (line == NULL) { return 4; }
    while (fgets(line, MAX_LINE + 2, stdin) != NULL) {
        size_t length = strlen(line);
        if (length > 0 && line[length - 1] == '\n') { line[--length] = '\0'; }
        if (execute(line)) { break; }
    }
    close_socket();
    /* usrsctp_finish waits for its threads and may refuse while associations linger; exit directly. */
    fflush(stdout);
    _exit(0);
}
