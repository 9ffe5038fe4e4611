// posix_spawn with pipe2, addchdir_np and addclosefrom_np needs _GNU_SOURCE, which Swift's Glibc
// module does not define; so the spawn lives here, in C.
#define _GNU_SOURCE
#include "assay_spawn.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

extern char **environ;

static void close_pair(int pair[2]) {
    if (pair[0] >= 0) close(pair[0]);
    if (pair[1] >= 0) close(pair[1]);
}

int assay_spawn(char *const argv[], char *const envp[], const char *directory, unsigned long long max_memory,
                unsigned long long max_file_size, pid_t *pid, int *input, int *output, int *errors) {
    // Created close-on-exec, so no other child started at the same time inherits them.
    int in_pipe[2] = {-1, -1}, out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
    if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
        int failure = errno;
        close_pair(in_pipe);
        close_pair(out_pipe);
        close_pair(err_pipe);
        return failure;
    }

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);

    // dup2 clears close-on-exec on the child's copies; everything above 2 is closed.
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    if (directory != NULL) posix_spawn_file_actions_addchdir_np(&actions, directory);

    // Its own process group, so a timeout kills the plugin and anything it started; default
    // signal handling, since Assay ignores SIGPIPE and ignored signals survive exec.
    sigset_t defaults, empty;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGHUP);
    sigaddset(&defaults, SIGQUIT);
    sigaddset(&defaults, SIGCHLD);
    sigemptyset(&empty);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setsigmask(&attributes, &empty);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

    pid_t child = -1;
    int failure = posix_spawnp(&child, argv[0], &actions, &attributes, argv, envp != NULL ? envp : environ);
#ifdef __linux__
    if (failure == 0) {
        struct rlimit none = {0, 0};
        prlimit(child, RLIMIT_CORE, &none, NULL);
        if (max_memory) {
            struct rlimit memory = {(rlim_t)max_memory, (rlim_t)max_memory};
            prlimit(child, RLIMIT_AS, &memory, NULL);
        }
        if (max_file_size) {
            struct rlimit size = {(rlim_t)max_file_size, (rlim_t)max_file_size};
            prlimit(child, RLIMIT_FSIZE, &size, NULL);
        }
    }
#endif
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);

    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    if (failure != 0) {
        close(in_pipe[1]);
        close(out_pipe[0]);
        close(err_pipe[0]);
        return failure;
    }
    fcntl(in_pipe[1], F_SETFL, fcntl(in_pipe[1], F_GETFL) | O_NONBLOCK);
    fcntl(out_pipe[0], F_SETFL, fcntl(out_pipe[0], F_GETFL) | O_NONBLOCK);
    fcntl(err_pipe[0], F_SETFL, fcntl(err_pipe[0], F_GETFL) | O_NONBLOCK);
    *pid = child;
    *input = in_pipe[1];
    *output = out_pipe[0];
    *errors = err_pipe[0];
    return 0;
}

int assay_become_subreaper(void) {
#ifdef __linux__
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0 ? 0 : errno;
#else
    return ENOSYS;
#endif
}

/* The parent pid in /proc/PID/stat: the field after the command name, which ends at the last ')'. */
static pid_t parent_of(const char *pid) {
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%s/stat", pid);
    FILE *file = fopen(path, "re");
    if (file == NULL) return -1;
    size_t got = fread(line, 1, sizeof line - 1, file);
    fclose(file);
    line[got] = 0;
    char *end = strrchr(line, ')');
    if (end == NULL) return -1;
    char state = 0;
    int parent = -1;
    if (sscanf(end + 1, " %c %d", &state, &parent) != 2) return -1;
    return (pid_t)parent;
}

int assay_kill_descendants(void) {
    int killed = 0;
    pid_t self = getpid();
    /* Killing a child can re-parent its own children to us: repeat until none is left. */
    for (int round = 0; round < 16; round++) {
        DIR *proc = opendir("/proc");
        if (proc == NULL) return killed;
        int found = 0;
        struct dirent *entry;
        while ((entry = readdir(proc)) != NULL) {
            if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
            if (parent_of(entry->d_name) != self) continue;
            pid_t pid = (pid_t)atoi(entry->d_name);
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {}
            found++;
        }
        closedir(proc);
        killed += found;
        if (found == 0) break;
    }
    return killed;
}
