/*
 * sctpconform-usrsctp: usrsctp (linked statically) as a system under test on virtual time.
 *
 * The harness starts this program as a child process and drives it over fd 0 (commands) and fd 1
 * (replies), usually one end of a socketpair. Nothing here runs on its own: no threads, no sockets,
 * no timers of its own. usrsctp runs in AF_CONN mode (`usrsctp_init_nothreads`), its packets leave
 * through `conn_output` and enter through `usrsctp_conninput`, and its timers move only when the
 * harness advances virtual time.
 *
 * Time and randomness are replaced at link time (`-Wl,--wrap=gettimeofday -Wl,--wrap=syscall`):
 * libusrsctp.a reads the clock only through gettimeofday(2) and its randomness only through
 * syscall(SYS_getrandom) (init_random/read_random in user_environment.c). The wrappers answer from
 * the virtual clock and from a xoshiro256** generator seeded with SplitMix64(seed), so one seed
 * gives byte-identical tags, TSNs, cookie secrets and cookies.
 *
 * Timers: usrsctp counts ticks with hz = 1000 (one tick per millisecond); a callout started with
 * n ticks fires when the tick counter reaches start + max(n, 1), and one usrsctp_handle_timers(k) call
 * adds k ticks and fires, in queue order, every callout due by then. Every callout start and stop
 * passes through this program (`-Wl,--wrap=sctp_os_timer_start -Wl,--wrap=sctp_os_timer_stop`: only
 * sctputil.o starts callouts, only it and sctp_pcb.o stop them), which keeps each pending callout's
 * due tick. Advancing to instant T therefore jumps straight to the earliest due tick (or to T's last
 * whole millisecond when none is due before it) in one usrsctp_handle_timers call, with the clock set
 * to that boundary: the timers fire at their own virtual milliseconds, in the same order and with the
 * same clock readings as if every millisecond had been stepped, so the bytes are the same, and an
 * idle virtual day costs one call. (The record of due ticks may only over-approximate: a stale entry
 * costs a jump at which nothing fires, never a missed timer.)
 *
 * Wire protocol (all integers big-endian). A frame is: u32 length of what follows, u8 type, body.
 * Commands (harness -> helper), each answered by zero or more PACKET/EVENT frames and one RESULT:
 *   0x01 INIT     u64 seed, u64 start_ns, u16 local_port, u16 peer_port
 *   0x02 DELIVER  u64 at_ns, packet bytes (SCTP common header onward)
 *   0x03 ADVANCE  u64 until_ns
 *   0x04 ACTION   u64 at_ns, u8 action, arguments (see perform_action)
 *   0x05 QUIT     (answered by RESULT, then the helper exits with status 0)
 *   0x06 RUN      u64 until_ns: like ADVANCE, but stops right after the first millisecond boundary
 *                 at which the stack produced output (a PACKET or an EVENT); the clock then stands
 *                 at that boundary, the instant every reply carries. Without output it ends at
 *                 until_ns, as ADVANCE does. So the harness learns of a packet at the instant it
 *                 was sent and can answer at that same instant.
 *   0x07 RESET    u64 seed, u64 start_ns, u16 local_port, u16 peer_port: returns the stack to what
 *                 INIT with these arguments makes in a new process, without a new process. The
 *                 socket is closed (aborting its associations), the stack's timers run until none is
 *                 pending (freeing what the close left), every output of that is dropped, then the
 *                 generator is reseeded and advanced past the draws usrsctp's start-up made (so the
 *                 draws after RESET are those after INIT in a new process), the clock is set to
 *                 start_ns, and a new socket is made as INIT makes it. Answered by RESULT only; errno
 *                 EBUSY when timers were still pending after an hour of virtual time (the harness then
 *                 starts a new process). Before INIT, RESET is INIT.
 *   0x08 HOLD     u8 mode, u32 limit_ms [, u32 probe_every, u32 length, probe packet]: keeps the
 *                 stack's state as it stands for BATCH, restored for each input by RESET and a replay
 *                 of the stack commands since INIT/RESET (mode 0: after a prefix, before every input;
 *                 mode 1: out of the blue, the socket listening, only after an input that left state).
 *                 limit_ms bounds one input in real time (0: 1000 ms; a longer input is reported
 *                 hung within twice that). With a probe packet (a liveness probe: a packet the stack
 *                 must answer, to a port no input uses), the stack is probed after an input before
 *                 every restore that wipes what the inputs since the last probe did, after every
 *                 probe_every inputs (0: 64) and after a child's last input (see
 *                 sctpconform-usrsctp-fuzz.c). A later stack command releases the hold. Answered by
 *                 RESULT only.
 *   0x09 BATCH    u32 count, then per input: u32 length, steps (u8 kind: 1 PACKET u32 length, bytes;
 *                 2 ADVANCE u32 ms; 3 ACTION u32 length, ACTION's arguments after at_ns). Every input
 *                 starts from the held state; per input, in order: its PACKET/EVENT replies, then
 *                 OUTCOME. Then one RESULT (ENOTCONN before HOLD). A packet step is delivered at the
 *                 clock's instant, an ADVANCE moves the clock, an action is performed at the instant.
 *                 (sctpconform-usrsctp-fuzz.c)
 * Replies (helper -> harness):
 *   0x81 PACKET   u64 time_ns, packet bytes
 *   0x82 EVENT    u64 time_ns, u8 kind, fields (see the EVENT_ constants)
 *   0x83 RESULT   i32 errno (0 = success), UTF-8 message
 *   0x84 OUTCOME  u32 input index, u8 status (0 done, 1 crashed, 2 hung: over limit_ms, 3 exited),
 *                 u32 signal or exit status, u16 association state (SCTP_STATUS sstat_state; 0xffff:
 *                 none), u8 liveness (0 not probed after this input, 1 the probe was answered, 2 the
 *                 stack did not answer it: this input, alone from the held state, silenced it, or
 *                 the inputs since the last restore did together), u32 edge count, u32 edges (coverage when libusrsctp.a is built with
 *                 -fsanitize-coverage=trace-pc-guard; none otherwise), u32 action count, i32 errno of
 *                 each action step (at most 256), u32 step count, u32 packets the input's replies held
 *                 when each step was done (at most 1024 steps), u32 length, the input's stderr (status
 *                 1 to 3: the child's last words; none otherwise)
 * A malformed command is answered by RESULT with errno EPROTO and the helper exits with status 3.
 * Time never moves backwards: a command stamped before the current instant runs at the current one.
 *
 * The channel (command input, reply buffer): sctpconform-usrsctp-channel.c. Outside kills and the
 * test-only hooks: sctpconform-usrsctp-hooks.c. HOLD, BATCH and coverage feedback:
 * sctpconform-usrsctp-fuzz.c. The in-process ceiling (`--ceiling N`, no protocol):
 * sctpconform-usrsctp-ceiling.c. These, the callout bookkeeping (sctpconform-usrsctp-timers.c) and the
 * memo of HMAC computations (sctpconform-usrsctp-hmac.c, `-Wl,--wrap=sctp_hmac,--wrap=sctp_hmac_m`) are
 * #included below: the helper is compiled as one unit.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <unistd.h>
#include <usrsctp.h>

enum {
    CMD_INIT = 0x01, CMD_DELIVER = 0x02, CMD_ADVANCE = 0x03, CMD_ACTION = 0x04, CMD_QUIT = 0x05, CMD_RUN = 0x06, CMD_RESET = 0x07,
    CMD_HOLD = 0x08, CMD_BATCH = 0x09,
    REPLY_PACKET = 0x81, REPLY_EVENT = 0x82, REPLY_RESULT = 0x83, REPLY_OUTCOME = 0x84,
};
enum {
    ACTION_LISTEN = 1, ACTION_CONNECT = 2, ACTION_SEND = 3, ACTION_SHUTDOWN = 4, ACTION_ABORT = 5,
    ACTION_CLOSE = 6, ACTION_SET_OPTION = 7,
};
enum {
    OPTION_RTO_INFO = 1, OPTION_INIT_MSG = 2, OPTION_COOKIE_LIFE = 3, OPTION_MAX_RETRANS = 4,
    OPTION_HEARTBEAT = 5, OPTION_DELAYED_ACK = 6, OPTION_NODELAY = 7,
};
/* EVENT kinds and their fields after the kind byte. */
enum {
    EVENT_ASSOC_CHANGE = 1,  /* u16 state, u16 error, u16 outbound streams, u16 inbound streams */
    EVENT_SHUTDOWN = 2,      /* (none) */
    EVENT_MESSAGE = 3,       /* u16 stream, u32 ppid, u8 unordered, payload */
    EVENT_SEND_FAILED = 4,   /* u32 error */
    EVENT_REMOTE_ERROR = 5,  /* u16 cause code */
    EVENT_NOTIFICATION = 6,  /* u16 notification type, u32 detail (state, indication or flags) */
};

