/*
 * sctpconform-usrsctp: pending callouts and timer jumps.
 *
 * Which of usrsctp's callouts are pending and when each is due, learnt from every start and stop
 * (wrapped at link time), so the helper can jump to the next due timer (see the timer paragraph of
 * sctpconform-usrsctp.c's header comment). Included by sctpconform-usrsctp.c, whose statics it uses.
 */

/* usrsctp's callout type is opaque here: only its address matters. */
struct sctp_callout;
int __real_sctp_os_timer_start(struct sctp_callout *c, uint32_t to_ticks, void (*ftn)(void *), void *arg);
int __real_sctp_os_timer_stop(struct sctp_callout *c);

struct pending_callout {
    const struct sctp_callout *callout;
    uint64_t due_tick; /* in ticks_ms's count */
};

static struct pending_callout *pending;
static size_t pending_count, pending_capacity;

static void forget_callout(const struct sctp_callout *c) {
    for (size_t i = 0; i < pending_count; i++) {
        if (pending[i].callout == c) {
            pending[i] = pending[--pending_count];
            return;
        }
    }
}

int __wrap_sctp_os_timer_start(struct sctp_callout *c, uint32_t to_ticks, void (*ftn)(void *), void *arg) {
    if (c != NULL && ftn != NULL) {
        uint64_t due = ticks_ms + (to_ticks == 0 ? 1 : to_ticks);
        size_t i = 0;
        while (i < pending_count && pending[i].callout != c) { i++; }
        if (i == pending_count) {
            if (pending_count == pending_capacity) {
                size_t capacity = pending_capacity ? pending_capacity * 2 : 64;
                struct pending_callout *grown = realloc(pending, capacity * sizeof(*pending));
                if (grown == NULL) {
                    fprintf(stderr, "sctpconform-usrsctp: out of memory\n");
                    exit(4);
                }
                pending = grown;
                pending_capacity = capacity;
            }
            pending[pending_count++].callout = c;
        }
        pending[i].due_tick = due;
    }
    return __real_sctp_os_timer_start(c, to_ticks, ftn, arg);
}

int __wrap_sctp_os_timer_stop(struct sctp_callout *c) {
    forget_callout(c);
    return __real_sctp_os_timer_stop(c);
}

/* The earliest due tick of a pending callout, or UINT64_MAX. */
static uint64_t next_due_tick(void) {
    uint64_t earliest = UINT64_MAX;
    for (size_t i = 0; i < pending_count; i++) {
        if (pending[i].due_tick < earliest) { earliest = pending[i].due_tick; }
    }
    return earliest;
}

/* Drops the callouts due by `tick`: they fired (one re-armed since has a later due tick). */
static void forget_fired(uint64_t tick) {
    size_t i = 0;
    while (i < pending_count) {
        if (pending[i].due_tick <= tick) {
            pending[i] = pending[--pending_count];
        } else {
            i++;
        }
    }
}

/* Hands usrsctp the ticks up to `tick` in one call (in slices of at most 2^30, so its 32-bit serial
 * comparisons stay sound), the clock standing at that boundary. */
static void jump_to_tick(uint64_t tick) {
    while (ticks_ms < tick) {
        uint64_t delta = tick - ticks_ms;
        if (delta > (1ull << 30)) { delta = 1ull << 30; }
        ticks_ms += delta;
        now_ns = ticks_ms * 1000000ull;
        usrsctp_handle_timers((uint32_t)delta);
        forget_fired(ticks_ms);
    }
}
