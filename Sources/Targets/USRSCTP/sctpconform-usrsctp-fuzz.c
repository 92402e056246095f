/*
 * sctpconform-usrsctp: the fuzz commands (HOLD, BATCH) and coverage feedback.
 *
 * HOLD keeps the stack's state as it stands (after the harness took it through a prefix); each
 * input of a BATCH then starts from that state again, restored inside the helper. The helper keeps a
 * journal of the stack commands (DELIVER, ADVANCE, RUN, ACTION) since the last INIT or RESET; usrsctp
 * on virtual time is deterministic, so RESET with INIT's arguments and a replay of the journal give
 * the held state again, byte for byte (tags, TSNs, timers, generator). Measured on a loaded 2-core
 * machine, that replay (tens of microseconds for a handshake) is several times cheaper than a fork
 * per input (about 330 us each), so forks serve only to isolate crashes:
 *
 *   One child runs the batch, the holder never runs the stack again; the next child starts from
 *   the held state. Before each input after its first, the child restores: in mode 0 (a prefix,
 *   typically an association) always by reset and replay; in mode 1 (out of the blue: the socket
 *   listening, no association) by reset and replay only after an input that left state behind (an
 *   association, a timer, a moved clock, an action, an INIT ACK: its tag and TSN come from the
 *   endpoint's random store), otherwise by putting back the generator's state.
 *
 * The child records in shared memory which input it is running and, for each finished one, its
 * replies; when it dies (a crash), the holder reports that input as failed and goes on with the next
 * one in a new child. The holder is also the watchdog (no timer call per input in the child): it
 * waits for the child in slices of the per-input limit and kills it when the same input was running
 * at the ends of two slices with nothing finished in between: that input is reported hung (it ran
 * longer than the limit; it is caught within twice the limit).
 *
 * Liveness: with a probe packet (HOLD), the child delivers it after an input and looks for an answer
 * to the probe's port among what the stack sends (the probe's own replies are not the input's). An
 * input's effect on the stack lasts until the next full restore, so the stack is probed before every
 * full restore (in mode 0: after every input), after every probe_every inputs, and after the child's
 * last one: no input's effect is wiped unprobed. A probe that is not answered after input k, when
 * several inputs ran since the last full restore, is attributed: each of them is run again alone from
 * the held state and probed, and the first that silences the stack alone is reported (liveness 2);
 * when none does alone, input k is (they did it together).
 *
 * Coverage: when libusrsctp.a is built with -fsanitize-coverage=trace-pc-guard, the callbacks below
 * number its edges (1..N, in module order, so stable for one build) and OUTCOME lists the edges each
 * input hit. Without instrumentation no edge is ever reported.
 *
 * Included by sctpconform-usrsctp.c (after the commands it reuses), whose statics it uses.
 */
#include <sys/mman.h>
#include <sys/wait.h>
#include <sys/time.h>
#include <signal.h>
#include <time.h>

enum { STEP_PACKET = 1, STEP_ADVANCE = 2, STEP_ACTION = 3 };
enum { OUTCOME_DONE = 0, OUTCOME_CRASHED = 1, OUTCOME_HUNG = 2, OUTCOME_EXITED = 3 };
enum { HOLD_PREFIX = 0, HOLD_OUT_OF_THE_BLUE = 1 };
#define NO_ASSOCIATION 0xffffu
#define SHARED_BYTES (64u * 1024u * 1024u)
#define SHARED_SLACK (4u * 1024u * 1024u) /* a child stops before an input when less than this is left */

/* ------------------------------------------------------------------ coverage (trace-pc-guard) */

static uint32_t coverage_edges;     /* guards numbered so far */
static uint8_t *coverage_seen;      /* per edge: hit during the current input */
static uint32_t *coverage_hits;     /* the edges hit during the current input, in first-hit order */
static uint32_t coverage_hit_count;