#define MAX_FRAME (16u * 1024u * 1024u)
#define MALFORMED (-1) /* perform_action/apply_option: the command itself is malformed */
#define CLOCK_EPOCH_SECONDS 1700000000ull /* what gettimeofday reports at virtual instant zero */
#define CONN_ADDRESS ((void *)(uintptr_t)0x5c7c) /* fixed, so cookies do not depend on ASLR */

/* ------------------------------------------------------------------ virtual time & randomness */

static uint64_t now_ns;    /* the virtual clock */
static uint64_t ticks_ms;  /* millisecond boundaries already handed to usrsctp */
static uint64_t rng_state[4];
static uint64_t rng_draws;     /* outputs drawn since the last seed_random */
static uint64_t startup_draws; /* outputs usrsctp's start-up drew after INIT's seed (RESET skips them) */

int __wrap_gettimeofday(struct timeval *tv, void *tz) {
    (void)tz;
    if (tv != NULL) {
        tv->tv_sec = (time_t)(CLOCK_EPOCH_SECONDS + now_ns / 1000000000ull);
        tv->tv_usec = (suseconds_t)((now_ns % 1000000000ull) / 1000ull);
    }
    return 0;
}

static uint64_t splitmix64(uint64_t *state) {
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t xoshiro_next(void) {
    rng_draws += 1;
    uint64_t result = rotl(rng_state[1] * 5, 7) * 9;
    uint64_t t = rng_state[1] << 17;
    rng_state[2] ^= rng_state[0];
    rng_state[3] ^= rng_state[1];
    rng_state[1] ^= rng_state[2];
    rng_state[0] ^= rng_state[3];
    rng_state[2] ^= t;
    rng_state[3] = rotl(rng_state[3], 45);
    return result;
}

static void seed_random(uint64_t seed) {
    for (int i = 0; i < 4; i++) { rng_state[i] = splitmix64(&seed); }
    rng_draws = 0;
}

/* Every byte is drawn from its own 64-bit output, so the stream does not depend on request sizes. */
static void fill_random(uint8_t *buffer, size_t length) {
    for (size_t i = 0; i < length; i++) { buffer[i] = (uint8_t)(xoshiro_next() >> 56); }
}

long __real_syscall(long number, ...);

long __wrap_syscall(long number, ...) {
    va_list arguments;
    va_start(arguments, number);
    if (number == SYS_getrandom) {
        uint8_t *buffer = va_arg(arguments, uint8_t *);
        size_t length = va_arg(arguments, size_t);
        va_end(arguments);
        fill_random(buffer, length);
        return (long)length;
    }
    va_end(arguments);
    fprintf(stderr, "sctpconform-usrsctp: unexpected syscall(%ld) refused\n", number);
    errno = ENOSYS;
    return -1;
}

#include "sctpconform-usrsctp-timers.c"
#include "sctpconform-usrsctp-hmac.c"
#include "sctpconform-usrsctp-channel.c"

/* ------------------------------------------------------------------ usrsctp callbacks */

static struct socket *sock;
static struct sockaddr_conn peer_address;
static uint8_t *partial;          /* a message delivered in pieces (no MSG_EOR yet) */
static size_t partial_length;

static int ceiling_mode; /* --ceiling: packets go to the in-process peer, not to the harness */
static void ceiling_enqueue(const void *buffer, size_t length);

static uint32_t packets_sent; /* packets handed to the harness (BATCH: which step each came after) */

static int conn_output(void *addr, void *buffer, size_t length, uint8_t tos, uint8_t set_df) {
    (void)addr; (void)tos; (void)set_df;
    if (ceiling_mode) {
        ceiling_enqueue(buffer, length);
        return 0;
    }
    packets_sent += 1;
    size_t frame = begin_frame(REPLY_PACKET);
    put_u64(now_ns);
    put_bytes(buffer, length);
    end_frame(frame);
    return 0;
}

static void debug_printf(const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    vfprintf(stderr, format, arguments);
    va_end(arguments);
}

static void report_notification(const union sctp_notification *n, size_t length) {
    if (length < sizeof(n->sn_header)) { return; }
    size_t frame = begin_frame(REPLY_EVENT);
    put_u64(now_ns);
    switch (n->sn_header.sn_type) {
    case SCTP_ASSOC_CHANGE:
        put_u8(EVENT_ASSOC_CHANGE);
        put_u16(n->sn_assoc_change.sac_state);
        put_u16(n->sn_assoc_change.sac_error);
        put_u16(n->sn_assoc_change.sac_outbound_streams);
        put_u16(n->sn_assoc_change.sac_inbound_streams);
        break;
    case SCTP_SHUTDOWN_EVENT:
        put_u8(EVENT_SHUTDOWN);
        break;
    case SCTP_SEND_FAILED_EVENT:
        put_u8(EVENT_SEND_FAILED);
        put_u32(n->sn_send_failed_event.ssfe_error);
        break;
    case SCTP_REMOTE_ERROR:
        put_u8(EVENT_REMOTE_ERROR);
        put_u16(n->sn_remote_error.sre_error);
        break;
    default: {
        uint32_t detail = 0;
        switch (n->sn_header.sn_type) {
        case SCTP_PEER_ADDR_CHANGE: detail = n->sn_paddr_change.spc_state; break;
        case SCTP_PARTIAL_DELIVERY_EVENT: detail = n->sn_pdapi_event.pdapi_indication; break;
        case SCTP_ADAPTATION_INDICATION: detail = n->sn_adaptation_event.sai_adaptation_ind; break;
        case SCTP_AUTHENTICATION_EVENT: detail = n->sn_auth_event.auth_indication; break;
        default: detail = n->sn_header.sn_flags; break;
        }
        put_u8(EVENT_NOTIFICATION);
        put_u16(n->sn_header.sn_type);
        put_u32(detail);
        break;
    }
    }
    end_frame(frame);
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
        fprintf(stderr, "sctpconform-usrsctp: out of memory\n");
        exit(4);
    }
    partial = grown;
    memcpy(partial + partial_length, data, length);
    partial_length += length;
    free(data);
    if (flags & MSG_EOR) {
        size_t frame = begin_frame(REPLY_EVENT);
        put_u64(now_ns);
        put_u8(EVENT_MESSAGE);
        put_u16(info.rcv_sid);
        put_u32(ntohl(info.rcv_ppid));
        put_u8((info.rcv_flags & SCTP_UNORDERED) ? 1 : 0);
        put_bytes(partial, partial_length);
        end_frame(frame);
        partial_length = 0;
    }
    return 1;
}

