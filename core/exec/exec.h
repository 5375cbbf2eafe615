/* exec.h - THE exec boundary: the only place mpd starts processes.
 *
 * Every process mpd runs (podman, sudo, update-ca-certificates, ...) is
 * started by mpd_exec_run() from an argv array, never a shell string.  The
 * child gets a clean environment built from an allow-list (PATH, HOME, LANG,
 * LC_*, TERM, USER, LOGNAME, TMPDIR, CONTAINERS_CONF, XDG_RUNTIME_DIR and
 * the caller's `env` entries), an optional working directory, optional stdin
 * bytes and a timeout.  stdout/stderr are captured (or, with
 * MPD_EXEC_INHERIT_STDIO, passed through to the user's terminal).  Every
 * spawn is counted and, with --debug, logged with its argv, exit status and
 * duration.
 */
#ifndef MPD_EXEC_H
#define MPD_EXEC_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

enum mpd_exec_flags {
	MPD_EXEC_INHERIT_STDIO = 1u << 0,	/* no capture: child uses our tty */
	MPD_EXEC_KEEP_ENV = 1u << 1,		/* pass the whole environment */
};

struct mpd_exec_spec {
	const char *const *argv;	/* argv[0] is looked up in PATH */
	const char *const *env;		/* extra "KEY=VALUE", NULL-terminated or NULL */
	const char *cwd;		/* NULL: inherit */
	const void *stdin_data;		/* NULL: /dev/null */
	size_t stdin_len;
	int timeout_ms;			/* <= 0: no timeout */
	uint32_t flags;			/* enum mpd_exec_flags */
};

/* Named `outcome`, not `result`: <mpd/plugin.h> owns the tag
 * `struct mpd_exec_result` (the plugin-facing shape), and the gateway
 * includes both headers. */
struct mpd_exec_outcome {
	int exit_status;	/* 0..255, or -1 when killed by a signal/timeout */
	int term_signal;	/* signal that ended the child, or 0 */
	int timed_out;		/* 1 when the timeout fired (child was killed) */
	char *out;		/* captured stdout, NUL-terminated, malloc'ed */
	size_t out_len;
	char *err;		/* captured stderr, NUL-terminated, malloc'ed */
	size_t err_len;
	double seconds;		/* wall time */
};

/*
 * Run spec->argv and wait for it.  Returns 0 when the process was started
 * and waited for (whatever its exit status: check res->exit_status), -1 when
 * it could not be started (e.g. not found) with `e` filled.  On return the
 * caller owns res->out and res->err: release them with
 * mpd_exec_result_free().  On -1, res holds nothing to free.
 *
 * Details callers may rely on:
 *   - argv[0] is looked up in the child's PATH (the allow-listed one, or
 *     spec->env's; a default system PATH when there is none).  Not found:
 *     -1, "cannot run 'podman': not found in PATH; install it: apt-get
 *     install podman" (the hint names the package for commands mpd uses).
 *   - Captured runs put the child in a process group of its own; a timeout
 *     sends SIGTERM to that group, SIGKILL one second later.  With
 *     MPD_EXEC_INHERIT_STDIO the child stays in our group (so the terminal
 *     works), only it is signalled, and we ignore SIGINT/SIGQUIT while it
 *     runs.
 *   - Once the child has exited, output still held open by a process it
 *     left behind is not waited for.
 *   - A child that does not read its stdin cannot kill mpd with SIGPIPE.
 *   - Only fds 0-2 reach the child; out and err are "" (never NULL) when
 *     nothing was captured.
 */
int mpd_exec_run(const struct mpd_exec_spec *spec, struct mpd_exec_outcome *res,
		 struct mpd_err *e);

/* Free the buffers inside `res` (not `res` itself); safe on a zeroed res. */
void mpd_exec_result_free(struct mpd_exec_outcome *res);

/* Number of processes started so far by this process (for --debug counts,
 * bench/ and tests): every successful fork, including one whose exec then
 * failed; a command not found in PATH starts nothing and is not counted. */
unsigned long mpd_exec_count(void);

#endif
