/*
 * `option ...` (docs/agent-protocol.md): the socket options of RFC 6458 §8 the scenarios set.
 * Each is remembered and set on every socket the agent opens afterwards, and at once on the open
 * ones. #included by sctpconform-linux-agent.c.
 */

/* Sets the remembered options on `fd` for the association `id` (SCTP_FUTURE_ASSOC: the defaults
 * of associations to come; the endpoint-wide ones only then); 0 or the errno of the first failing
 * setsockopt. */
static int apply_socket_options(int fd, sctp_assoc_t id) {
    if (options.have_rto) {
        struct sctp_rtoinfo rto = options.rto;
        rto.srto_assoc_id = id;
        if (setsockopt(fd, IPPROTO_SCTP, SCTP_RTOINFO, &rto, sizeof(rto)) < 0) { return errno; }
    }
    if (id == SCTP_FUTURE_ASSOC && options.have_initmsg &&
        setsockopt(fd, IPPROTO_SCTP, SCTP_INITMSG, &options.initmsg, sizeof(options.initmsg)) < 0) {
        return errno;
    }
    if (options.have_cookie_life || options.have_max_retrans) {
        struct sctp_assocparams params;
        memset(&params, 0, sizeof(params));
        params.sasoc_assoc_id = id;
        params.sasoc_cookie_life = options.have_cookie_life ? options.cookie_life : 0;
        params.sasoc_asocmaxrxt = options.have_max_retrans ? options.max_retrans : 0;
        if (setsockopt(fd, IPPROTO_SCTP, SCTP_ASSOCINFO, &params, sizeof(params)) < 0) { return errno; }
    }
    if (options.have_heartbeat) {
        struct sctp_paddrparams params;
        memset(&params, 0, sizeof(params));
        params.spp_assoc_id = id;
        params.spp_address.ss_family = AF_UNSPEC;
        if (options.heartbeat == 0) {
            params.spp_flags = SPP_HB_DISABLE;
        } else {
            params.spp_flags = SPP_HB_ENABLE;
            params.spp_hbinterval = options.heartbeat;
        }
        if (setsockopt(fd, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &params, sizeof(params)) < 0) { return errno; }
    }
    if (options.have_delayed_ack) {
        struct sctp_sack_info info;
        memset(&info, 0, sizeof(info));
        info.sack_assoc_id = id;
        /* Linux: a frequency of 1 turns delayed SACK off; a delay turns it on with that delay. */
        if (options.delayed_ack == 0) {
            info.sack_freq = 1;
        } else {
            info.sack_delay = options.delayed_ack;
        }
        if (setsockopt(fd, IPPROTO_SCTP, SCTP_DELAYED_SACK, &info, sizeof(info)) < 0) { return errno; }
    }
    if (id == SCTP_FUTURE_ASSOC && options.have_nodelay &&
        setsockopt(fd, IPPROTO_SCTP, SCTP_NODELAY, &options.nodelay, sizeof(options.nodelay)) < 0) {
        return errno;
    }
    return 0;
}

/* A number field, or "-" for "leave unchanged" (0 to the kernel). */
static int optional_number(const char *text, uint32_t *value) {
    if (text == NULL) { return -1; }
    if (strcmp(text, "-") == 0) {
        *value = 0;
        return 0;
    }
    char *end;
    unsigned long number = strtoul(text, &end, 10);
    if (*end != 0 || number > UINT32_MAX) { return -1; }
    *value = (uint32_t)number;
    return 0;
}

static void command_option(char *arguments) {
    char *fields[4] = {0};
    int count = 0;
    for (char *field = strtok(arguments, " "); field != NULL && count < 4; field = strtok(NULL, " ")) {
        fields[count++] = field;
    }
    if (count == 0) {
        reply_error(EINVAL, "option: which?");
        return;
    }
    uint32_t a = 0, b = 0, c = 0;
    const char *name = fields[0];
    int bad = 0;
    if (strcmp(name, "rto") == 0) {
        bad = optional_number(fields[1], &a) | optional_number(fields[2], &b) | optional_number(fields[3], &c);
        if (!bad) {
            options.have_rto = 1;
            if (a) { options.rto.srto_initial = a; }
            if (b) { options.rto.srto_min = b; }
            if (c) { options.rto.srto_max = c; }
        }
    } else if (strcmp(name, "initmsg") == 0) {
        bad = optional_number(fields[1], &a) | optional_number(fields[2], &b) | optional_number(fields[3], &c);
        if (!bad) {
            options.have_initmsg = 1;
            if (a) { options.initmsg.sinit_num_ostreams = (uint16_t)a; }
            if (b) { options.initmsg.sinit_max_instreams = (uint16_t)b; }
            if (c) { options.initmsg.sinit_max_attempts = (uint16_t)c; }
        }
    } else if (strcmp(name, "cookie-life") == 0) {
        bad = optional_number(fields[1], &a) || a == 0;
        options.have_cookie_life = !bad;
        options.cookie_life = a;
    } else if (strcmp(name, "max-retrans") == 0) {
        bad = optional_number(fields[1], &a) || a == 0 || a > UINT16_MAX;
        options.have_max_retrans = !bad;
        options.max_retrans = (uint16_t)a;
    } else if (strcmp(name, "heartbeat") == 0) {
        bad = optional_number(fields[1], &a);
        options.have_heartbeat = !bad;
        options.heartbeat = a;
    } else if (strcmp(name, "delayed-ack") == 0) {
        bad = optional_number(fields[1], &a);
        options.have_delayed_ack = !bad;
        options.delayed_ack = a;
    } else if (strcmp(name, "nodelay") == 0) {
        bad = optional_number(fields[1], &a) || a > 1;
        options.have_nodelay = !bad;
        options.nodelay = (int)a;
    } else {
        reply_error(EOPNOTSUPP, "not supported: option %s", name);
        return;
    }
    if (bad) {
        reply_error(EINVAL, "option %s: bad value", name);
        return;
    }
    int error = 0;
    if (assoc_fd >= 0) { error = apply_socket_options(assoc_fd, SCTP_FUTURE_ASSOC); }
    if (error == 0 && assoc_fd >= 0 && assoc_id != 0) { error = apply_socket_options(assoc_fd, assoc_id); }
    if (error != 0) {
        reply_errno(error, "setsockopt");
    } else {
        reply_ok("");
    }
}