/* ------------------------------------------------------------------ command decoding */

struct reader {
    const uint8_t *bytes;
    size_t length, offset;
    int bad;
};

static const uint8_t *take(struct reader *r, size_t count) {
    if (r->bad || r->length - r->offset < count) {
        r->bad = 1;
        return NULL;
    }
    const uint8_t *p = r->bytes + r->offset;
    r->offset += count;
    return p;
}

static uint64_t take_uint(struct reader *r, size_t count) {
    const uint8_t *p = take(r, count);
    uint64_t value = 0;
    for (size_t i = 0; p != NULL && i < count; i++) { value = (value << 8) | p[i]; }
    return value;
}

/* ------------------------------------------------------------------ time & actions */

/* Runs usrsctp's timers up to target_ns, jumping from one due callout to the next (see the header
 * comment). With stop_at_output, stops right after the first boundary at which the stack left replies
 * in the buffer (the RUN command); the clock then stands at that boundary. */
static void step_timers(uint64_t target_ns, int stop_at_output) {
    size_t before = out_length;
    uint64_t last = target_ns / 1000000ull;
    while (ticks_ms < last) {
        uint64_t due = next_due_tick();
        if (due <= ticks_ms) { due = ticks_ms + 1; }
        jump_to_tick(due < last ? due : last);
        if (stop_at_output && out_length != before) { return; }
    }
    if (target_ns > now_ns) { now_ns = target_ns; }
}

