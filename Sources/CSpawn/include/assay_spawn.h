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
int assay_spawn(char *const argv[], const char *directory, pid_t *pid, int *input, int *output, int *errors);

#endif
