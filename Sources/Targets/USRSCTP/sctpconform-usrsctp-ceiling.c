/*
 * sctpconform-usrsctp: the in-process ceiling.
 *
 * `sctpconform-usrsctp --ceiling N` does not speak the protocol: it runs N times, in this one
 * process with no harness, the exchange of Scenarios/handshake.yaml between two usrsctp endpoints
 * over AF_CONN (a server with a 5 s heartbeat interval; the client sets up the association, sends
 * "Send message", gets "reply", answers the server's HEARTBEAT, sends one HEARTBEAT of its own and
 * shuts down), on the same virtual clock with the same timer jumps, each run on new sockets after a
 * reset as RESET makes it; it prints "ceiling N runs NS ns PACKETS packets" (real time) and exits.
 *
 * Included by sctpconform-usrsctp.c, whose statics it uses.
 */

/* Packets in flight between the two endpoints of --ceiling, delivered in order. */
struct queued_packet {
    uint8_t *bytes;
    size_t length;
};
static struct queued_packet *flight;
static size_t flight_head, flight_count, flight_capacity;
static uint64_t ceiling_packets, ceiling_heartbeats;

static void ceiling_enqueue(const void *buffer, size_t length) {
    if (flight_count == flight_capacity) {
        size_t capacity = flight_capacity ? flight_capacity * 2 : 64;
        struct queued_packet *grown = realloc(flight, capacity * sizeof(*flight));
        if (grown == NULL) { exit(4); }
        flight = grown;
        flight_capacity = capacity;
    }
    uint8_t *copy = malloc(length);
    if (copy == NULL) { exit(4); }
    memcpy(copy, buffer, length);
    if (length > 12 && ((const uint8_t *)buffer)[12] == 4) { ceiling_heartbeats += 1; }
    flight[flight_count++] = (struct queued_packet){copy, length};
    ceiling_packets += 1;
}

/* Delivers every packet in flight, and those they cause, until none is left. */
static void ceiling_pump(void) {
    while (flight_head < flight_count) {
        struct queued_packet packet = flight[flight_head++];
        usrsctp_conninput(CONN_ADDRESS, packet.bytes, packet.length, 0);
        free(packet.bytes);
    }
    flight_head = flight_count = 0;
    out_length = 0; /* notifications and messages: not needed here */
}

/* Runs the timers to the next due callout (not past `limit_tick`) and delivers what they sent. */
static void ceiling_next_timer(uint64_t limit_tick) {
    uint64_t due = next_due_tick();
    if (due <= ticks_ms) { due = ticks_ms + 1; }
    jump_to_tick(due < limit_tick ? due : limit_tick);
    ceiling_pump();
}

static struct socket *ceiling_socket(uint16_t port) {
    struct socket *s = usrsctp_socket(AF_CONN, SOCK_SEQPACKET, IPPROTO_SCTP, receive_cb, NULL, 0, NULL);
    if (s == NULL) { return NULL; }
    usrsctp_set_non_blocking(s, 1);
    struct socket *saved = sock;
    sock = s;
    subscribe_events();
    sock = saved;
    struct sockaddr_conn local;
    memset(&local, 0, sizeof(local));
    local.sconn_family = AF_CONN;
    local.sconn_port = htons(port);
    local.sconn_addr = CONN_ADDRESS;
    if (usrsctp_bind(s, (struct sockaddr *)&local, sizeof(local)) < 0) { return NULL; }
    return s;
}

static int ceiling_send(struct socket *s, struct sockaddr_conn *to, const char *text, uint16_t flags) {
    struct sctp_sndinfo info;
    memset(&info, 0, sizeof(info));
    info.snd_flags = flags;
    static const char nothing[1];
    return usrsctp_sendv(s, text ? text : nothing, text ? strlen(text) : 0, (struct sockaddr *)to, 1, &info,
                         sizeof(info), SCTP_SENDV_SNDINFO, 0) < 0 ? -1 : 0;
}

