/* Process plumbing Swift's Glibc module does not offer (see include/process_support.h). */
#define _GNU_SOURCE
#include "process_support.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

int sctpconform_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

void sctpconform_ignore_sigpipe_unless_handled(void) {
    struct sigaction current;
    if (sigaction(SIGPIPE, NULL, &current) == 0 && !(current.sa_flags & SA_SIGINFO)
        && current.sa_handler == SIG_DFL) {
        signal(SIGPIPE, SIG_IGN);
    }
}
