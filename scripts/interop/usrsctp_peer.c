/*
 * usrsctp_peer: a small SCTP endpoint on Debian's libusrsctp, used by scripts/make-interop-captures.sh to
 * record interop fixtures. One association, a few messages, a graceful shutdown, then exit.
 *
 *   usrsctp_peer -m server|client -l LOCAL_IPV4 [-r REMOTE_IPV4] [-p SCTP_PORT] [-P PEER_SCTP_PORT]
 *                [-u LOCAL_UDP_ENCAPS_PORT] [-U REMOTE_UDP_ENCAPS_PORT] [-n MESSAGES] [-s STREAMS]
 *                [-q PPID] [-e] [-c CLOSE_AFTER] [-H] [-d] [-t TIMEOUT_SECONDS]
 *
 *   -u 0 / -U 0  raw IP (IPPROTO_SCTP) instead of UDP encapsulation (RFC 6951)
 *   -n N         client: send N messages ("message 1".."message N"), round robin over -s streams,
 *                waiting for each echo when -e is given; then shut down (SHUTDOWN)
 *   -e           server: echo every user message back (same stream and PPID);
 *                client: wait for the echo of each message before sending the next
 *   -c N         server: initiate the graceful shutdown after echoing N user messages
 *                (0: wait for the peer to shut down)
 *   -H           demand one HEARTBEAT as soon as the association is up (SPP_HB_DEMAND)
 *   -d           WebRTC data channel peer: answer DATA_CHANNEL_OPEN (PPID 50, RFC 8832) with
 *                DATA_CHANNEL_ACK; DCEP messages are not echoed nor counted
 *   -t S         hard time limit for the whole run (SIGALRM), default 20 s
 *
 * Exit status 0 only when the association came up, the exchange completed and the shutdown finished.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <usrsctp.h>

#define DCEP_PPID 50
#define DCEP_OPEN 0x03
#define DCEP_ACK 0x02

struct options {
    int server;
    const char *local_addr;
    const char *remote_addr;
    uint16_t port, peer_port, udp_port, remote_udp_port;
    int messages, streams, echo, close_after, heartbeat, dcep, timeout;
    uint32_t ppid;
};

static void die(const char *what) {
    fprintf(stderr, "usrsctp_peer: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void logf_(const char *format, ...) {
    va_list args;
    va_start(args, format);
    fprintf(stderr, "usrsctp_peer: ");
    vfprintf(stderr, format, args);
    fprintf(stderr, "\n");
    va_end(args);
}

static struct sockaddr_in ipv4(const char *text, uint16_t port) {
    struct sockaddr_in address;
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    if (text == NULL || inet_pton(AF_INET, text, &address.sin_addr) != 1) {
        fprintf(stderr, "usrsctp_peer: bad IPv4 address '%s'\n", text ? text : "(none)");
        exit(2);
    }
    return address;
}

static void subscribe(struct socket *sock) {
    const uint16_t types[] = {SCTP_ASSOC_CHANGE, SCTP_SHUTDOWN_EVENT};
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        struct sctp_event event;
        memset(&event, 0, sizeof(event));
        event.se_assoc_id = SCTP_FUTURE_ASSOC;
        event.se_type = types[i];
        event.se_on = 1;
        if (usrsctp_setsockopt(sock, IPPROTO_SCTP, SCTP_EVENT, &event, sizeof(event)) < 0) die("SCTP_EVENT");
    }
    const int on = 1;
    if (usrsctp_setsockopt(sock, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof(on)) < 0) die("SCTP_RECVRCVINFO");
    if (usrsctp_setsockopt(sock, IPPROTO_SCTP, SCTP_NODELAY, &on, sizeof(on)) < 0) die("SCTP_NODELAY");
}

static void demand_heartbeat(struct socket *sock) {
    struct sctp_paddrparams params;
    memset(&params, 0, sizeof(params));
    struct sockaddr *peers = NULL;
    /* usrsctp wants the peer's address: without one the option fails with EAFNOSUPPORT. */
    if (usrsctp_getpaddrs(sock, 0, &peers) < 1 || peers == NULL) die("usrsctp_getpaddrs");
    memcpy(&params.spp_address, peers, sizeof(struct sockaddr_in));
    usrsctp_freepaddrs(peers);
    params.spp_flags = SPP_HB_DEMAND;
    if (usrsctp_setsockopt(sock, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &params, sizeof(params)) < 0)
        die("SCTP_PEER_ADDR_PARAMS (SPP_HB_DEMAND)");
    logf_("HEARTBEAT demanded");
}

