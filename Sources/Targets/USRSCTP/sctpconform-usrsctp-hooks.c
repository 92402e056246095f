/*
 * sctpconform-usrsctp: outside signals and test-only hooks.
 *
 * Ended from outside: SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1 and SIGUSR2 are reported on stderr
 * ("killed by signal N from pid P (name)") before the helper dies of them, so the harness can tell an
 * outside kill from a crash of the stack.
 *
 * Test-only hooks (never set them outside tests): SCTPCONFORM_TEST_CRASH_ON_CHUNK=T makes the helper
 * abort() when a delivered packet holds a chunk of type T (decimal); SCTPCONFORM_TEST_HANG_ON_CHUNK=T
 * makes it stop answering (sleep) instead; SCTPCONFORM_TEST_DEAF_ON_CHUNK=T makes the stack deaf: that
 * packet and every later one are dropped before usrsctp sees them, until RESET (the helper itself goes
 * on answering commands, as a stack whose input path broke would).
 *
 * Planted bugs, for the fuzzer's own tests (never set outside tests): SCTPCONFORM_TEST_PLANTED_BUGS
 * names the bugs to plant, comma-separated (`all` for every one). Each aborts the helper on a stateful
 * input, so a fuzz campaign has to find the state and the input:
 *   reconfig-gap      after a RE-CONFIG chunk (RFC 6525) has been delivered, a DATA chunk whose TSN
 *                     leaves exactly one TSN missing above the highest DATA TSN delivered so far (or
 *                     above the initial TSN of the harness's INIT / INIT ACK before any DATA);
 *   shutdown-pending  in SHUTDOWN-PENDING (the application shut down with data still unacknowledged,
 *                     RFC 9260 §9.2; read from usrsctp's SCTP_STATUS), a packet whose first chunk is a
 *                     SACK and that bundles further chunks.
 * Their state is cleared by RESET.
 *
 * Included by sctpconform-usrsctp.c, whose statics it uses.
 */

static const int outside_signals[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};

/* Says on stderr which signal ended the helper and who sent it, then dies of it. */
static void report_outside_signal(int number, siginfo_t *info, void *context) {
    (void)context;
    char name[64] = "";
    char line[256];
    pid_t sender = info != NULL ? info->si_pid : 0;
    if (sender > 0) {
        char path[64];
        snprintf(path, sizeof(path), "/proc/%d/comm", (int)sender);
        FILE *comm = fopen(path, "r");
        if (comm != NULL) {
            if (fgets(name, sizeof(name), comm) == NULL) { name[0] = '\0'; }
            fclose(comm);
            name[strcspn(name, "\n")] = '\0';
        }
    }
    int length = sender > 0
        ? snprintf(line, sizeof(line), "sctpconform-usrsctp: killed by signal %d from pid %d (%s)\n", number,
                   (int)sender, name[0] ? name : "?")
        : snprintf(line, sizeof(line), "sctpconform-usrsctp: killed by signal %d\n", number);
    if (length > 0) { (void)!write(2, line, (size_t)length); }
    signal(number, SIG_DFL);
    raise(number);
}

static void watch_outside_signals(void) {
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_sigaction = report_outside_signal;
    action.sa_flags = SA_SIGINFO | SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < sizeof(outside_signals) / sizeof(outside_signals[0]); i++) {
        sigaction(outside_signals[i], &action, NULL);
    }
}

static int crash_on_chunk = -1, hang_on_chunk = -1, deaf_on_chunk = -1; /* test-only hooks (header comment) */
static int deaf; /* SCTPCONFORM_TEST_DEAF_ON_CHUNK's packet was delivered since INIT or RESET */

static int hook_from_environment(const char *name) {
    const char *value = getenv(name);
    if (value == NULL || *value == '\0') { return -1; }
    char *end;
    long type = strtol(value, &end, 10);
    return (*end == '\0' && type >= 0 && type <= 255) ? (int)type : -1;
}

/* Whether the packet (common header onward) holds a chunk of `type`. */
static int holds_chunk(const uint8_t *packet, size_t length, int type) {
    size_t offset = 12;
    while (offset + 4 <= length) {
        if (packet[offset] == type) { return 1; }
        size_t chunk_length = (size_t)packet[offset + 2] << 8 | packet[offset + 3];
        if (chunk_length < 4) { return 0; }
        offset += (chunk_length + 3) & ~(size_t)3;
    }
    return 0;
}

