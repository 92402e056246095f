/*
 * sctpconform-usrsctp: outside signals and test-only hooks.
 *
 * Ended from outside: SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1 and SIGUSR2 are reported on stderr
 * ("killed by signal N from pid P (name)") before the helper dies of them, so the harness can tell an
 * outside kill from a crash of the stack.
 *
 * Test-only hooks (never set them outside tests): SCTPCONFORM_TEST_CRASH_ON_CHUNK=T makes the helper
 * abort() when a delivered packet holds a chunk of type T (decimal); SCTPCONFORM_TEST_HANG_ON_CHUNK=T
 * makes it stop answering (sleep) instead.
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

static int crash_on_chunk = -1, hang_on_chunk = -1; /* test-only hooks (see the header comment) */

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
}