static void send_message(struct socket *sock, uint16_t sid, uint32_t ppid, const void *data, size_t length) {
    struct sctp_sndinfo info;
    memset(&info, 0, sizeof(info));
    info.snd_sid = sid;
    info.snd_ppid = htonl(ppid);
    if (usrsctp_sendv(sock, data, length, NULL, 0, &info, sizeof(info), SCTP_SENDV_SNDINFO, 0) < 0)
        die("usrsctp_sendv");
}

/* What one usrsctp_recvv call delivered. */
enum received { RECEIVED_DATA, RECEIVED_NOTIFICATION, RECEIVED_EOF };

static enum received receive(struct socket *sock, char *buffer, size_t size, size_t *length,
                             struct sctp_rcvinfo *info, int *shutdown_complete) {
    socklen_t info_length = sizeof(*info);
    unsigned int info_type = 0;
    int flags = 0;
    memset(info, 0, sizeof(*info));
    ssize_t n = usrsctp_recvv(sock, buffer, size, NULL, NULL, info, &info_length, &info_type, &flags);
    if (n < 0) {
        if (errno == ENOTCONN) return RECEIVED_EOF;
        die("usrsctp_recvv");
    }
    if (n == 0) return RECEIVED_EOF;
    *length = (size_t)n;
    if (flags & MSG_NOTIFICATION) {
        const union sctp_notification *note = (const void *)buffer;
        if (note->sn_header.sn_type == SCTP_ASSOC_CHANGE) {
            logf_("association change: state %u", note->sn_assoc_change.sac_state);
            if (note->sn_assoc_change.sac_state == SCTP_SHUTDOWN_COMP) *shutdown_complete = 1;
            if (note->sn_assoc_change.sac_state == SCTP_COMM_LOST ||
                note->sn_assoc_change.sac_state == SCTP_CANT_STR_ASSOC) {
                logf_("association lost or could not be started");
                exit(1);
            }
        } else if (note->sn_header.sn_type == SCTP_SHUTDOWN_EVENT) {
            logf_("peer sent SHUTDOWN");
        }
        return RECEIVED_NOTIFICATION;
    }
    info->rcv_ppid = ntohl(info->rcv_ppid);
    return RECEIVED_DATA;
}

/* Waits (bounded by the SIGALRM limit) until the association is gone. */
static void drain_until_closed(struct socket *sock, int *shutdown_complete) {
    char buffer[2048];
    size_t length = 0;
    struct sctp_rcvinfo info;
    while (!*shutdown_complete) {
        if (receive(sock, buffer, sizeof(buffer), &length, &info, shutdown_complete) == RECEIVED_EOF) break;
    }
}

static int run_client(const struct options *o, struct socket *sock) {
    struct sockaddr_in peer = ipv4(o->remote_addr, o->peer_port);
    if (usrsctp_connect(sock, (struct sockaddr *)&peer, sizeof(peer)) < 0) die("usrsctp_connect");
    logf_("connected");
    if (o->heartbeat) demand_heartbeat(sock);
    char buffer[2048], text[64];
    int shutdown_complete = 0;
    for (int i = 1; i <= o->messages; i++) {
        int length = snprintf(text, sizeof(text), "message %d", i);
        send_message(sock, (uint16_t)((i - 1) % o->streams), o->ppid, text, (size_t)length);
        while (o->echo) {
            size_t got = 0;
            struct sctp_rcvinfo info;
            enum received what = receive(sock, buffer, sizeof(buffer), &got, &info, &shutdown_complete);
            if (what == RECEIVED_EOF) { logf_("peer closed before the echo of message %d", i); return 1; }
            if (what == RECEIVED_DATA) { logf_("echo on stream %u: %.*s", info.rcv_sid, (int)got, buffer); break; }
        }
    }
    logf_("shutting down");
    if (usrsctp_shutdown(sock, SHUT_WR) < 0) die("usrsctp_shutdown");
    drain_until_closed(sock, &shutdown_complete);
    return 0;
}

