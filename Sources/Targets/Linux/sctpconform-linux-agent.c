/*
 * sctpconform-linux-agent: the application of the Linux kernel's SCTP stack inside the test VM.
 *
 * It speaks the agent control protocol (docs/agent-protocol.md) over a virtio-serial port, so the
 * control channel never shares the wire with the test traffic, and performs every command on the
 * kernel's SCTP socket API (RFC 6458): one one-to-many socket (SOCK_SEQPACKET: Linux refuses
 * SCTP_ABORT with a reason, and SCTP_EOF, on one-to-one sockets), options by setsockopt, messages by
 * sendmsg/recvmsg with SCTP_SNDINFO/SCTP_RCVINFO on the association COMM_UP named, and every
 * notification subscribed and reported as an event line.
 *
 *   sctpconform-linux-agent [PORT]     PORT: the control device (default: the virtio-serial port
 *                                      named org.sctpconform.agent, found in /sys/class/virtio-ports;
 *                                      "-" for stdin/stdout)
 *
 * Built statically (gcc -static) by scripts/build-linux-image.sh; it needs only <linux/sctp.h>.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/sctp.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define PORT_NAME "org.sctpconform.agent"
#define MAX_LINE (1 << 20)
#define MAX_ADDRESSES 8
#define RESET_WAIT_MS 5000

static int control_in = -1;
static int control_out = -1;

/* What `configure` set. */
static struct {
    uint16_t local_port, peer_port, udp_port, peer_udp_port;
    int local_count;
    struct sockaddr_storage local[MAX_ADDRESSES];
    int have_peer;
    struct sockaddr_storage peer;
} config;

/* Options the scenario set: applied to every new socket, and at once to the open ones. */
static struct {
    int have_rto, have_initmsg, have_cookie_life, have_max_retrans, have_heartbeat, have_delayed_ack;
    int have_nodelay;
    struct sctp_rtoinfo rto;
    struct sctp_initmsg initmsg;
    uint32_t cookie_life, heartbeat, delayed_ack;
    uint16_t max_retrans;
    int nodelay;
} options;

/* The application's socket (listening or connected) and the association COMM_UP named (0: none). */
static int assoc_fd = -1;
static sctp_assoc_t assoc_id;
/* A message being received in pieces (no MSG_EOR yet). */
static uint8_t *partial;
static size_t partial_length, partial_capacity;

#include "sctpconform-linux-agent-io.c"
#include "sctpconform-linux-agent-options.c"
#include "sctpconform-linux-agent-events.c"

/* ---- sockets ------------------------------------------------------------------------------ */

static int address_family(void) {
    if (config.local_count > 0) { return config.local[0].ss_family; }
    if (config.have_peer) { return config.peer.ss_family; }
    return AF_INET;
}

static void set_port(struct sockaddr_storage *address, uint16_t port) {
    if (address->ss_family == AF_INET6) {
        ((struct sockaddr_in6 *)address)->sin6_port = htons(port);
    } else {
        ((struct sockaddr_in *)address)->sin_port = htons(port);
    }
}

static socklen_t address_length(const struct sockaddr_storage *address) {
    return address->ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
}

/* A one-to-many socket with every notification subscribed, the scenario's options set, bound to
 * the local addresses (all of them: sctp_bindx) and the local port. Returns the fd or -errno. */
