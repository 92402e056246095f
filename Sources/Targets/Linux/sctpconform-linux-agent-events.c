/*
 * What the application sees: SCTP notifications (RFC 6458 §6) and messages, written as `event`
 * lines (docs/agent-protocol.md). #included by sctpconform-linux-agent.c.
 */

/* Every notification the kernel has (RFC 6458 §6.2.2 SCTP_EVENT), on `fd`; 0 or an errno. */
static int subscribe_events(int fd) {
    static const uint16_t types[] = {
        SCTP_ASSOC_CHANGE, SCTP_PEER_ADDR_CHANGE, SCTP_REMOTE_ERROR, SCTP_SHUTDOWN_EVENT,
        SCTP_ADAPTATION_INDICATION, SCTP_PARTIAL_DELIVERY_EVENT, SCTP_AUTHENTICATION_EVENT,
        SCTP_STREAM_RESET_EVENT, SCTP_ASSOC_RESET_EVENT, SCTP_STREAM_CHANGE_EVENT, SCTP_SEND_FAILED_EVENT,
    };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        struct sctp_event subscription = {0, types[i], 1};
        if (setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &subscription, sizeof(subscription)) < 0) { return errno; }
    }
    int on = 1;
    if (setsockopt(fd, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof(on)) < 0) { return errno; }
    return 0;
}

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

/* RFC 6458 names, without the SCTP_ prefix, of the notifications without an event of their own. */
static const char *notification_name(uint16_t type) {
    switch (type) {
    case SCTP_PEER_ADDR_CHANGE: return "PEER_ADDR_CHANGE";
    case SCTP_ADAPTATION_INDICATION: return "ADAPTATION_INDICATION";
    case SCTP_PARTIAL_DELIVERY_EVENT: return "PARTIAL_DELIVERY_EVENT";
    case SCTP_AUTHENTICATION_EVENT: return "AUTHENTICATION_EVENT";
    case SCTP_SENDER_DRY_EVENT: return "SENDER_DRY_EVENT";
    case SCTP_STREAM_RESET_EVENT: return "STREAM_RESET_EVENT";
    case SCTP_ASSOC_RESET_EVENT: return "ASSOC_RESET_EVENT";
    case SCTP_STREAM_CHANGE_EVENT: return "STREAM_CHANGE_EVENT";
    case SCTP_SEND_FAILED: return "SEND_FAILED";
    default: return "UNKNOWN";
    }
}

static void report_notification(const union sctp_notification *n, size_t length) {
    if (length < sizeof(n->sn_header)) { return; }
    switch (n->sn_header.sn_type) {
    case SCTP_ASSOC_CHANGE:
        /* The association later commands act on (one-to-many: named by its id). */
        if (n->sn_assoc_change.sac_state == SCTP_COMM_UP || n->sn_assoc_change.sac_state == SCTP_RESTART) {
            assoc_id = n->sn_assoc_change.sac_assoc_id;
        } else if (n->sn_assoc_change.sac_assoc_id == assoc_id) {
            assoc_id = 0;
        }
        event("assoc-change %s %u %u", association_state(n->sn_assoc_change.sac_state),
              n->sn_assoc_change.sac_outbound_streams, n->sn_assoc_change.sac_inbound_streams);
        break;
    case SCTP_SHUTDOWN_EVENT: event("shutdown-received"); break;
    case SCTP_SEND_FAILED_EVENT: event("send-failed %u", n->sn_send_failed_event.ssf_error); break;
    case SCTP_REMOTE_ERROR: event("remote-error %u", ntohs(n->sn_remote_error.sre_error)); break;
    default: event("notification %s", notification_name(n->sn_header.sn_type)); break;
    }
}

/* Reads everything the application's socket holds: notifications become events, whole messages
 * (up to MSG_EOR) `event message` lines. A closed socket (EOF, error) is left for close/reset. */
static void drain_socket(void) {
    for (int reads = 0; assoc_fd >= 0 && reads < 256; reads++) {
        if (partial_capacity - partial_length < 65536) {
            size_t capacity = partial_capacity * 2 + 65536;
            uint8_t *grown = realloc(partial, capacity);
            if (grown == NULL) { exit(5); }
            partial = grown;
            partial_capacity = capacity;
        }
        char control[CMSG_SPACE(sizeof(struct sctp_rcvinfo))];
        struct iovec iov = {partial + partial_length, partial_capacity - partial_length};
        struct msghdr message = {0};
        message.msg_iov = &iov;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof(control);
        ssize_t got = recvmsg(assoc_fd, &message, MSG_DONTWAIT);
        if (got <= 0) { return; }
        if (message.msg_flags & MSG_NOTIFICATION) {
            /* A notification is read whole into the free space after a partial message. */
            report_notification((const union sctp_notification *)(partial + partial_length), (size_t)got);
            continue;
        }
        partial_length += (size_t)got;
        if (!(message.msg_flags & MSG_EOR)) { continue; }
        uint16_t stream = 0, flags = 0;
        uint32_t ppid = 0;
        for (struct cmsghdr *header = CMSG_FIRSTHDR(&message); header != NULL;
             header = CMSG_NXTHDR(&message, header)) {
            if (header->cmsg_level == IPPROTO_SCTP && header->cmsg_type == SCTP_RCVINFO) {
                const struct sctp_rcvinfo *info = (const struct sctp_rcvinfo *)CMSG_DATA(header);
                stream = info->rcv_sid;
                ppid = ntohl(info->rcv_ppid);
                flags = info->rcv_flags;
            }
        }
        char *hex = encode_hex(partial, partial_length);
        if (hex == NULL) { exit(5); }
        event("message %u %u %d %s", stream, ppid, (flags & SCTP_UNORDERED) ? 1 : 0, hex);
        free(hex);
        partial_length = 0;
    }
}
