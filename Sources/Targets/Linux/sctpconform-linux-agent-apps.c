/*
 * The seeds' tools as the application (`sctpconform.app=NAME` on the kernel command line, from
 * `--app NAME`): `listen` starts the tool as the server on the configured address and port instead
 * of the agent's own socket, `close` and `reset` end it. The tool owns its socket, so the agent
 * reports no events and refuses send/shutdown/abort/connect/option (error 95). #included by
 * sctpconform-linux-agent.c.
 *
 *   ncat        ncat --sctp -l -k --exec /bin/cat ADDR PORT    echoes every message back
 *   sctp_darn   sctp_darn -H ADDR -P PORT -l                   receives and prints
 *   sctp_test   sctp_test -H ADDR -P PORT -l                   receives
 *   iperf3      not as a scenario's server: its control connection is TCP
 */
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static char app_name[32];
static pid_t app_pid = -1;

/* Reads sctpconform.app= from /proc/cmdline once. */
static void load_app_name(void) {
    FILE *file = fopen("/proc/cmdline", "r");
    if (file == NULL) { return; }
    char line[4096] = "";
    if (fgets(line, sizeof(line), file) != NULL) {
        char *found = strstr(line, "sctpconform.app=");
        if (found != NULL) {
            found += strlen("sctpconform.app=");
            size_t length = strcspn(found, " \n");
            if (length >= sizeof(app_name)) { length = sizeof(app_name) - 1; }
            memcpy(app_name, found, length);
            app_name[length] = 0;
        }
    }
    fclose(file);
}

static int app_mode(void) { return app_name[0] != 0; }

/* Whether an SCTP endpoint listens on `port` (/proc/net/sctp/eps, column LPORT). */
static int port_listening(uint16_t port) {
    FILE *file = fopen("/proc/net/sctp/eps", "r");
    if (file == NULL) { return 0; }
    char line[512];
    int found = 0;
    if (fgets(line, sizeof(line), file) != NULL) {
        while (!found && fgets(line, sizeof(line), file) != NULL) {
            unsigned local_port;
            if (sscanf(line, "%*s %*s %*d %*d %*d %u", &local_port) == 1 && local_port == port) { found = 1; }
        }
    }
    fclose(file);
    return found;
}

/* Sets SO_LINGER {1, 0} on every socket the processes other than init and the agent hold (the
 * tool and its children: pidfd_getfd gives the agent the same socket), so that their end is an
 * ABORT that frees the association at once, not a SHUTDOWN the absent peer never completes. */
static void make_app_sockets_abortive(void) {
    DIR *processes = opendir("/proc");
    struct dirent *process;
    while (processes != NULL && (process = readdir(processes)) != NULL) {
        pid_t pid = (pid_t)atoi(process->d_name);
        if (pid <= 1 || pid == getpid()) { continue; }
        int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
        if (pidfd < 0) { continue; }
        char folder[64];
        snprintf(folder, sizeof(folder), "/proc/%d/fd", (int)pid);
        DIR *descriptors = opendir(folder);
        struct dirent *descriptor;
        while (descriptors != NULL && (descriptor = readdir(descriptors)) != NULL) {
            if (descriptor->d_name[0] == '.') { continue; }
            char link[400], target[64] = "";
            snprintf(link, sizeof(link), "%s/%s", folder, descriptor->d_name);
            ssize_t length = readlink(link, target, sizeof(target) - 1);
            if (length <= 0 || strncmp(target, "socket:", 7) != 0) { continue; }
            int copy = (int)syscall(SYS_pidfd_getfd, pidfd, atoi(descriptor->d_name), 0);
            if (copy < 0) { continue; }
            struct linger linger = {1, 0};
            setsockopt(copy, SOL_SOCKET, SO_LINGER, &linger, sizeof(linger));
            close(copy);
        }
        if (descriptors != NULL) { closedir(descriptors); }
        close(pidfd);
    }
    if (processes != NULL) { closedir(processes); }
}

/* Ends the tool and its children (its process group): SIGTERM (its socket closes: a graceful
 * shutdown) or SIGKILL, reaped within 2 s. */
static void stop_app(int signal_number) {
    if (app_pid <= 0) { return; }
    if (signal_number == SIGKILL) { make_app_sockets_abortive(); }
    kill(-app_pid, signal_number);
    for (int i = 0; i < 200; i++) {
        if (waitpid(app_pid, NULL, WNOHANG) != 0) {
            app_pid = -1;
            return;
        }
        struct timespec pause = {0, 10 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    kill(-app_pid, SIGKILL);
    waitpid(app_pid, NULL, 0);
    app_pid = -1;
}

static void command_app_listen(void) {
    if (app_pid > 0) {
        reply_error(EISCONN, "%s is already running", app_name);
        return;
    }
    char address[INET6_ADDRSTRLEN] = "0.0.0.0", port[8];
    if (config.local_count > 0) {
        const struct sockaddr_storage *local = &config.local[0];
        if (local->ss_family == AF_INET6) {
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)local)->sin6_addr, address, sizeof(address));
        } else {
            inet_ntop(AF_INET, &((const struct sockaddr_in *)local)->sin_addr, address, sizeof(address));
        }
    }
    snprintf(port, sizeof(port), "%u", config.local_port);
    char *arguments[12] = {0};
    if (strcmp(app_name, "ncat") == 0) {
        char *command[] = {"/usr/bin/ncat", "--sctp", "-l", "-k", "--exec", "/bin/cat", address, port, NULL};
        memcpy(arguments, command, sizeof(command));
    } else if (strcmp(app_name, "sctp_darn") == 0 || strcmp(app_name, "sctp_test") == 0) {
        char *command[] = {strcmp(app_name, "sctp_darn") == 0 ? "/usr/bin/sctp_darn" : "/usr/bin/sctp_test",
                           "-H", address, "-P", port, "-l", NULL};
        memcpy(arguments, command, sizeof(command));
    } else {
        reply_error(EOPNOTSUPP, "not supported: %s as a listening application", app_name);
        return;
    }
    pid_t pid = fork();
    if (pid < 0) {
        reply_errno(errno, "fork");
        return;
    }
    if (pid == 0) {
        setpgid(0, 0);
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        /* stderr stays on the console: the tool's complaints end up in the harness's error text. */
        execv(arguments[0], arguments);
        _exit(127);
    }
    app_pid = pid;
    uint64_t deadline = now_ms() + 5000;
    while (!port_listening(config.local_port) && now_ms() < deadline) {
        if (waitpid(app_pid, NULL, WNOHANG) == app_pid) {
            app_pid = -1;
            reply_error(ECHILD, "%s exited before listening on port %s", app_name, port);
            return;
        }
        struct timespec pause = {0, 10 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    if (!port_listening(config.local_port)) {
        stop_app(SIGKILL);
        reply_error(ETIMEDOUT, "%s did not listen on port %s within 5 s", app_name, port);
        return;
    }
    reply_ok("");
}