static void advance_to(uint64_t target_ns) { step_timers(target_ns, 0); }

static void run_to_output(uint64_t target_ns) { step_timers(target_ns, 1); }

static sctp_assoc_t current_association(void) {
    return sock ? usrsctp_getassocid(sock, (struct sockaddr *)&peer_address) : 0;
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

static int apply_option(struct reader *r) {
    uint8_t option = (uint8_t)take_uint(r, 1);
    switch (option) {
    case OPTION_RTO_INFO: {
        struct sctp_rtoinfo v = {0};
        v.srto_initial = (uint32_t)take_uint(r, 4);
        v.srto_min = (uint32_t)take_uint(r, 4);
        v.srto_max = (uint32_t)take_uint(r, 4);
        return r->bad ? MALFORMED : set_option(SCTP_RTOINFO, &v, sizeof(v), &v.srto_assoc_id);
    }
    case OPTION_INIT_MSG: {
        struct sctp_initmsg v = {0};
        v.sinit_num_ostreams = (uint16_t)take_uint(r, 2);
        v.sinit_max_instreams = (uint16_t)take_uint(r, 2);
        v.sinit_max_attempts = (uint16_t)take_uint(r, 2);
        return r->bad ? MALFORMED : set_option(SCTP_INITMSG, &v, sizeof(v), NULL);
    }
    case OPTION_COOKIE_LIFE:
    case OPTION_MAX_RETRANS: {
        struct sctp_assocparams v = {0};
        if (option == OPTION_COOKIE_LIFE) {
            v.sasoc_cookie_life = (uint32_t)take_uint(r, 4);
        } else {
            v.sasoc_asocmaxrxt = (uint16_t)take_uint(r, 2);
        }
        return r->bad ? MALFORMED : set_option(SCTP_ASSOCINFO, &v, sizeof(v), &v.sasoc_assoc_id);
    }
    case OPTION_HEARTBEAT: {
        struct sctp_paddrparams v;
        memset(&v, 0, sizeof(v));
        /* The wildcard AF_CONN address (NULL sconn_addr) selects every path of the association. */
        ((struct sockaddr_conn *)&v.spp_address)->sconn_family = AF_CONN;
        v.spp_hbinterval = (uint32_t)take_uint(r, 4);
        v.spp_flags = v.spp_hbinterval == 0 ? SPP_HB_DISABLE : SPP_HB_ENABLE;
        return r->bad ? MALFORMED : set_option(SCTP_PEER_ADDR_PARAMS, &v, sizeof(v), &v.spp_assoc_id);
    }
    case OPTION_DELAYED_ACK: {
        /* usrsctp treats 0 as "unchanged": a delay of 0 means a SACK for every packet instead. */
        struct sctp_sack_info v = {0};
        uint32_t delay = (uint32_t)take_uint(r, 4);
        v.sack_delay = delay;
        v.sack_freq = delay == 0 ? 1 : 0;
        return r->bad ? MALFORMED : set_option(SCTP_DELAYED_SACK, &v, sizeof(v), &v.sack_assoc_id);
    }
    case OPTION_NODELAY: {
        int v = take_uint(r, 1) != 0;
        return r->bad ? MALFORMED : set_option(SCTP_NODELAY, &v, sizeof(v), NULL);
    }
    default:
        return MALFORMED;
    }
}

static int send_message(const void *data, size_t length, uint16_t stream, uint32_t ppid, uint16_t flags) {
    static const uint8_t nothing[1];
    struct sctp_sndinfo info;
    if (data == NULL) {
        data = nothing; /* usrsctp_sendv answers EFAULT to a NULL buffer, even for zero bytes */
    }
    memset(&info, 0, sizeof(info));
    info.snd_sid = stream;
    info.snd_ppid = htonl(ppid);
    info.snd_flags = flags;
    if (usrsctp_sendv(sock, data, length, (struct sockaddr *)&peer_address, 1, &info, sizeof(info),
                      SCTP_SENDV_SNDINFO, 0) < 0) {
        return errno;
    }
    return 0;
}

static int perform_action(struct reader *r) {
    uint8_t action = (uint8_t)take_uint(r, 1);
    if (r->bad) { return MALFORMED; }
    if (sock == NULL && action != ACTION_CLOSE) { return EBADF; }
    switch (action) {
    case ACTION_LISTEN:
        return usrsctp_listen(sock, 1) < 0 ? errno : 0;
    case ACTION_CONNECT:
        if (usrsctp_connect(sock, (struct sockaddr *)&peer_address, sizeof(peer_address)) < 0) {
            return errno == EINPROGRESS ? 0 : errno;
        }
        return 0;
    case ACTION_SEND: {
        uint16_t stream = (uint16_t)take_uint(r, 2);
        uint32_t ppid = (uint32_t)take_uint(r, 4);
        uint8_t unordered = (uint8_t)take_uint(r, 1);
        if (r->bad) { return MALFORMED; }
        return send_message(r->bytes + r->offset, r->length - r->offset, stream, ppid,
                            unordered ? SCTP_UNORDERED : 0);
    }
    case ACTION_SHUTDOWN:
        return send_message(NULL, 0, 0, 0, SCTP_EOF);
    case ACTION_ABORT:
        return send_message(r->bytes + r->offset, r->length - r->offset, 0, 0, SCTP_ABORT);
    case ACTION_CLOSE:
        if (sock == NULL) { return EBADF; }
        usrsctp_close(sock);
        sock = NULL;
        return 0;
    case ACTION_SET_OPTION:
        return apply_option(r);
    default:
        return MALFORMED;
    }
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

/* Makes the application's socket: non-blocking, every notification subscribed, bound to
 * local_port; the harness is the peer at peer_port. */
static int open_socket(uint16_t local_port, uint16_t peer_port) {
    sock = usrsctp_socket(AF_CONN, SOCK_SEQPACKET, IPPROTO_SCTP, receive_cb, NULL, 0, NULL);
    if (sock == NULL) { return errno; }
    if (usrsctp_set_non_blocking(sock, 1) < 0) { return errno; }
    int error = subscribe_events();
    if (error != 0) { return error; }
    struct sockaddr_conn local;
    memset(&local, 0, sizeof(local));
    local.sconn_family = AF_CONN;
    local.sconn_port = htons(local_port);
    local.sconn_addr = CONN_ADDRESS;
    memset(&peer_address, 0, sizeof(peer_address));
    peer_address.sconn_family = AF_CONN;
    peer_address.sconn_port = htons(peer_port);
    peer_address.sconn_addr = CONN_ADDRESS;
    return usrsctp_bind(sock, (struct sockaddr *)&local, sizeof(local)) < 0 ? errno : 0;
}

/* Starts usrsctp (once per process) on the seeded generator and the clock at start_ns. */
static void start_stack(uint64_t seed, uint64_t start_ns) {
    seed_random(seed);
    now_ns = start_ns;
    ticks_ms = start_ns / 1000000ull;
    usrsctp_init_nothreads(0, conn_output, debug_printf);
    usrsctp_sysctl_set_sctp_vtag_time_wait(0);
    usrsctp_sysctl_set_sctp_blackhole(0);
    usrsctp_register_address(CONN_ADDRESS);
    startup_draws = rng_draws;
}

static int initialize(uint64_t seed, uint64_t start_ns, uint16_t local_port, uint16_t peer_port) {
    start_stack(seed, start_ns);
    return open_socket(local_port, peer_port);
}

/* Closes the socket and runs the timers until no callout is pending (at most an hour of virtual
 * time), dropping every reply. Returns 0, or EBUSY when callouts were still pending. */
static int quiesce(void) {
    size_t kept = out_length;
    if (sock != NULL) {
        usrsctp_close(sock);
        sock = NULL;
    }
    uint64_t limit = ticks_ms + 3600ull * 1000ull;
    while (pending_count > 0 && ticks_ms < limit) {
        uint64_t due = next_due_tick();
        if (due <= ticks_ms) { due = ticks_ms + 1; }
        jump_to_tick(due < limit ? due : limit);
    }
    out_length = kept;
    partial_length = 0;
    return pending_count > 0 ? EBUSY : 0;
}

/* RESET: the state INIT with these arguments gives in a new process (see the header comment). */
static int reset(uint64_t seed, uint64_t start_ns, uint16_t local_port, uint16_t peer_port) {
    int error = quiesce();
    if (error != 0) { return error; }
    seed_random(seed);
    while (rng_draws < startup_draws) { (void)xoshiro_next(); }
    pending_count = 0;
    now_ns = start_ns;
    ticks_ms = start_ns / 1000000ull;
    return open_socket(local_port, peer_port);
}

/* ------------------------------------------------------------------ protocol errors */

static void protocol_error(const char *message) {
    reply_result(EPROTO, message);
    flush_replies();
    fprintf(stderr, "sctpconform-usrsctp: %s\n", message);
    exit(3);
}

#include "sctpconform-usrsctp-ceiling.c"
#include "sctpconform-usrsctp-hooks.c"

/* ------------------------------------------------------------------ stack commands */

/* DELIVER, ADVANCE, RUN and ACTION: what they do to the stack (also replayed by the fuzz restore).
 * Returns the errno for RESULT, or MALFORMED. */
static int stack_command(uint8_t type, struct reader *r) {
    uint64_t at = take_uint(r, 8);
    if (r->bad) { return MALFORMED; }
    switch (type) {
    case CMD_DELIVER:
        advance_to(at);
        deliver_from_harness(r->bytes + r->offset, r->length - r->offset);
        return 0;
    case CMD_ADVANCE:
        advance_to(at);
        return 0;
    case CMD_RUN:
        run_to_output(at);
        return 0;
    default:
        advance_to(at);
        return perform_action(r);
    }
}

#include "sctpconform-usrsctp-fuzz.c"

/* ------------------------------------------------------------------ main loop */

int main(int argc, char **argv) {
    int initialized = 0;
    if (argc == 3 && strcmp(argv[1], "--ceiling") == 0) { return run_ceiling(atol(argv[2])); }
    signal(SIGPIPE, SIG_IGN); /* a vanished harness is seen as EPIPE, and the helper exits cleanly */
    watch_outside_signals();
    crash_on_chunk = hook_from_environment("SCTPCONFORM_TEST_CRASH_ON_CHUNK");
    hang_on_chunk = hook_from_environment("SCTPCONFORM_TEST_HANG_ON_CHUNK");
    deaf_on_chunk = hook_from_environment("SCTPCONFORM_TEST_DEAF_ON_CHUNK");
    plant_bugs_from_environment();
    for (;;) {
        if (fill_input(4) < 0) {
            return 0; /* the harness closed the channel */
        }
        const uint8_t *header = in_buffer + in_start;
        uint32_t length = (uint32_t)header[0] << 24 | (uint32_t)header[1] << 16 | header[2] << 8 | header[3];
        if (length == 0 || length > MAX_FRAME) { protocol_error("frame length out of range"); }
        if (fill_input(4 + (size_t)length) < 0) { return 0; }
        /* The frame stays in in_buffer until the next command is read: nothing below reads the channel. */
        uint8_t *frame = in_buffer + in_start + 4;
        in_start += 4 + (size_t)length;
        if (in_start == in_end) { in_start = in_end = 0; }
        struct reader r = {frame + 1, length - 1, 0, 0};
        uint8_t type = frame[0];
        if (type != CMD_INIT && type != CMD_RESET && type != CMD_QUIT && !initialized) {
            protocol_error("command before INIT");
        }
        int error = 0;
        switch (type) {
        case CMD_INIT:
        case CMD_RESET: {
            uint64_t seed = take_uint(&r, 8), start = take_uint(&r, 8);
            uint16_t local_port = (uint16_t)take_uint(&r, 2), peer_port = (uint16_t)take_uint(&r, 2);
            if (r.bad) { protocol_error(type == CMD_INIT ? "short INIT" : "short RESET"); }
            if (type == CMD_INIT && initialized) { protocol_error("second INIT"); }
            remember_init(seed, start, local_port, peer_port);
            hold_mode = -1;
            if (initialized) {
                error = reset(seed, start, local_port, peer_port);
            } else {
                initialized = 1;
                error = initialize(seed, start, local_port, peer_port);
            }
            reset_planted_bugs();
            break;
        }
        case CMD_DELIVER:
        case CMD_ADVANCE:
        case CMD_RUN:
        case CMD_ACTION:
            error = stack_command(type, &r);
            if (error == MALFORMED) { protocol_error("short or malformed command"); }
            journal_command(frame, length);
            break;
        case CMD_HOLD:
            error = hold(&r);
            if (error == MALFORMED) { protocol_error("malformed HOLD"); }
            break;
        case CMD_BATCH:
            error = run_batch(&r);
            if (error == MALFORMED) { protocol_error("malformed BATCH"); }
            break;
        case CMD_QUIT:
            reply_result(0, "bye");
            flush_replies();
            return 0;
        default:
            protocol_error("unknown command");
        }
        reply_result(error, error ? strerror(error) : "");
        flush_replies();
    }
}