static int open_socket(void) {
    int family = address_family();
    int fd = socket(family, SOCK_SEQPACKET, IPPROTO_SCTP);
    if (fd < 0) { return -errno; }
    int error = subscribe_events(fd);
    if (error == 0) { error = apply_socket_options(fd, SCTP_FUTURE_ASSOC); }
    if (error == 0 && config.udp_port != 0) {
        struct sctp_udpencaps encaps;
        memset(&encaps, 0, sizeof(encaps));
        encaps.sue_port = htons(config.peer_udp_port != 0 ? config.peer_udp_port : config.udp_port);
        if (setsockopt(fd, IPPROTO_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT, &encaps, sizeof(encaps)) < 0) {
            error = errno;
        }
    }
    if (error == 0) {
        if (config.local_count == 0) {
            struct sockaddr_storage any;
            memset(&any, 0, sizeof(any));
            any.ss_family = (sa_family_t)family;
            set_port(&any, config.local_port);
            if (bind(fd, (struct sockaddr *)&any, address_length(&any)) < 0) { error = errno; }
        } else {
            for (int i = 0; i < config.local_count && error == 0; i++) {
                set_port(&config.local[i], config.local_port);
                if (i == 0) {
                    if (bind(fd, (struct sockaddr *)&config.local[0], address_length(&config.local[0])) < 0) {
                        error = errno;
                    }
                } else if (setsockopt(fd, IPPROTO_SCTP, SCTP_SOCKOPT_BINDX_ADD, &config.local[i],
                                      address_length(&config.local[i])) < 0) {
                    error = errno;
                }
            }
        }
    }
    if (error != 0) {
        close(fd);
        return -error;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

/* Closes a socket; with `abortive`, SO_LINGER 0 makes the kernel ABORT the association and free
 * it at once instead of shutting it down gracefully. */
static void close_socket(int *fd, int abortive) {
    if (*fd < 0) { return; }
    if (abortive) {
        struct linger linger = {1, 0};
        setsockopt(*fd, SOL_SOCKET, SO_LINGER, &linger, sizeof(linger));
    }
    close(*fd);
    *fd = -1;
}

/* The number of associations the kernel holds (the lines of /proc/net/sctp/assocs after the
 * header), or -1 when it cannot be read. */
static int association_count(void) {
    FILE *file = fopen("/proc/net/sctp/assocs", "r");
    if (file == NULL) { return -1; }
    int lines = 0, c, previous = '\n';
    while ((c = fgetc(file)) != EOF) {
        if (c == '\n') { lines++; }
        previous = c;
    }
    if (previous != '\n') { lines++; }
    fclose(file);
    return lines > 0 ? lines - 1 : 0;
}

static uint64_t now_ms(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000u + (uint64_t)now.tv_nsec / 1000000u;
}

#include "sctpconform-linux-agent-apps.c"

/* ---- commands ----------------------------------------------------------------------------- */

static int parse_address(const char *text, struct sockaddr_storage *out) {
    memset(out, 0, sizeof(*out));
    struct sockaddr_in *v4 = (struct sockaddr_in *)out;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)out;
    if (inet_pton(AF_INET, text, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        return 0;
    }
    if (inet_pton(AF_INET6, text, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        return 0;
    }
    return -1;
}

static void command_configure(char *arguments) {
    for (char *field = strtok(arguments, " "); field != NULL; field = strtok(NULL, " ")) {
        char *equals = strchr(field, '=');
        if (equals == NULL) {
            reply_error(EINVAL, "configure: expected key=value, got %s", field);
            return;
        }
        *equals = 0;
        const char *key = field, *value = equals + 1;
        if (strcmp(key, "local-port") == 0) {
            config.local_port = (uint16_t)strtoul(value, NULL, 10);
        } else if (strcmp(key, "peer-port") == 0) {
            config.peer_port = (uint16_t)strtoul(value, NULL, 10);
        } else if (strcmp(key, "udp-port") == 0) {
            config.udp_port = (uint16_t)strtoul(value, NULL, 10);
        } else if (strcmp(key, "peer-udp-port") == 0) {
            config.peer_udp_port = (uint16_t)strtoul(value, NULL, 10);
        } else if (strcmp(key, "local-address") == 0) {
            if (config.local_count == MAX_ADDRESSES || parse_address(value, &config.local[config.local_count]) < 0) {
                reply_error(EINVAL, "configure: bad or too many local addresses: %s", value);
                return;
            }
            config.local_count++;
        } else if (strcmp(key, "peer-address") == 0) {
            if (parse_address(value, &config.peer) < 0) {
                reply_error(EINVAL, "configure: bad peer address: %s", value);
                return;
            }
            config.have_peer = 1;
        } else {
            reply_error(EINVAL, "configure: unknown key %s", key);
            return;
        }
    }
    /* RFC 6951 over the kernel's own UDP socket: net.sctp.udp_port is the port it listens on (0:
     * none); the socket option SCTP_REMOTE_UDP_ENCAPS_PORT (open_socket) the peer's. */
    FILE *sysctl = fopen("/proc/sys/net/sctp/udp_port", "w");
    if (sysctl != NULL) {
        fprintf(sysctl, "%u\n", config.udp_port);
        if (fclose(sysctl) != 0) {
            reply_errno(errno, "net.sctp.udp_port");
            return;
        }
    }
    reply_ok("");
}

static void command_listen(void) {
    if (app_mode()) {
        command_app_listen();
        return;
    }
    if (assoc_fd >= 0) {
        reply_error(EISCONN, "a socket is already open");
        return;
    }
    int fd = open_socket();
    if (fd < 0) {
        reply_errno(-fd, "socket/bind");
        return;
    }
    if (listen(fd, 4) < 0) {
        int error = errno;
        close(fd);
        reply_errno(error, "listen");
        return;
    }
    assoc_fd = fd;
    reply_ok("");
}

static void command_connect(void) {
    if (assoc_fd >= 0) {
        reply_error(EISCONN, "a socket is already open");
        return;
    }
    if (!config.have_peer) {
        reply_error(EDESTADDRREQ, "connect: no peer-address configured");
        return;
    }
    int fd = open_socket();
    if (fd < 0) {
        reply_errno(-fd, "socket/bind");
        return;
    }
    set_port(&config.peer, config.peer_port);
    if (connect(fd, (struct sockaddr *)&config.peer, address_length(&config.peer)) < 0 && errno != EINPROGRESS) {
        int error = errno;
        close(fd);
        reply_errno(error, "connect");
        return;
    }
    assoc_fd = fd;
    reply_ok("");
}

/* sendmsg with SCTP_SNDINFO on the association: stream, PPID (put on the wire as given, so in
 * network order) and flags (SCTP_UNORDERED, SCTP_EOF, SCTP_ABORT). */
static int send_message(int fd, uint16_t stream, uint32_t ppid, uint16_t flags, const uint8_t *data, size_t length) {
    char control[CMSG_SPACE(sizeof(struct sctp_sndinfo))];
    memset(control, 0, sizeof(control));
    struct iovec iov = {(void *)data, length};
    struct msghdr message = {0};
    message.msg_iov = &iov;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof(control);
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = IPPROTO_SCTP;
    header->cmsg_type = SCTP_SNDINFO;
    header->cmsg_len = CMSG_LEN(sizeof(struct sctp_sndinfo));
    struct sctp_sndinfo *info = (struct sctp_sndinfo *)CMSG_DATA(header);
    info->snd_sid = stream;
    info->snd_ppid = htonl(ppid);
    info->snd_flags = flags;
    info->snd_assoc_id = assoc_id;
    return sendmsg(fd, &message, MSG_NOSIGNAL) < 0 ? errno : 0;
}

static void command_send(char *arguments) {
    unsigned stream, unordered;
    unsigned long ppid;
    char hex[16];
    int consumed = 0;
    if (sscanf(arguments, "%u %lu %u %1s%n", &stream, &ppid, &unordered, hex, &consumed) < 4) {
        reply_error(EINVAL, "send: expected <stream> <ppid> <unordered> <hex>");
        return;
    }
    char *payload_text = arguments + consumed - 1;
    while (*payload_text == ' ') { payload_text++; }
    size_t length;
    uint8_t *payload = decode_hex(payload_text, &length);
    if (payload == NULL) {
        reply_error(EINVAL, "send: bad hex payload");
        return;
    }
    if (assoc_fd < 0 || assoc_id == 0) {
        free(payload);
        reply_error(ENOTCONN, "send: no association");
        return;
    }
    int error = send_message(assoc_fd, (uint16_t)stream, (uint32_t)ppid, unordered ? SCTP_UNORDERED : 0,
                             payload, length);
    free(payload);
    if (error != 0) {
        reply_errno(error, "sendmsg");
    } else {
        reply_ok("");
    }
}

/* RFC 6458 §5.3.4 SCTP_EOF: the graceful shutdown of the association. */
static void command_shutdown(void) {
    int error = assoc_fd < 0 || assoc_id == 0 ? ENOTCONN : send_message(assoc_fd, 0, 0, SCTP_EOF, NULL, 0);
    if (error != 0) {
        reply_errno(error, "shutdown");
    } else {
        reply_ok("");
    }
}

/* RFC 6458 §5.3.4 SCTP_ABORT: the message data becomes the User-Initiated Abort's reason. */
static void command_abort(char *arguments) {
    size_t length;
    uint8_t *reason = decode_hex(arguments, &length);
    if (reason == NULL) {
        reply_error(EINVAL, "abort: bad hex reason");
        return;
    }
    int error = assoc_fd < 0 || assoc_id == 0 ? ENOTCONN : send_message(assoc_fd, 0, 0, SCTP_ABORT, reason, length);
    free(reason);
    if (error != 0) {
        reply_errno(error, "abort");
    } else {
        reply_ok("");
    }
}

static void command_close(void) {
    stop_app(SIGTERM);
    close_socket(&assoc_fd, 0);
    assoc_id = 0;
    partial_length = 0;
    reply_ok("");
}

/* Closes every socket abortively, forgets configuration and options, and waits (bounded) until
 * the kernel holds no association. */
static void command_reset(void) {
    stop_app(SIGKILL);
    close_socket(&assoc_fd, 1);
    assoc_id = 0;
    partial_length = 0;
    memset(&config, 0, sizeof(config));
    memset(&options, 0, sizeof(options));
    uint64_t deadline = now_ms() + RESET_WAIT_MS;
    int count;
    while ((count = association_count()) > 0 && now_ms() < deadline) {
        struct timespec pause = {0, 5 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    if (count > 0) {
        reply_error(EBUSY, "busy: %d associations still held after %d ms", count, RESET_WAIT_MS);
    } else {
        reply_ok("");
    }
}

/* `clock`: the guest's CLOCK_MONOTONIC in nanoseconds. `sleep <ms>`: sleeps that long on the
 * guest's clock (events stay queued) and answers with the nanoseconds that passed on it. Under
 * QEMU's `-icount ...,sleep=off` an idle guest's clock jumps to its next timer, so a long sleep
 * costs little real time (scripts/bench-linux-timers.sh). Both are extensions of this agent. */
static uint64_t now_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

static void command_clock(void) {
    reply_ok("%llu", (unsigned long long)now_ns());
}

static void command_sleep(const char *arguments) {
    char *end;
    unsigned long milliseconds = strtoul(arguments, &end, 10);
    if (end == arguments || milliseconds > 86400000ul) {
        reply_error(EINVAL, "sleep: expected milliseconds (at most a day)");
        return;
    }
    uint64_t start = now_ns();
    struct timespec pause = {(time_t)(milliseconds / 1000), (long)(milliseconds % 1000) * 1000000L};
    while (nanosleep(&pause, &pause) < 0 && errno == EINTR) {}
    reply_ok("%llu", (unsigned long long)(now_ns() - start));
}

/* `panic`: crashes the guest's kernel on purpose (sysrq c), so the harness's handling of a kernel
 * that dies (QEMU ends, the error quotes the console) can be tested. An extension of this agent. */
static void command_panic(void) {
    FILE *trigger = fopen("/proc/sysrq-trigger", "w");
    if (trigger == NULL) {
        reply_errno(errno, "/proc/sysrq-trigger");
        return;
    }
    fputc('c', trigger);
    fclose(trigger);
    reply_error(EIO, "the kernel survived sysrq c");
}

static void command_hello(void) {
    struct utsname name;
    uname(&name);
    reply_ok("sctpconform-linux-agent 1 linux-%s%s%s", name.release, app_mode() ? "+" : "", app_name);
}

static int dispatch(char *line) {
    char *arguments = strchr(line, ' ');
    if (arguments != NULL) {
        *arguments++ = 0;
    } else {
        arguments = line + strlen(line);
    }
    if (app_mode() && (strcmp(line, "connect") == 0 || strcmp(line, "send") == 0 || strcmp(line, "shutdown") == 0 ||
                       strcmp(line, "abort") == 0 || strcmp(line, "option") == 0)) {
        reply_error(EOPNOTSUPP, "not supported: %s with the application %s", line, app_name);
    } else if (strcmp(line, "hello") == 0) {
        command_hello();
    } else if (strcmp(line, "configure") == 0) {
        command_configure(arguments);
    } else if (strcmp(line, "listen") == 0) {
        command_listen();
    } else if (strcmp(line, "connect") == 0) {
        command_connect();
    } else if (strcmp(line, "send") == 0) {
        command_send(arguments);
    } else if (strcmp(line, "shutdown") == 0) {
        command_shutdown();
    } else if (strcmp(line, "abort") == 0) {
        command_abort(arguments);
    } else if (strcmp(line, "close") == 0) {
        command_close();
    } else if (strcmp(line, "option") == 0) {
        command_option(arguments);
    } else if (strcmp(line, "reset") == 0) {
        command_reset();
    } else if (strcmp(line, "clock") == 0) {
        command_clock();
    } else if (strcmp(line, "sleep") == 0) {
        command_sleep(arguments);
    } else if (strcmp(line, "panic") == 0) {
        command_panic();
    } else if (strcmp(line, "quit") == 0) {
        reply_ok("");
        return 1;
    } else if (line[0] == 0) {
        reply_error(EINVAL, "empty command");
    } else {
        reply_error(EOPNOTSUPP, "not supported: %s", line);
    }
    return 0;
}

/* ---- main loop ---------------------------------------------------------------------------- */

/* The virtio-serial port named PORT_NAME: /dev/vportNpM for /sys/class/virtio-ports/vportNpM. */
static int open_control_port(const char *explicit) {
    if (explicit != NULL && strcmp(explicit, "-") == 0) {
        control_in = 0;
        control_out = 1;
        return 0;
    }
    char path[300] = "";
    if (explicit != NULL) {
        snprintf(path, sizeof(path), "%s", explicit);
    } else {
        DIR *ports = opendir("/sys/class/virtio-ports");
        struct dirent *entry;
        while (ports != NULL && (entry = readdir(ports)) != NULL) {
            if (entry->d_name[0] == '.') { continue; }
            char name_path[300], name[128] = "";
            snprintf(name_path, sizeof(name_path), "/sys/class/virtio-ports/%s/name", entry->d_name);
            FILE *file = fopen(name_path, "r");
            if (file == NULL) { continue; }
            if (fgets(name, sizeof(name), file) != NULL && strncmp(name, PORT_NAME, strlen(PORT_NAME)) == 0) {
                snprintf(path, sizeof(path), "/dev/%s", entry->d_name);
            }
            fclose(file);
        }
        if (ports != NULL) { closedir(ports); }
    }
    if (path[0] == 0) {
        fprintf(stderr, "sctpconform-linux-agent: no virtio-serial port named %s\n", PORT_NAME);
        return -1;
    }
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "sctpconform-linux-agent: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    control_in = control_out = fd;
    return 0;
}

int main(int argc, char **argv) {
    if (open_control_port(argc > 1 ? argv[1] : NULL) < 0) { return 2; }
    load_app_name();
    signal(SIGPIPE, SIG_IGN);
    static char buffer[MAX_LINE + 1];
    size_t used = 0;
    for (;;) {
        struct pollfd fds[2] = {{control_in, POLLIN, 0}, {assoc_fd, POLLIN, 0}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) { continue; }
            return 3;
        }
        if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) { drain_socket(); }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t got = read(control_in, buffer + used, MAX_LINE - used);
            if (got < 0 && (errno == EINTR || errno == EAGAIN)) { continue; }
            if (got == 0 && fds[0].revents & POLLHUP && control_in != 0) {
                /* The host side is not connected (virtio-serial): wait for it. */
                struct timespec pause = {0, 20 * 1000 * 1000};
                nanosleep(&pause, NULL);
                continue;
            }
            if (got <= 0) { return 0; }
            used += (size_t)got;
            char *start = buffer, *newline;
            while ((newline = memchr(start, '\n', used - (size_t)(start - buffer))) != NULL) {
                *newline = 0;
                /* Events that happened before this command are written before its reply. */
                if (assoc_fd >= 0) { drain_socket(); }
                if (dispatch(start)) { return 0; }
                start = newline + 1;
            }
            used -= (size_t)(start - buffer);
            memmove(buffer, start, used);
            if (used == MAX_LINE) {
                reply_error(E2BIG, "line longer than %d bytes", MAX_LINE);
                used = 0;
            }
        }
    }
}