void __sanitizer_cov_trace_pc_guard_init(uint32_t *start, uint32_t *stop) {
    if (start == stop || *start != 0) { return; }
    for (uint32_t *guard = start; guard < stop; guard++) { *guard = ++coverage_edges; }
    uint8_t *seen = realloc(coverage_seen, (size_t)coverage_edges + 1);
    uint32_t *hits = realloc(coverage_hits, ((size_t)coverage_edges + 1) * sizeof(uint32_t));
    if (seen == NULL || hits == NULL) {
        fprintf(stderr, "sctpconform-usrsctp: out of memory\n");
        exit(4);
    }
    coverage_seen = seen;
    coverage_hits = hits;
    memset(coverage_seen, 0, (size_t)coverage_edges + 1);
    coverage_hit_count = 0;
}

void __sanitizer_cov_trace_pc_guard(uint32_t *guard) {
    uint32_t edge = *guard;
    if (edge == 0 || coverage_seen == NULL || coverage_seen[edge]) { return; }
    coverage_seen[edge] = 1;
    coverage_hits[coverage_hit_count++] = edge;
}

static void coverage_forget(void) {
    for (uint32_t i = 0; i < coverage_hit_count; i++) { coverage_seen[coverage_hits[i]] = 0; }
    coverage_hit_count = 0;
}

/* ------------------------------------------------------------------ held state */

static int hold_mode = -1;
static uint32_t hold_limit_ms;
static uint8_t *probe_packet;       /* the liveness probe (HOLD), or NULL */
static uint32_t probe_length, probe_every;
#define MAX_PROBE_EVERY 4096u
static uint64_t hold_ns, hold_rng[4], hold_draws;
static size_t hold_pending;
static uint64_t init_seed, init_start; /* what INIT/RESET last set (an out-of-the-blue restore) */
static uint16_t init_local_port, init_peer_port;

/* What a child leaves for the holder: which input it runs, how many it finished, their records. */
struct shared_progress {
    volatile uint32_t running;  /* index of the input being run */
    volatile uint32_t finished; /* inputs whose records are complete */
    volatile uint64_t used;     /* bytes of records */
    volatile int64_t words_from; /* where the running input's stderr starts in the child's stderr file */
    uint8_t records[];          /* per input: reply frames (PACKET, EVENT, OUTCOME) as on the channel */
};
static struct shared_progress *shared;
static int child_stderr = -1; /* the child's stderr, per input: the last words of an input that died */
#define LAST_WORDS_MAX 4096

/* The stack commands since the last INIT or RESET, as frames (type byte onward, u32 length first). */
static uint8_t *journal;
static size_t journal_length, journal_capacity, hold_journal_length;

static void journal_command(const uint8_t *frame, uint32_t length) {
    if (journal_length + 4 + length > journal_capacity) {
        size_t capacity = journal_capacity ? journal_capacity : 4096;
        while (capacity < journal_length + 4 + length) { capacity *= 2; }
        uint8_t *grown = realloc(journal, capacity);
        if (grown == NULL) {
            fprintf(stderr, "sctpconform-usrsctp: out of memory\n");
            exit(4);
        }
        journal = grown;
        journal_capacity = capacity;
    }
    memcpy(journal + journal_length, &length, 4);
    memcpy(journal + journal_length + 4, frame, length);
    journal_length += 4 + length;
    hold_mode = -1; /* a command after HOLD moves the stack away from the held state */
}

static void remember_init(uint64_t seed, uint64_t start, uint16_t local_port, uint16_t peer_port) {
    journal_length = 0;
    init_seed = seed;
    init_start = start;
    init_local_port = local_port;
    init_peer_port = peer_port;
}

