#ifndef SCTPCONFORM_PROCESS_SUPPORT_H
#define SCTPCONFORM_PROCESS_SUPPORT_H

/// pipe2(2) with O_CLOEXEC (not visible from Swift's Glibc module): both ends close-on-exec from the
/// start, so no concurrently spawned child inherits them. Returns 0, or -1 with errno set.
int sctpconform_pipe_cloexec(int fds[2]);

/// Writing to a pipe whose reader is gone raises SIGPIPE, whose default action ends the process.
/// Sets SIGPIPE to be ignored (so such a write fails with EPIPE) unless the process already chose
/// what to do with it. Children spawned by the harness get the default back (ChildSpawn).
void sctpconform_ignore_sigpipe_unless_handled(void);

#endif
