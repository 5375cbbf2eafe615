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
 *
 * Stopping a child (timeout, too much output, a signal to mpd) is SIGTERM
 * to its process group, SIGKILL MPD_EXEC_KILL_GRACE_MS later, and at most
 * MPD_EXEC_REAP_GRACE_MS more of waiting.  A child mpd may not signal (it
 * became root through sudo: kill() fails with EPERM) can only be stopped
 * from its own side: the podman gateway runs `sudo -n timeout ... podman`
 * for that (podman_argv_limited).  When a child is still there after the
 * last wait, mpd_exec_run() fails and says so, with the kill() error and
 * the pid left running; it never reports a stop that did not happen.
 *
 * While a child runs, SIGINT, SIGTERM and SIGHUP sent to mpd (those not
 * ignored when mpd started) are forwarded to the child's group; once the
 * child is gone mpd ends by that same signal, so its parent sees it (a
 * shell reports 128+N).  A child on the terminal (MPD_EXEC_INHERIT_STDIO)
 * gets ^C from the terminal itself: there mpd ignores SIGINT/SIGQUIT and
 * forwards only TERM and HUP.
 */
#ifndef MPD_EXEC_H
#define MPD_EXEC_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define MPD_EXEC_KILL_GRACE_MS	1000	/* SIGTERM -> SIGKILL */
#define MPD_EXEC_REAP_GRACE_MS	2000	/* SIGKILL -> giving up */
/* The most bytes kept of one stream (stdout or stderr) by default. */
#define MPD_EXEC_OUTPUT_MAX	((size_t)64 * 1024 * 1024)

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
	size_t max_output;		/* bytes kept per stream; 0: the default
					   MPD_EXEC_OUTPUT_MAX */
};

/* Named `outcome`, not `result`: <mpd/plugin.h> owns the tag
 * `struct mpd_exec_result` (the plugin-facing shape), and the gateway
 * includes both headers. */
struct mpd_exec_outcome {
	int exit_status;	/* 0..255, or -1 when killed by a signal/timeout */
	int term_signal;	/* signal that ended the child, or 0 */
	int timed_out;		/* 1 when the timeout fired (the child was
				   stopped: it has ended) */
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
 *     stops that group (see the top of this file).  With
 *     MPD_EXEC_INHERIT_STDIO the child stays in our group (so the terminal
 *     works), only it is signalled, and we ignore SIGINT/SIGQUIT while it
 *     runs.
 *   - -1 also when the child could not be stopped (timeout or overflow:
 *     "... could not be stopped (kill: Operation not permitted); it is
 *     still running as pid N"), when more than spec->max_output bytes
 *     arrived on one stream ("'x' wrote more than 64 MiB on stdout, the
 *     most mpd keeps: it was stopped"), when its exit status cannot be
 *     known (waitpid failed: someone else reaped it), and when a forwarded
 *     signal was handled by the caller instead of ending mpd.
 *   - Works with SIGCHLD ignored (it is at its default for the run) and
 *     with any of fds 0-2 closed.
 *   - Once the child has exited, output still held open by a process it
 *     left behind is not waited for.
 *   - A child that does not read its stdin cannot kill mpd with SIGPIPE.
 *   - Only fds 0-2 reach the child; out and err are "" (never NULL) when
 *     nothing was captured.
 */
int mpd_exec_run(const struct mpd_exec_spec *spec, struct mpd_exec_outcome *res,
		 struct mpd_err *e);

/* Make this process fit to run children; main() calls it first.  Opens
 * /dev/null on any of fds 0-2 that is closed (so no pipe mpd opens later
 * lands there) and puts SIGCHLD back to its default when it was inherited
 * ignored (else exit statuses are lost).  0, or -1 with `e` set when
 * /dev/null cannot be opened. */
int mpd_exec_init_process(struct mpd_err *e);

/* Free the buffers inside `res` (not `res` itself); safe on a zeroed res. */
void mpd_exec_result_free(struct mpd_exec_outcome *res);

/* Number of processes started so far by this process (for --debug counts,
 * bench/ and tests): every successful fork, including one whose exec then
 * failed; a command not found in PATH starts nothing and is not counted. */
unsigned long mpd_exec_count(void);

#endif