/* HOLD: u8 mode, u32 per-input real-time limit in ms [, u32 probe_every, u32 length, probe packet]. */
static int hold(struct reader *r) {
    uint8_t mode = (uint8_t)take_uint(r, 1);
    uint32_t limit = (uint32_t)take_uint(r, 4);
    uint32_t every = 0, length = 0;
    const uint8_t *probe = NULL;
    if (!r->bad && r->offset < r->length) {
        every = (uint32_t)take_uint(r, 4);
        length = (uint32_t)take_uint(r, 4);
        probe = take(r, length);
        if (length < 16) { r->bad = 1; } /* a common header and at least one chunk header */
    }
    if (r->bad || mode > HOLD_OUT_OF_THE_BLUE) { return MALFORMED; }
    free(probe_packet);
    probe_packet = NULL;
    probe_length = 0;
    if (probe != NULL) {
        probe_packet = malloc(length);
        if (probe_packet == NULL) { return ENOMEM; }
        memcpy(probe_packet, probe, length);
        probe_length = length;
    }
    probe_every = every == 0 ? 64 : (every > MAX_PROBE_EVERY ? MAX_PROBE_EVERY : every);
    if (sock == NULL) { return EBADF; }
    if (shared == NULL) {
        void *region = mmap(NULL, SHARED_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE,
                            -1, 0);
        if (region == MAP_FAILED) { return errno; }
        shared = region;
    }
    if (child_stderr < 0) {
        child_stderr = memfd_create("sctpconform-usrsctp-child-stderr", 0);
        if (child_stderr < 0) { return errno; }
    }
    hold_mode = mode;
    hold_journal_length = journal_length;
    hold_limit_ms = limit == 0 ? 1000 : limit;
    hold_ns = now_ns;
    memcpy(hold_rng, rng_state, sizeof(hold_rng));
    hold_draws = rng_draws;
    hold_pending = pending_count;
    if (coverage_seen != NULL) { coverage_forget(); }
    return 0;
}

/* ------------------------------------------------------------------ one input, in a child */

/* The association state by usrsctp's SCTP_STATUS (sstat_state), or NO_ASSOCIATION. */
static uint16_t association_state(void) {
    sctp_assoc_t id = current_association();
    if (id == 0) { return NO_ASSOCIATION; }
    struct sctp_status status;
    memset(&status, 0, sizeof(status));
    status.sstat_assoc_id = id;
    socklen_t length = sizeof(status);
    if (usrsctp_getsockopt(sock, IPPROTO_SCTP, SCTP_STATUS, &status, &length) < 0) { return NO_ASSOCIATION; }
    return (uint16_t)status.sstat_state;
}

/* How many associations the socket has (any peer port): state an out-of-the-blue input left. */
static uint32_t association_count(void) {
    if (sock == NULL) { return 0; }
    uint32_t count = 0;
    socklen_t length = sizeof(count);
    if (usrsctp_getsockopt(sock, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER, &count, &length) < 0) { return 1; }
    return count;
}

/* Whether a PACKET frame in the reply buffer holds a chunk of `type`. */
static int replies_hold_chunk(uint8_t type) {
    size_t offset = 0;
    while (offset + 5 <= out_length) {
        const uint8_t *frame = out_buffer + offset;
        uint32_t length = (uint32_t)frame[0] << 24 | (uint32_t)frame[1] << 16 | frame[2] << 8 | frame[3];
        if (frame[4] == REPLY_PACKET && length >= 9 && holds_chunk(frame + 13, length - 9, type)) { return 1; }
        offset += 4 + (size_t)length;
    }
    return 0;
}

#define MAX_REPORTED_ACTIONS 256
static int32_t action_errnos[MAX_REPORTED_ACTIONS]; /* what the current input's actions returned */
static uint32_t action_count;
#define MAX_REPORTED_STEPS 1024
static uint32_t step_packets[MAX_REPORTED_STEPS]; /* the input's packets sent when each step was done */
static uint32_t step_count, input_first_packet;

/* Runs one input's steps (already checked by parse_batch). Returns 1 when it acted or moved the clock. */
static int run_steps(const uint8_t *bytes, size_t length) {
    struct reader r = {bytes, length, 0, 0};
    int stateful = 0;
    input_first_packet = packets_sent;
    step_count = 0;
    while (r.offset < r.length) {
        uint8_t kind = (uint8_t)take_uint(&r, 1);
        if (kind == STEP_ADVANCE) {
            uint32_t ms = (uint32_t)take_uint(&r, 4);
            advance_to(now_ns + (uint64_t)ms * 1000000ull);
            stateful = 1;
        } else {
            uint32_t size = (uint32_t)take_uint(&r, 4);
            const uint8_t *body = take(&r, size);
            if (kind == STEP_PACKET) {
                deliver_from_harness(body, size);
            } else {
                struct reader action = {body, size, 0, 0};
                int error = perform_action(&action);
                if (action_count < MAX_REPORTED_ACTIONS) {
                    action_errnos[action_count++] = error == MALFORMED ? EINVAL : error;
                }
                stateful = 1;
            }
        }
        if (step_count < MAX_REPORTED_STEPS) { step_packets[step_count] = packets_sent - input_first_packet; }
        step_count += 1;
    }
    return stateful;
}