/* One run of the handshake scenario's exchange between two in-process endpoints. */
static int ceiling_run(void) {
    struct socket *server = ceiling_socket(5001), *client = ceiling_socket(5000);
    if (server == NULL || client == NULL) { return -1; }
    struct sockaddr_conn server_address, client_address;
    memset(&server_address, 0, sizeof(server_address));
    server_address.sconn_family = AF_CONN;
    server_address.sconn_port = htons(5001);
    server_address.sconn_addr = CONN_ADDRESS;
    client_address = server_address;
    client_address.sconn_port = htons(5000);
    struct sctp_paddrparams heartbeat;
    memset(&heartbeat, 0, sizeof(heartbeat));
    ((struct sockaddr_conn *)&heartbeat.spp_address)->sconn_family = AF_CONN;
    heartbeat.spp_assoc_id = SCTP_FUTURE_ASSOC;
    heartbeat.spp_hbinterval = 5000;
    heartbeat.spp_flags = SPP_HB_ENABLE;
    if (usrsctp_setsockopt(server, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &heartbeat, sizeof(heartbeat)) < 0
        || usrsctp_listen(server, 1) < 0) {
        return -1;
    }
    if (usrsctp_connect(client, (struct sockaddr *)&server_address, sizeof(server_address)) < 0
        && errno != EINPROGRESS) {
        return -1;
    }
    ceiling_pump(); /* INIT .. COOKIE ACK */
    if (ceiling_send(client, &server_address, "Send message", 0) < 0) { return -1; }
    ceiling_pump(); /* DATA, SACK */
    if (ceiling_send(server, &client_address, "reply", 0) < 0) { return -1; }
    ceiling_pump(); /* DATA */
    uint64_t heartbeats = ceiling_heartbeats, limit = ticks_ms + 10000;
    while (ceiling_heartbeats == heartbeats && ticks_ms < limit) { ceiling_next_timer(limit); } /* SACK, HB, HB ACK */
    struct sctp_paddrparams demand;
    memset(&demand, 0, sizeof(demand));
    memcpy(&demand.spp_address, &server_address, sizeof(server_address));
    demand.spp_assoc_id = usrsctp_getassocid(client, (struct sockaddr *)&server_address);
    demand.spp_flags = SPP_HB_DEMAND;
    if (usrsctp_setsockopt(client, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &demand, sizeof(demand)) < 0) { return -1; }
    ceiling_pump(); /* HB, HB ACK */
    if (ceiling_send(client, &server_address, NULL, SCTP_EOF) < 0) { return -1; }
    ceiling_pump(); /* SHUTDOWN, SHUTDOWN ACK, SHUTDOWN COMPLETE */
    limit = ticks_ms + 1000; /* the quiet period */
    while (ticks_ms < limit) { ceiling_next_timer(limit); }
    usrsctp_close(client);
    usrsctp_close(server);
    while (pending_count > 0) { ceiling_next_timer(UINT64_MAX); }
    return 0;
}

/* --ceiling N: prints "ceiling N runs NS ns PACKETS packets" for N runs after one warm-up run. */
static int run_ceiling(long iterations) {
    if (iterations <= 0) {
        fprintf(stderr, "usage: sctpconform-usrsctp --ceiling ITERATIONS\n");
        return 2;
    }
    ceiling_mode = 1;
    start_stack(1, 0);
    if (ceiling_run() < 0) {
        fprintf(stderr, "sctpconform-usrsctp: the ceiling exchange failed: %s\n", strerror(errno));
        return 1;
    }
    ceiling_packets = 0;
    struct timespec started, ended;
    clock_gettime(CLOCK_MONOTONIC, &started);
    for (long i = 0; i < iterations; i++) {
        if (ceiling_run() < 0) {
            fprintf(stderr, "sctpconform-usrsctp: the ceiling exchange failed: %s\n", strerror(errno));
            return 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &ended);
    uint64_t elapsed = (uint64_t)(ended.tv_sec - started.tv_sec) * 1000000000ull + (uint64_t)ended.tv_nsec
        - (uint64_t)started.tv_nsec;
    printf("ceiling %ld runs %llu ns %llu packets\n", iterations, (unsigned long long)elapsed,
           (unsigned long long)ceiling_packets);
    return 0;
}
