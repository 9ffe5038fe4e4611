#ifndef ASSAY_SPAWN_H
#define ASSAY_SPAWN_H

#include <sys/types.h>

/// Starts `argv[0]` (looked up on PATH when it has no slash) with `argv` as its arguments, in
/// `directory` when not NULL, in a process group of its own, with pipes for its standard input,
/// output and error. Assay's ends of the pipes are non-blocking and close-on-exec; the child gets
/// default signal dispositions (SIGPIPE in particular) and no descriptor above 2.
///
/// Returns 0 and fills `pid`, `input` (write end), `output` and `errors` (read ends), or returns
/// an errno value (ENOENT when the program does not exist) and leaves them untouched.
///
/// `envp` (NULL-terminated) is the child's whole environment. `max_memory` and `max_file_size`
/// (bytes; 0 for no limit) become the child's RLIMIT_AS and RLIMIT_FSIZE, set with prlimit right
/// after the spawn, before Assay sends it anything; core dumps are off.
int assay_spawn(char *const argv[], char *const envp[], const char *directory, unsigned long long max_memory,
                unsigned long long max_file_size, pid_t *pid, int *input, int *output, int *errors);

/// Makes this process a child subreaper (Linux): a plugin's descendants that detach (double fork,
/// setsid) are re-parented to Assay instead of PID 1, so Assay can find and end them. Returns 0,
/// or an errno value where the system has no subreapers.
int assay_become_subreaper(void);

/// Kills (SIGKILL, whole process group first) and reaps every process whose parent is this
/// process: at exit, the plugins' stragglers and detached grandchildren. Returns how many.
int assay_kill_descendants(void);

#endif