/* Appends the current input's replies and its OUTCOME (liveness 0: not probed) to the shared records;
 * returns where in the records its liveness byte is. */
static uint64_t record_outcome(uint32_t index, uint8_t status, uint32_t detail, uint16_t state) {
    size_t frame = begin_frame(REPLY_OUTCOME);
    put_u32(index);
    put_u8(status);
    put_u32(detail);
    put_u16(state);
    size_t liveness = out_length;
    put_u8(0);
    put_u32(coverage_hit_count);
    for (uint32_t i = 0; i < coverage_hit_count; i++) { put_u32(coverage_hits[i]); }
    put_u32(action_count);
    for (uint32_t i = 0; i < action_count; i++) { put_u32((uint32_t)action_errnos[i]); }
    action_count = 0;
    uint32_t steps = step_count < MAX_REPORTED_STEPS ? step_count : MAX_REPORTED_STEPS;
    put_u32(steps);
    for (uint32_t i = 0; i < steps; i++) { put_u32(step_packets[i]); }
    step_count = 0;
    put_u32(0); /* no last words */
    end_frame(frame);
    if (coverage_seen != NULL) { coverage_forget(); }
    uint64_t at = shared->used + liveness;
    memcpy(shared->records + shared->used, out_buffer, out_length);
    shared->used += out_length;
    out_length = 0;
    shared->finished += 1;
    return at;
}

/* Delivers the liveness probe and says whether the stack answered it (a packet to the probe's source
 * port). The probe is the harness's instrument, not an input: the test hooks and planted bugs do not
 * look at it (a deaf stack stays deaf to it). What it made the stack send, its coverage and its events
 * are dropped. */
static int probe_answered(void) {
    size_t before = out_length;
    deliver_to_stack(probe_packet, probe_length);
    int answered = 0;
    size_t offset = before;
    while (offset + 5 <= out_length) {
        const uint8_t *frame = out_buffer + offset;
        uint32_t length = (uint32_t)frame[0] << 24 | (uint32_t)frame[1] << 16 | frame[2] << 8 | frame[3];
        /* PACKET: u64 time, then the packet: its destination port is at bytes 2 and 3. */
        if (frame[4] == REPLY_PACKET && length >= 9 + 4 && frame[15] == probe_packet[0]
            && frame[16] == probe_packet[1]) {
            answered = 1;
        }
        offset += 4 + (size_t)length;
    }
    out_length = before;
    if (coverage_seen != NULL) { coverage_forget(); }
    return answered;
}

/* Back to the held state: by reset and a replay of the journal when `full`, else (out of the blue,
 * nothing left behind) by putting back the generator's state. */
static void restore_held(int full) {
    if (full) {
        if (reset(init_seed, init_start, init_local_port, init_peer_port) != 0) { _exit(5); }
        reset_planted_bugs();
        size_t offset = 0;
        while (offset < hold_journal_length) {
            uint32_t length;
            memcpy(&length, journal + offset, 4);
            const uint8_t *frame = journal + offset + 4;
            struct reader r = {frame + 1, length - 1, 0, 0};
            (void)stack_command(frame[0], &r);
            offset += 4 + length;
        }
        out_length = 0;
        partial_length = 0;
        if (coverage_seen != NULL) { coverage_forget(); }
        if (now_ns != hold_ns || sock == NULL) { _exit(6); } /* the replay did not end where the hold was */
    }
    memcpy(rng_state, hold_rng, sizeof(hold_rng));
    rng_draws = hold_draws;
}

/* A probe after input `last` was not answered: which of the inputs [first, last] (run since the last
 * full restore) silences the stack alone from the held state? The first that does, else `last`. */
static uint32_t attribute_silence(const uint8_t **inputs, const uint32_t *lengths, uint32_t first, uint32_t last) {
    for (uint32_t j = first; j < last; j++) {
        restore_held(1);
        (void)run_steps(inputs[j], lengths[j]);
        out_length = 0;
        action_count = 0;
        step_count = 0;
        if (coverage_seen != NULL) { coverage_forget(); }
        if (!probe_answered()) { return j; }
    }
    return last;
}