static void run_test_hooks(const uint8_t *packet, size_t length) {
    if (crash_on_chunk >= 0 && holds_chunk(packet, length, crash_on_chunk)) {
        fprintf(stderr, "sctpconform-usrsctp: test hook: aborting on a chunk of type %d\n", crash_on_chunk);
        abort();
    }
    if (hang_on_chunk >= 0 && holds_chunk(packet, length, hang_on_chunk)) {
        fprintf(stderr, "sctpconform-usrsctp: test hook: hanging on a chunk of type %d\n", hang_on_chunk);
        for (;;) { pause(); }
    }
    if (deaf_on_chunk >= 0 && !deaf && holds_chunk(packet, length, deaf_on_chunk)) {
        fprintf(stderr, "sctpconform-usrsctp: test hook: deaf from a chunk of type %d on\n", deaf_on_chunk);
        deaf = 1;
    }
}

/* ------------------------------------------------------------------ planted bugs (test only) */

static int planted_reconfig_gap, planted_shutdown_pending; /* which bugs are planted */
static int planted_reconfig_seen;                        /* reconfig-gap: a RE-CONFIG was delivered */
static int planted_tsn_known;                            /* reconfig-gap: planted_highest_tsn is set */
static uint32_t planted_highest_tsn;                     /* reconfig-gap: highest DATA TSN (or initial - 1) */

static int planted_named(const char *list, const char *name) {
    size_t length = strlen(name);
    for (const char *at = list; (at = strstr(at, name)) != NULL; at += length) {
        int starts = at == list || at[-1] == ',';
        int ends = at[length] == '\0' || at[length] == ',';
        if (starts && ends) { return 1; }
    }
    return 0;
}

static void plant_bugs_from_environment(void) {
    const char *list = getenv("SCTPCONFORM_TEST_PLANTED_BUGS");
    if (list == NULL || *list == '\0') { return; }
    int all = planted_named(list, "all");
    planted_reconfig_gap = all || planted_named(list, "reconfig-gap");
    planted_shutdown_pending = all || planted_named(list, "shutdown-pending");
}

/* RESET: the planted bugs' (and the deaf hook's) state of a new helper. */
static void reset_planted_bugs(void) {
    deaf = 0;
    planted_reconfig_seen = 0;
    planted_tsn_known = 0;
    planted_highest_tsn = 0;
}

static uint32_t planted_uint32(const uint8_t *bytes) {
    return (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 | bytes[3];
}

static int planted_in_shutdown_pending(void) {
    sctp_assoc_t id = current_association();
    if (sock == NULL || id == 0) { return 0; }
    struct sctp_status status;
    memset(&status, 0, sizeof(status));
    status.sstat_assoc_id = id;
    socklen_t length = (socklen_t)sizeof(status);
    if (usrsctp_getsockopt(sock, IPPROTO_SCTP, SCTP_STATUS, &status, &length) < 0) { return 0; }
    return status.sstat_state == SCTP_SHUTDOWN_PENDING;
}

static void planted_crash(const char *bug) {
    fprintf(stderr, "sctpconform-usrsctp: planted bug %s: aborting\n", bug);
    abort();
}

/* Looks at a packet (common header onward) before usrsctp does. */
static void run_planted_bugs(const uint8_t *packet, size_t length) {
    if (!planted_reconfig_gap && !planted_shutdown_pending) { return; }
    size_t offset = 12;
    int chunks = 0, sack_first = 0;
    while (offset + 4 <= length) {
        uint8_t type = packet[offset];
        size_t chunk_length = (size_t)packet[offset + 2] << 8 | packet[offset + 3];
        if (chunk_length < 4 || offset + chunk_length > length) { break; }
        if (chunks == 0 && type == 3) { sack_first = 1; }
        chunks++;
        if (planted_reconfig_gap) {
            if ((type == 1 || type == 2) && chunk_length >= 20) {
                planted_highest_tsn = planted_uint32(packet + offset + 16) - 1;
                planted_tsn_known = 1;
            } else if (type == 130) {
                planted_reconfig_seen = 1;
            } else if (type == 0 && chunk_length >= 8 && planted_tsn_known) {
                uint32_t tsn = planted_uint32(packet + offset + 4);
                if (planted_reconfig_seen && tsn == planted_highest_tsn + 2) { planted_crash("reconfig-gap"); }
                if ((int32_t)(tsn - planted_highest_tsn) > 0) { planted_highest_tsn = tsn; }
            }
        }
        offset += (chunk_length + 3) & ~(size_t)3;
    }
    if (planted_shutdown_pending && sack_first && chunks >= 2 && planted_in_shutdown_pending()) {
        planted_crash("shutdown-pending");
    }
}

/* usrsctp gets a packet (common header onward) unless the deaf hook drops it. */
static void deliver_to_stack(const uint8_t *packet, size_t length) {
    if (!deaf) { usrsctp_conninput(CONN_ADDRESS, packet, length, 0); }
}

/* A packet from the harness: the test hooks and planted bugs look at it, then the stack gets it. */
static void deliver_from_harness(const uint8_t *packet, size_t length) {
    run_test_hooks(packet, length);
    run_planted_bugs(packet, length);
    deliver_to_stack(packet, length);
}