static int run_server(const struct options *o, struct socket *listener) {
    if (usrsctp_listen(listener, 1) < 0) die("usrsctp_listen");
    logf_("listening");
    struct socket *sock = usrsctp_accept(listener, NULL, NULL);
    if (sock == NULL) die("usrsctp_accept");
    logf_("accepted");
    if (o->heartbeat) demand_heartbeat(sock);
    char buffer[2048];
    int counted = 0, shutting_down = 0, shutdown_complete = 0;
    for (;;) {
        size_t length = 0;
        struct sctp_rcvinfo info;
        enum received what = receive(sock, buffer, sizeof(buffer), &length, &info, &shutdown_complete);
        if (what == RECEIVED_EOF || shutdown_complete) break;
        if (what != RECEIVED_DATA) continue;
        if (o->dcep && info.rcv_ppid == DCEP_PPID && length > 0) {
            if ((unsigned char)buffer[0] == DCEP_OPEN) {
                const unsigned char ack = DCEP_ACK;
                send_message(sock, info.rcv_sid, DCEP_PPID, &ack, 1);
                logf_("DATA_CHANNEL_OPEN on stream %u acknowledged", info.rcv_sid);
            }
            continue;
        }
        logf_("message on stream %u, PPID %u: %zu bytes", info.rcv_sid, info.rcv_ppid, length);
        if (o->echo) send_message(sock, info.rcv_sid, info.rcv_ppid, buffer, length);
        counted++;
        if (o->close_after > 0 && counted >= o->close_after && !shutting_down) {
            logf_("shutting down after %d messages", counted);
            if (usrsctp_shutdown(sock, SHUT_WR) < 0) die("usrsctp_shutdown");
            shutting_down = 1;
        }
    }
    drain_until_closed(sock, &shutdown_complete);
    usrsctp_close(sock);
    return 0;
}

int main(int argc, char **argv) {
    struct options o = {.streams = 1, .timeout = 20, .port = 5000, .peer_port = 5000};
    int option;
    while ((option = getopt(argc, argv, "m:l:r:p:P:u:U:n:s:q:ec:Hdt:")) != -1) {
        switch (option) {
        case 'm': o.server = strcmp(optarg, "server") == 0; break;
        case 'l': o.local_addr = optarg; break;
        case 'r': o.remote_addr = optarg; break;
        case 'p': o.port = (uint16_t)atoi(optarg); break;
        case 'P': o.peer_port = (uint16_t)atoi(optarg); break;
        case 'u': o.udp_port = (uint16_t)atoi(optarg); break;
        case 'U': o.remote_udp_port = (uint16_t)atoi(optarg); break;
        case 'n': o.messages = atoi(optarg); break;
        case 's': o.streams = atoi(optarg) > 0 ? atoi(optarg) : 1; break;
        case 'q': o.ppid = (uint32_t)strtoul(optarg, NULL, 10); break;
        case 'e': o.echo = 1; break;
        case 'c': o.close_after = atoi(optarg); break;
        case 'H': o.heartbeat = 1; break;
        case 'd': o.dcep = 1; break;
        case 't': o.timeout = atoi(optarg); break;
        default: fprintf(stderr, "usage: see the comment at the top of usrsctp_peer.c\n"); return 2;
        }
    }
    alarm((unsigned)(o.timeout > 0 ? o.timeout : 20));

    usrsctp_init(o.udp_port, NULL, NULL);

    struct socket *sock = usrsctp_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP, NULL, NULL, 0, NULL);
    if (sock == NULL) die("usrsctp_socket");
    subscribe(sock);
    if (!o.server && o.remote_udp_port != 0) {
        struct sctp_udpencaps encaps;
        memset(&encaps, 0, sizeof(encaps));
        encaps.sue_assoc_id = SCTP_FUTURE_ASSOC;
        encaps.sue_port = htons(o.remote_udp_port);
        if (usrsctp_setsockopt(sock, IPPROTO_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT, &encaps, sizeof(encaps)) < 0)
            die("SCTP_REMOTE_UDP_ENCAPS_PORT");
    }
    struct sockaddr_in local = ipv4(o.local_addr, o.port);
    if (usrsctp_bind(sock, (struct sockaddr *)&local, sizeof(local)) < 0) die("usrsctp_bind");

    int status = o.server ? run_server(&o, sock) : run_client(&o, sock);
    usrsctp_close(sock);
    /* usrsctp_finish fails while associations still exist; the SIGALRM limit bounds this loop. */
    while (usrsctp_finish() != 0) usleep(50 * 1000);
    logf_("done");
    return status;
}