/* The child's work: inputs [first, count), or fewer when the shared records fill up. */
static void run_child(const uint8_t **inputs, const uint32_t *lengths, uint32_t first, uint32_t count) {
    dup2(child_stderr, 2);
    out_length = 0;
    static uint64_t liveness_at[MAX_PROBE_EVERY]; /* the inputs since the last full restore: liveness bytes */
    uint32_t window_first = first;             /* the first of them */
    for (uint32_t k = first; k < count; k++) {
        if (SHARED_BYTES - sizeof(*shared) - shared->used < SHARED_SLACK) { break; }
        /* Where this input's last words start (one cheap call; the file is emptied when it grows). */
        off_t words = lseek(2, 0, SEEK_CUR);
        if (words > (off_t)(1u << 20)) {
            if (ftruncate(2, 0) != 0 || lseek(2, 0, SEEK_SET) != 0) { _exit(7); }
            words = 0;
        }
        shared->words_from = words < 0 ? 0 : words;
        shared->running = k;
        action_count = 0;
        int stateful = run_steps(inputs[k], lengths[k]);
        uint16_t state = association_state();
        /* Out of the blue, the next input needs a new stack only when time moved, an action was taken,
         * state was created, or an INIT ACK was sent (its tag and TSN come from the endpoint's random
         * store, which moves on). After a prefix, every input changes the association. */
        stateful = hold_mode == HOLD_PREFIX || stateful || association_count() > 0 || pending_count != hold_pending
            || sock == NULL || replies_hold_chunk(2);
        liveness_at[k - window_first] = record_outcome(k, OUTCOME_DONE, 0, state);
        int last = k + 1 == count || SHARED_BYTES - sizeof(*shared) - shared->used < SHARED_SLACK;
        if (probe_packet != NULL && (stateful || last || k + 1 - window_first >= probe_every)) {
            if (probe_answered()) {
                shared->records[liveness_at[k - window_first]] = 1;
            } else {
                uint32_t silencer = k == window_first ? k : attribute_silence(inputs, lengths, window_first, k);
                shared->records[liveness_at[silencer - window_first]] = 2;
            }
            stateful = 1; /* a probe changes the stack; and the window starts again */
        }
        if (!last) { restore_held(stateful); }
        if (stateful) { window_first = k + 1; }
    }
    _exit(0);
}

/* ------------------------------------------------------------------ BATCH, in the holder */

/* BATCH: u32 count, then per input u32 length and its steps (u8 kind: 1 packet u32 length bytes,
 * 2 advance u32 ms, 3 action u32 length and ACTION's arguments). Fills inputs/lengths; -1 if malformed. */
static int parse_batch(struct reader *r, const uint8_t ***inputs, uint32_t **lengths, uint32_t *count) {
    uint32_t n = (uint32_t)take_uint(r, 4);
    if (r->bad || n > r->length) { return -1; }
    const uint8_t **starts = malloc(((size_t)n + 1) * sizeof(*starts));
    uint32_t *sizes = malloc(((size_t)n + 1) * sizeof(*sizes));
    if (starts == NULL || sizes == NULL) {
        fprintf(stderr, "sctpconform-usrsctp: out of memory\n");
        exit(4);
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t size = (uint32_t)take_uint(r, 4);
        const uint8_t *body = take(r, size);
        struct reader steps = {body, size, 0, r->bad};
        while (!steps.bad && steps.offset < steps.length) {
            uint8_t kind = (uint8_t)take_uint(&steps, 1);
            if (kind == STEP_ADVANCE) {
                (void)take_uint(&steps, 4);
            } else if (kind == STEP_PACKET || kind == STEP_ACTION) {
                (void)take(&steps, (size_t)take_uint(&steps, 4));
            } else {
                steps.bad = 1;
            }
        }
        if (steps.bad) {
            free(starts);
            free(sizes);
            return -1;
        }
        starts[i] = body;
        sizes[i] = size;
    }
    *inputs = starts;
    *lengths = sizes;
    *count = n;
    return 0;
}

/* Forwards a child's finished records to the reply buffer. */
static void forward_records(void) {
    put_bytes(shared->records, shared->used);
}

/* Waits for the child (SIGCHLD blocked), watching its progress: when the same input was running at
 * the ends of two slices of hold_limit_ms with nothing finished in between, it is killed as hung. */
static void wait_watching(pid_t child, int *status, int *hung) {
    sigset_t children;
    sigemptyset(&children);
    sigaddset(&children, SIGCHLD);
    struct timespec slice = {hold_limit_ms / 1000, (long)(hold_limit_ms % 1000) * 1000000L};
    uint32_t seen_running = UINT32_MAX, seen_finished = UINT32_MAX;
    for (;;) {
        pid_t done = waitpid(child, status, WNOHANG);
        if (done == child || (done < 0 && errno != EINTR)) { return; }
        if (done == 0 && sigtimedwait(&children, NULL, &slice) < 0 && errno == EAGAIN) {
            uint32_t running = shared->running, finished = shared->finished;
            if (running == seen_running && finished == seen_finished) {
                kill(child, SIGKILL);
                while (waitpid(child, status, 0) < 0 && errno == EINTR) {}
                *hung = 1;
                return;
            }
            seen_running = running;
            seen_finished = finished;
        }
    }
}

/* status -1: the watchdog killed the child (hung). */
static void report_failure(uint32_t index, int status) {
    uint8_t kind = OUTCOME_EXITED;
    uint32_t detail = 0;
    if (status == -1) {
        kind = OUTCOME_HUNG;
        detail = SIGKILL;
    } else if (WIFSIGNALED(status)) {
        detail = (uint32_t)WTERMSIG(status);
        kind = WTERMSIG(status) == SIGALRM ? OUTCOME_HUNG : OUTCOME_CRASHED;
    } else if (WIFEXITED(status)) {
        detail = (uint32_t)WEXITSTATUS(status);
    }
    /* The input's last words: what the child wrote on its stderr since the input began (also passed on
     * to the helper's own stderr). */
    static char words[LAST_WORDS_MAX];
    ssize_t said = pread(child_stderr, words, sizeof(words), (off_t)shared->words_from);
    if (said < 0) { said = 0; }
    if (said > 0) { (void)!write(2, words, (size_t)said); }
    size_t frame = begin_frame(REPLY_OUTCOME);
    put_u32(index);
    put_u8(kind);
    put_u32(detail);
    put_u16(NO_ASSOCIATION);
    put_u8(0);
    put_u32(0);
    put_u32(0);
    put_u32(0);
    put_u32((uint32_t)said);
    put_bytes(words, (size_t)said);
    end_frame(frame);
}

static int run_batch(struct reader *r) {
    if (hold_mode < 0) { return ENOTCONN; }
    const uint8_t **inputs;
    uint32_t *lengths, count;
    if (parse_batch(r, &inputs, &lengths, &count) < 0) { return MALFORMED; }
    uint32_t next = 0;
    /* SIGCHLD is blocked during the batch: the watchdog waits for it with a timeout. */
    sigset_t children, previous;
    sigemptyset(&children);
    sigaddset(&children, SIGCHLD);
    sigprocmask(SIG_BLOCK, &children, &previous);
    while (next < count) {
        shared->running = next;
        shared->finished = 0;
        shared->used = 0;
        shared->words_from = 0;
        fflush(stderr);
        if (ftruncate(child_stderr, 0) != 0 || lseek(child_stderr, 0, SEEK_SET) != 0) {
            sigprocmask(SIG_SETMASK, &previous, NULL);
            free(inputs);
            free(lengths);
            return errno;
        }
        pid_t child = fork();
        if (child < 0) {
            int error = errno;
            sigprocmask(SIG_SETMASK, &previous, NULL);
            free(inputs);
            free(lengths);
            return error;
        }
        if (child == 0) {
            sigprocmask(SIG_SETMASK, &previous, NULL);
            run_child(inputs, lengths, next, count);
        }
        int status = 0, hung = 0;
        wait_watching(child, &status, &hung);
        forward_records();
        next += shared->finished;
        int clean = !hung && WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (!clean) {
            report_failure(shared->running, hung ? -1 : status);
            next = shared->running + 1;
            flush_replies(); /* what was found so far reaches the harness before the next (maybe slow) child */
        }
    }
    sigprocmask(SIG_SETMASK, &previous, NULL);
    free(inputs);
    free(lengths);
    return 0;
}
