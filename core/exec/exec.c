/* exec.c - THE exec boundary: the only file that starts processes.
 *
 * mpd_exec_run() (see exec.h) in outline:
 *   1. build the child's environment from the allow-list (or the whole
 *      environment with MPD_EXEC_KEEP_ENV) plus spec->env;
 *   2. look argv[0] up in that environment's PATH, so "not found" is a
 *      clear message before anything is forked;
 *   3. fork; the child joins a process group of its own (unless it shares
 *      our terminal), resets signal dispositions and mask, wires stdin /
 *      stdout / stderr, changes directory and execs.  A failure after the
 *      fork is reported through a close-on-exec pipe: EOF on it means the
 *      exec succeeded;
 *   4. the parent feeds stdin and drains stdout/stderr with poll() (never
 *      blocking on one while the other fills, keeping at most max_output
 *      bytes of each), watches the child through a pidfd (or 50 ms polling
 *      where there is none) and the signals it forwards through a
 *      signalfd; to stop the child (timeout, overflow, a signal) it sends
 *      SIGTERM (or the signal) to the group, SIGKILL after
 *      MPD_EXEC_KILL_GRACE_MS, and gives up MPD_EXEC_REAP_GRACE_MS later,
 *      leaving the child unreaped and saying so;
 *   5. once the child has exited it reads what is left in the pipes without
 *      waiting for EOF: a grandchild that keeps them open does not hold mpd.
 * SIGPIPE is blocked for the duration (a child that does not read stdin
 * makes write() fail with EPIPE instead of killing mpd) and a SIGPIPE this
 * call raised is consumed before the old mask is restored.  INT/TERM/HUP
 * are blocked too and read from the signalfd; one that arrived is raised
 * again once the child is gone.  SIGCHLD, when ignored, is at its default
 * for the duration (an ignored SIGCHLD reaps children by itself).
 */
#include "exec.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "strv.h"

extern char **environ;

#define EXEC_POLL_SLICE_MS	50	/* child watch without a pidfd */
#define EXEC_READ_CHUNK		65536
#define EXEC_DEFAULT_PATH \
	"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

static unsigned long spawn_count;

/* Variables a child inherits (plus every LC_*). */
static const char *const env_allow[] = {
	"PATH", "HOME", "LANG", "TERM", "USER", "LOGNAME", "TMPDIR",
	"CONTAINERS_CONF", "XDG_RUNTIME_DIR", NULL,
};

/* Where a missing command comes from, for the "install it" hint. */
static const struct {
	const char *cmd;
	const char *package;
} install_hints[] = {
	{ "podman", "podman" },
	{ "sudo", "sudo" },
	{ "update-ca-certificates", "ca-certificates" },
	{ "ssh-keygen", "openssh-client" },
	{ "debootstrap", "debootstrap" },
	{ "systemctl", "systemd" },
	{ "nsenter", "util-linux" },
	{ "ip", "iproute2" },
	{ "tar", "tar" },
};

/* What the child reports through the error pipe when it cannot exec. */
enum child_stage { STAGE_FDS = 1, STAGE_CHDIR, STAGE_EXEC };
struct child_report {
	int stage;
	int err;
};

struct child_setup {
	const char *path;	/* resolved executable */
	char *const *argv;
	char *const *envp;
	const char *cwd;
	int fd[3];		/* stdin/stdout/stderr for the child; -1: inherit */
	int report_fd;
	bool own_group;
	long max_fd;		/* for the close-on-exec sweep without close_range */
};

struct capture {
	int fd;
	char *buf;
	size_t len;
	size_t cap;
};

/* ---- small helpers ------------------------------------------------------ */

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
close_fd(int *fd)
{
	if (*fd >= 0) {
		close(*fd);
		*fd = -1;
	}
}

static int
set_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0)
		return -1;
	return fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* Length of the KEY in "KEY=VALUE", or 0 when `kv` is not of that shape
 * (KEY: a letter or '_', then letters, digits, '_'). */
static size_t
env_key_len(const char *kv)
{
	size_t n = 0;

	if (kv == NULL)
		return 0;
	for (; kv[n] != '\0' && kv[n] != '='; n++) {
		char c = kv[n];
		bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    c == '_' || (n > 0 && c >= '0' && c <= '9');

		if (!ok)
			return 0;
	}
	return kv[n] == '=' ? n : 0;
}

static bool
env_allowed(const char *kv)
{
	size_t n = env_key_len(kv);

	if (n == 0)
		return false;
	if (n > 3 && strncmp(kv, "LC_", 3) == 0)
		return true;
	for (const char *const *a = env_allow; *a != NULL; a++)
		if (strlen(*a) == n && strncmp(kv, *a, n) == 0)
			return true;
	return false;
}

/* Set "KEY=VALUE" in the builder, replacing an entry with the same key. */
static int
env_put(struct strv *b, const char *kv)
{
	size_t n = env_key_len(kv);

	for (size_t i = 0; i < b->len; i++) {
		if (strncmp(b->v[i], kv, n + 1) == 0) {
			char *copy = strdup(kv);

			if (copy == NULL) {
				b->oom = 1;
				return -1;
			}
			free(b->v[i]);
			b->v[i] = copy;
			return 0;
		}
	}
	return strv_push(b, kv);
}

static const char *
env_lookup(char *const *envp, const char *key)
{
	size_t n = strlen(key);

	for (; *envp != NULL; envp++)
		if (strncmp(*envp, key, n) == 0 && (*envp)[n] == '=')
			return *envp + n + 1;
	return NULL;
}

/* The child's environment; caller frees (strv_free).  NULL with `e` set. */
static char **
build_env(const struct mpd_exec_spec *spec, struct mpd_err *e)
{
	struct strv b = STRV_INIT;
	bool keep = (spec->flags & MPD_EXEC_KEEP_ENV) != 0;
	char **v;

	for (char **p = environ; p != NULL && *p != NULL; p++)
		if (env_key_len(*p) > 0 && (keep || env_allowed(*p)))
			env_put(&b, *p);
	if (spec->env != NULL) {
		for (const char *const *p = spec->env; *p != NULL; p++) {
			if (env_key_len(*p) == 0) {
				strv_reset(&b);
				mpd_err_set(e, MPD_ERR_EXEC,
				    "cannot run '%s': environment entry '%.64s' is "
				    "not KEY=VALUE", spec->argv[0], *p);
				return NULL;
			}
			env_put(&b, *p);
		}
	}
	v = strv_take(&b);
	if (v != NULL && env_lookup(v, "PATH") == NULL) {
		struct strv again = STRV_INIT;

		strv_pushv(&again, strv_const(v));
		strv_push(&again, "PATH=" EXEC_DEFAULT_PATH);
		strv_free(v);
		v = strv_take(&again);
	}
	if (v == NULL)
		mpd_err_set(e, MPD_ERR_EXEC, "cannot run '%s': out of memory",
			    spec->argv[0]);
	return v;
}

/* argv[0] resolved against `path` (a PATH value).  Caller frees.  NULL with
 * errno ENOENT (not found) or ENOMEM. */
static char *
resolve_command(const char *name, const char *path)
{
	const char *p = path;

	if (strchr(name, '/') != NULL) {
		char *s = strdup(name);

		if (s == NULL)
			errno = ENOMEM;
		return s;
	}
	for (;;) {
		const char *colon = strchr(p, ':');
		size_t dlen = colon ? (size_t)(colon - p) : strlen(p);
		struct stat st;
		char *cand = NULL;

		if (asprintf(&cand, "%.*s/%s", (int)(dlen ? dlen : 1),
			     dlen ? p : ".", name) < 0) {
			errno = ENOMEM;
			return NULL;
		}
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(cand, X_OK) == 0)
			return cand;
		free(cand);
		if (colon == NULL)
			break;
		p = colon + 1;
	}
	errno = ENOENT;
	return NULL;
}

static int
not_found(const char *name, struct mpd_err *e)
{
	const char *base = strrchr(name, '/');
	const char *where = base ? "no such file" : "not found in PATH";

	base = base ? base + 1 : name;
	for (size_t i = 0; i < sizeof install_hints / sizeof install_hints[0];
	     i++)
		if (strcmp(base, install_hints[i].cmd) == 0)
			return mpd_err_set(e, MPD_ERR_EXEC,
			    "cannot run '%s': %s; install it: apt-get install "
			    "%s", name, where, install_hints[i].package);
	return mpd_err_set(e, MPD_ERR_EXEC,
	    "cannot run '%s': %s; install the package that provides it", name,
	    where);
}

/* Append `s` to the display line, single-quoted when the shell would need
 * it.  Only for --debug output: nothing is ever run through a shell. */
static void
display_arg(struct strv *line, const char *s)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-";
	size_t n = strlen(s);
	char *q, *w;

	if (n > 0 && strspn(s, safe) == n) {
		strv_push(line, s);
		return;
	}
	q = malloc(n * 4 + 3);
	if (q == NULL) {
		line->oom = 1;
		return;
	}
	w = q;
	*w++ = '\'';
	for (const char *r = s; *r; r++) {
		if (*r == '\'') {
			memcpy(w, "'\\''", 4);
			w += 4;
		} else {
			*w++ = *r;
		}
	}
	*w++ = '\'';
	*w = '\0';
	strv_push(line, q);
	free(q);
}

static void
log_spawn(const struct mpd_exec_spec *spec, const struct mpd_exec_outcome *r)
{
	struct strv words = STRV_INIT;
	char **v;
	size_t total = 1;
	char *line, *w;

	if (!mpd_log_debug_enabled())
		return;
	for (const char *const *a = spec->argv; *a != NULL; a++)
		display_arg(&words, *a);
	v = strv_take(&words);
	if (v == NULL)
		return;
	for (char **p = v; *p; p++)
		total += strlen(*p) + 1;
	line = malloc(total);
	if (line != NULL) {
		w = line;
		for (char **p = v; *p; p++) {
			size_t n = strlen(*p);

			if (w != line)
				*w++ = ' ';
			memcpy(w, *p, n);
			w += n;
		}
		*w = '\0';
		if (r->timed_out)
			mpd_debug("exec: %s -> timeout, killed by signal %d "
				  "(%.3f s)", line, r->term_signal, r->seconds);
		else if (r->term_signal != 0)
			mpd_debug("exec: %s -> signal %d (%.3f s)", line,
				  r->term_signal, r->seconds);
		else
			mpd_debug("exec: %s -> exit %d (%.3f s)", line,
				  r->exit_status, r->seconds);
		free(line);
	}
	strv_free(v);
}

/* ---- the child ---------------------------------------------------------- */

static void
child_report(int fd, enum child_stage stage, int err)
{
	struct child_report r = { .stage = stage, .err = err };
	ssize_t n;

	do {
		n = write(fd, &r, sizeof r);
	} while (n < 0 && errno == EINTR);
	_exit(127);
}

/* Runs between fork and exec: async-signal-safe calls only. */
__attribute__((noreturn)) static void
child_exec(const struct child_setup *c)
{
	struct sigaction dfl;
	sigset_t none;
	int fd[3], report = c->report_fd;

	if (c->own_group)
		setpgid(0, 0);
	/* the report pipe too: with fds 0-2 closed in mpd it may sit on one of
	 * them, where a dup2 below would silently replace it */
	if (report < 3 && (report = fcntl(report, F_DUPFD_CLOEXEC, 3)) < 0)
		_exit(127);
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	for (int s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP)
			sigaction(s, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	/* lift our ends above 2 first, so no dup2 below clobbers another */
	for (int i = 0; i < 3; i++) {
		fd[i] = -1;
		if (c->fd[i] >= 0) {
			fd[i] = fcntl(c->fd[i], F_DUPFD_CLOEXEC, 3);
			if (fd[i] < 0)
				child_report(report, STAGE_FDS, errno);
		}
	}
	for (int i = 0; i < 3; i++)
		if (fd[i] >= 0 && dup2(fd[i], i) < 0)
			child_report(report, STAGE_FDS, errno);
	if (c->cwd != NULL && chdir(c->cwd) != 0)
		child_report(report, STAGE_CHDIR, errno);
	/* nothing we did not hand over on purpose reaches the command */
#ifdef SYS_close_range
	if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) != 0)
#endif
	{
		for (long f = 3; f < c->max_fd; f++) {
			int fl = fcntl((int)f, F_GETFD);

			if (fl >= 0 && !(fl & FD_CLOEXEC))
				fcntl((int)f, F_SETFD, fl | FD_CLOEXEC);
		}
	}
	execve(c->path, c->argv, c->envp);
	child_report(report, STAGE_EXEC, errno);
	_exit(127);	/* not reached */
}

/* ---- the parent --------------------------------------------------------- */

enum capture_status {
	CAP_NOMEM = -1,
	CAP_MORE = 0,	/* drained for now */
	CAP_DONE = 1,	/* EOF or error: fd closed */
	CAP_FULL = 2,	/* more than the limit arrived: fd closed, the rest
			   dropped */
};

/* Read what is there, keeping at most `max` bytes (enum capture_status). */
static int
capture_read(struct capture *c, size_t max)
{
	for (;;) {
		size_t want;
		ssize_t n;

		if (c->cap - c->len < EXEC_READ_CHUNK + 1) {
			size_t ncap = c->cap ? c->cap * 2 : EXEC_READ_CHUNK * 2;
			size_t most = max + EXEC_READ_CHUNK + 1;
			char *nb;

			while (ncap - c->len < EXEC_READ_CHUNK + 1)
				ncap *= 2;
			if (ncap > most && most - c->len >= EXEC_READ_CHUNK + 1)
				ncap = most;	/* never twice the limit */
			nb = realloc(c->buf, ncap);
			if (nb == NULL)
				return CAP_NOMEM;
			c->buf = nb;
			c->cap = ncap;
		}
		/* one byte past the limit tells "too much" from "exactly max" */
		want = max - c->len + 1;
		if (want > EXEC_READ_CHUNK)
			want = EXEC_READ_CHUNK;
		n = read(c->fd, c->buf + c->len, want);
		if (n > 0) {
			c->len += (size_t)n;
			if (c->len > max) {
				c->len = max;
				close_fd(&c->fd);
				return CAP_FULL;
			}
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return CAP_MORE;
		close_fd(&c->fd);
		return CAP_DONE;
	}
}

/* The captured bytes as a NUL-terminated string (empty when none). */
static char *
capture_finish(struct capture *c, size_t *len)
{
	char *s = c->buf;

	if (s == NULL)
		s = calloc(1, 1);
	else
		s[c->len] = '\0';
	*len = s ? c->len : 0;
	c->buf = NULL;
	c->len = c->cap = 0;
	return s;
}

/* 0 when `pid` has exited (still a zombie: not reaped) or cannot be waited
 * for, 1 when it runs. */
static int
child_running(pid_t pid)
{
	siginfo_t si;

	memset(&si, 0, sizeof si);
	while (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) != 0)
		if (errno != EINTR)
			return 0;
	return si.si_pid == pid ? 0 : 1;
}

static int
open_pidfd(pid_t pid)
{
#ifdef SYS_pidfd_open
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);

	if (fd >= 0) {
		fcntl(fd, F_SETFD, FD_CLOEXEC);
		return fd;
	}
#else
	(void)pid;
#endif
	return -1;
}

/* Why the child is being stopped (the first reason wins). */
enum stop_reason {
	STOP_NONE,
	STOP_TIMEOUT,
	STOP_OVERFLOW,
	STOP_SIGNAL,
	STOP_NOMEM,
};

struct run {
	pid_t pid;
	bool own_group;
	int in_fd;
	const unsigned char *in_data;
	size_t in_len;
	size_t in_off;
	struct capture out;
	struct capture err;
	size_t max_output;
	int pidfd;
	int sigfd;		/* the forwarded signals, or -1 */
	int timeout_ms;
	double start;
	bool timed_out;
	enum stop_reason why;
	bool nomem;
	const char *full;	/* "stdout" or "stderr": passed max_output */
	int got_signal;		/* the first forwarded signal, or 0 */
	double kill_at;		/* stopping: when SIGKILL follows (0: not yet) */
	double give_up_at;	/* SIGKILL sent: when we stop waiting */
	int kill_errno;		/* a kill() that failed (not ESRCH), or 0 */
	bool abandoned;		/* still running when we gave up: not reaped */
	int wait_errno;		/* waitpid failed with this, or 0 */
	int status;
};

static void
signal_child(struct run *r, int sig)
{
	/* a group kill succeeds when any member got it: EPERM means none */
	if (kill(r->own_group ? -r->pid : r->pid, sig) != 0 && errno != ESRCH)
		r->kill_errno = errno;
}

/* Begin stopping the child (or, when already stopping, pass `sig` on):
 * `sig` now, SIGKILL after the grace. */
static void
stop_child(struct run *r, enum stop_reason why, int sig, double now)
{
	if (r->why == STOP_NONE)
		r->why = why;
	if (r->kill_at == 0 && r->give_up_at == 0)
		r->kill_at = now + MPD_EXEC_KILL_GRACE_MS / 1000.0;
	signal_child(r, sig);
}

static void
kill_child(struct run *r, double now)
{
	r->kill_at = 0;
	if (r->give_up_at == 0)
		r->give_up_at = now + MPD_EXEC_REAP_GRACE_MS / 1000.0;
	signal_child(r, SIGKILL);
}

static void
feed_stdin(struct run *r)
{
	while (r->in_off < r->in_len) {
		size_t left = r->in_len - r->in_off;
		ssize_t n = write(r->in_fd, r->in_data + r->in_off,
				  left > EXEC_READ_CHUNK ? EXEC_READ_CHUNK : left);

		if (n > 0) {
			r->in_off += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		break;	/* EPIPE: the child does not want (more) input */
	}
	close_fd(&r->in_fd);
}

/* Take what one stream holds; stop the child when it says too much. */
static void
drain(struct run *r, struct capture *c, const char *name)
{
	if (c->fd < 0)
		return;
	switch (capture_read(c, r->max_output)) {
	case CAP_NOMEM:
		if (!r->nomem) {
			r->nomem = true;
			if (r->why == STOP_NONE)
				r->why = STOP_NOMEM;
			kill_child(r, now_seconds());
		}
		close_fd(&r->out.fd);
		close_fd(&r->err.fd);
		break;
	case CAP_FULL:
		if (r->full == NULL)
			r->full = name;
		stop_child(r, STOP_OVERFLOW, SIGTERM, now_seconds());
		break;
	default:
		break;
	}
}

/* Pass every signal mpd received on to the child. */
static void
forward_signals(struct run *r)
{
	struct signalfd_siginfo si;

	while (read(r->sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
		int sig = (int)si.ssi_signo;

		if (r->got_signal == 0)
			r->got_signal = sig;
		stop_child(r, STOP_SIGNAL, sig, now_seconds());
	}
}

/* Milliseconds from `now` until `at` (at least 1), folded into *wait_ms. */
static void
wake_at(double at, double now, int *wait_ms)
{
	double ms = (at - now) * 1000.0 + 1;
	int n = ms > 86400000.0 ? 86400000 : ms < 1 ? 1 : (int)ms;

	if (at > 0 && (*wait_ms < 0 || n < *wait_ms))
		*wait_ms = n;
}

/* Feed, drain and watch until the child has exited; then reap it.  Gives up
 * (r->abandoned, not reaped) when it is still there MPD_EXEC_REAP_GRACE_MS
 * after SIGKILL. */
static void
supervise(struct run *r)
{
	double deadline = r->timeout_ms > 0 ?
	    r->start + r->timeout_ms / 1000.0 : 0;

	if (r->in_fd >= 0 && r->in_off >= r->in_len)
		close_fd(&r->in_fd);
	for (;;) {
		struct pollfd pfd[5];
		int nfd = 0, wait_ms = -1, in_i = -1, out_i = -1, err_i = -1;
		int sig_i = -1;
		double now = now_seconds();

		if (deadline > 0 && !r->timed_out && now >= deadline) {
			r->timed_out = true;
			stop_child(r, STOP_TIMEOUT, SIGTERM, now);
		}
		if (r->kill_at > 0 && now >= r->kill_at)
			kill_child(r, now);
		if (r->give_up_at > 0 && now >= r->give_up_at &&
		    child_running(r->pid)) {
			r->abandoned = true;
			break;
		}
		if (r->in_fd >= 0) {
			in_i = nfd;
			pfd[nfd++] = (struct pollfd){ r->in_fd, POLLOUT, 0 };
		}
		if (r->out.fd >= 0) {
			out_i = nfd;
			pfd[nfd++] = (struct pollfd){ r->out.fd, POLLIN, 0 };
		}
		if (r->err.fd >= 0) {
			err_i = nfd;
			pfd[nfd++] = (struct pollfd){ r->err.fd, POLLIN, 0 };
		}
		if (r->sigfd >= 0) {
			sig_i = nfd;
			pfd[nfd++] = (struct pollfd){ r->sigfd, POLLIN, 0 };
		}
		if (r->pidfd >= 0)
			pfd[nfd++] = (struct pollfd){ r->pidfd, POLLIN, 0 };
		else
			wait_ms = EXEC_POLL_SLICE_MS;
		if (!r->timed_out)
			wake_at(deadline, now, &wait_ms);
		wake_at(r->kill_at, now, &wait_ms);
		wake_at(r->give_up_at, now, &wait_ms);
		if (poll(pfd, (nfds_t)nfd, wait_ms) < 0) {
			/* EINTR: look again; ENOMEM: wait a slice, not spin */
			struct timespec slice = { 0, EXEC_POLL_SLICE_MS * 1000000L };

			if (errno != EINTR)
				nanosleep(&slice, NULL);
			continue;
		}
		if (sig_i >= 0 && pfd[sig_i].revents != 0)
			forward_signals(r);
		if (in_i >= 0 && pfd[in_i].revents != 0 && r->in_fd >= 0)
			feed_stdin(r);
		if (out_i >= 0 && pfd[out_i].revents != 0)
			drain(r, &r->out, "stdout");
		if (err_i >= 0 && pfd[err_i].revents != 0)
			drain(r, &r->err, "stderr");
		if (child_running(r->pid))
			continue;
		/* exited: take what the pipes hold, leave the rest behind */
		drain(r, &r->out, "stdout");
		drain(r, &r->err, "stderr");
		/* still a zombie, so its group id cannot have been reused */
		if (r->why != STOP_NONE && r->own_group)
			kill(-r->pid, SIGKILL);
		break;
	}
	close_fd(&r->out.fd);
	close_fd(&r->err.fd);
	close_fd(&r->in_fd);
	if (r->abandoned)
		return;
	while (waitpid(r->pid, &r->status, 0) < 0) {
		if (errno != EINTR) {
			r->wait_errno = errno;
			break;
		}
	}
}

static int
start_failed(const char *name, const char *cwd, const struct child_report *rep,
	     struct mpd_err *e)
{
	if (rep->stage == STAGE_EXEC && rep->err == ENOENT)
		return not_found(name, e);
	if (rep->stage == STAGE_CHDIR)
		return mpd_err_set(e, MPD_ERR_EXEC,
		    "cannot run '%s': cannot enter directory '%s': %s", name,
		    cwd, strerror(rep->err));
	if (rep->stage == STAGE_EXEC && rep->err == EACCES)
		return mpd_err_set(e, MPD_ERR_EXEC,
		    "cannot run '%s': permission denied (is it executable?)",
		    name);
	return mpd_err_set(e, MPD_ERR_EXEC, "cannot run '%s': %s", name,
			   strerror(rep->err));
}

/* "64 MiB", "512 KiB" or "1000 bytes", into buf (caller's). */
static const char *
format_size(size_t n, char *buf, size_t len)
{
	if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		snprintf(buf, len, "%zu MiB", n / (1024 * 1024));
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(buf, len, "%zu KiB", n / 1024);
	else
		snprintf(buf, len, "%zu bytes", n);
	return buf;
}

/* What the stop was for, as a phrase after the command's name. */
static const char *
stop_reason_text(const struct run *r, char *buf, size_t len)
{
	char size[32];

	switch (r->why) {
	case STOP_TIMEOUT:
		snprintf(buf, len, "timed out after %g s",
			 r->timeout_ms / 1000.0);
		break;
	case STOP_OVERFLOW:
		snprintf(buf, len, "wrote more than %s on %s",
			 format_size(r->max_output, size, sizeof size),
			 r->full ? r->full : "its output");
		break;
	case STOP_SIGNAL:
		snprintf(buf, len, "was interrupted: mpd received %s",
			 r->got_signal == SIGINT ? "SIGINT" :
			 r->got_signal == SIGTERM ? "SIGTERM" :
			 r->got_signal == SIGHUP ? "SIGHUP" : "a signal");
		break;
	case STOP_NOMEM:
		snprintf(buf, len, "was stopped: out of memory capturing its "
			 "output");
		break;
	default:
		snprintf(buf, len, "was stopped");
		break;
	}
	return buf;
}

/* The one line for a child that is still running after the last wait. */
static int
abandoned_error(const char *name, const struct run *r, struct mpd_err *e)
{
	char why[128];

	return mpd_err_set(e, MPD_ERR_TIMEOUT,
	    "'%s' %s and could not be stopped (%s%s); it is still running as "
	    "pid %d", name, stop_reason_text(r, why, sizeof why),
	    r->kill_errno ? "kill: " : "still there after SIGKILL",
	    r->kill_errno ? strerror(r->kill_errno) : "", (int)r->pid);
}

/* Everything a run holds before and after the fork. */
struct plumbing {
	char **envp;
	char *path;
	int in[2];
	int out[2];
	int err[2];
	int report[2];
	int devnull;
};

static void
plumbing_close(struct plumbing *p)
{
	for (int i = 0; i < 2; i++) {
		close_fd(&p->in[i]);
		close_fd(&p->out[i]);
		close_fd(&p->err[i]);
		close_fd(&p->report[i]);
	}
	close_fd(&p->devnull);
	strv_free(p->envp);
	free(p->path);
	p->envp = NULL;
	p->path = NULL;
}

static int
plumbing_open(const struct mpd_exec_spec *spec, struct plumbing *p,
	      struct mpd_err *e)
{
	bool inherit = (spec->flags & MPD_EXEC_INHERIT_STDIO) != 0;
	const char *name = spec->argv[0];

	p->envp = build_env(spec, e);
	if (p->envp == NULL)
		return -1;
	p->path = resolve_command(name, env_lookup(p->envp, "PATH"));
	if (p->path == NULL)
		return errno == ENOENT ? not_found(name, e) :
		    mpd_err_set(e, MPD_ERR_EXEC, "cannot run '%s': %s", name,
				strerror(errno));
	if (pipe2(p->report, O_CLOEXEC) != 0)
		goto fail;
	if (spec->stdin_data != NULL) {
		if (pipe2(p->in, O_CLOEXEC) != 0 || set_nonblock(p->in[1]) != 0)
			goto fail;
	} else if (!inherit) {
		p->devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (p->devnull < 0)
			goto fail;
	}
	if (!inherit) {
		if (pipe2(p->out, O_CLOEXEC) != 0 ||
		    pipe2(p->err, O_CLOEXEC) != 0 ||
		    set_nonblock(p->out[0]) != 0 || set_nonblock(p->err[0]) != 0)
			goto fail;
	}
	return 0;
fail:
	return mpd_err_set(e, MPD_ERR_EXEC, "cannot run '%s': %s", name,
			   strerror(errno));
}

static void
outcome_fill(struct mpd_exec_outcome *res, struct run *r)
{
	res->timed_out = r->timed_out ? 1 : 0;
	if (WIFEXITED(r->status) && !r->timed_out) {
		res->exit_status = WEXITSTATUS(r->status);
	} else {
		res->exit_status = -1;
		res->term_signal = WIFSIGNALED(r->status) ?
		    WTERMSIG(r->status) : 0;
	}
	res->out = capture_finish(&r->out, &res->out_len);
	res->err = capture_finish(&r->err, &res->err_len);
	res->seconds = now_seconds() - r->start;
}

/* The signals passed on to the child: INT (not for a child on our
 * terminal, which gets ^C itself), TERM, HUP; none that mpd ignores (nohup)
 * or has blocked. */
static void
forwarded_set(bool inherit, sigset_t *set)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	sigset_t mask;

	sigemptyset(set);
	sigprocmask(SIG_BLOCK, NULL, &mask);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction cur;

		if (inherit && sigs[i] == SIGINT)
			continue;
		if (sigaction(sigs[i], NULL, &cur) != 0 ||
		    cur.sa_handler == SIG_IGN || sigismember(&mask, sigs[i]))
			continue;
		sigaddset(set, sigs[i]);
	}
}

/* An ignored SIGCHLD (or SA_NOCLDWAIT) makes the kernel reap children
 * itself and waitpid() fail: put it at its default.  1 when it was
 * changed (*old holds what to restore). */
static int
sigchld_default(struct sigaction *old)
{
	struct sigaction dfl;

	if (sigaction(SIGCHLD, NULL, old) != 0 ||
	    (old->sa_handler != SIG_IGN && !(old->sa_flags & SA_NOCLDWAIT)))
		return 0;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	return sigaction(SIGCHLD, &dfl, NULL) == 0;
}

int
mpd_exec_run(const struct mpd_exec_spec *spec, struct mpd_exec_outcome *res,
	     struct mpd_err *e)
{
	struct plumbing p = {
		.in = { -1, -1 }, .out = { -1, -1 }, .err = { -1, -1 },
		.report = { -1, -1 }, .devnull = -1,
	};
	struct run r = {
		.in_fd = -1, .out = { .fd = -1 }, .err = { .fd = -1 },
		.pidfd = -1, .sigfd = -1,
	};
	struct child_setup cs;
	struct child_report rep;
	struct sigaction ign, old_int, old_quit, old_chld;
	sigset_t pipe_set, fwd_set, block, old_mask, pending;
	bool inherit, pipe_was_pending, chld_changed;
	ssize_t n;
	int rc = -1;

	if (res != NULL)
		memset(res, 0, sizeof *res);
	if (spec == NULL || res == NULL || spec->argv == NULL ||
	    spec->argv[0] == NULL || spec->argv[0][0] == '\0')
		return mpd_err_set(e, MPD_ERR_EXEC,
				   "cannot run a command: no argv given");
	inherit = (spec->flags & MPD_EXEC_INHERIT_STDIO) != 0;
	if (plumbing_open(spec, &p, e) != 0) {
		plumbing_close(&p);
		return -1;
	}

	memset(&cs, 0, sizeof cs);
	cs.path = p.path;
	cs.argv = (char *const *)spec->argv;
	cs.envp = p.envp;
	cs.cwd = spec->cwd;
	cs.fd[0] = p.in[0] >= 0 ? p.in[0] : p.devnull;
	cs.fd[1] = p.out[1];
	cs.fd[2] = p.err[1];
	cs.report_fd = p.report[1];
	/* a child on our terminal stays in our group (job control, ^C) */
	cs.own_group = !inherit;
	cs.max_fd = sysconf(_SC_OPEN_MAX);
	if (cs.max_fd < 0 || cs.max_fd > 65536)
		cs.max_fd = 65536;
	r.max_output = spec->max_output > 0 ? spec->max_output :
	    MPD_EXEC_OUTPUT_MAX;
	if (r.max_output > SIZE_MAX / 4)
		r.max_output = SIZE_MAX / 4;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	forwarded_set(inherit, &fwd_set);
	sigpending(&pending);
	pipe_was_pending = sigismember(&pending, SIGPIPE) == 1;
	block = fwd_set;
	sigaddset(&block, SIGPIPE);
	sigprocmask(SIG_BLOCK, &block, &old_mask);
	r.sigfd = signalfd(-1, &fwd_set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (r.sigfd < 0) {
		/* cannot watch them: leave them as they were */
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		sigprocmask(SIG_BLOCK, &pipe_set, NULL);
	}
	if (inherit) {
		memset(&ign, 0, sizeof ign);
		ign.sa_handler = SIG_IGN;
		sigemptyset(&ign.sa_mask);
		sigaction(SIGINT, &ign, &old_int);
		sigaction(SIGQUIT, &ign, &old_quit);
	}
	chld_changed = sigchld_default(&old_chld);

	r.start = now_seconds();
	r.pid = fork();
	if (r.pid < 0) {
		mpd_err_set(e, MPD_ERR_EXEC, "cannot run '%s': fork: %s",
			    spec->argv[0], strerror(errno));
		goto out;
	}
	if (r.pid == 0)
		child_exec(&cs);
	spawn_count++;
	r.own_group = cs.own_group;
	if (r.own_group)
		setpgid(r.pid, r.pid);	/* also in the child: no race */
	close_fd(&p.report[1]);
	close_fd(&p.in[0]);
	close_fd(&p.out[1]);
	close_fd(&p.err[1]);
	close_fd(&p.devnull);

	do {
		n = read(p.report[0], &rep, sizeof rep);
	} while (n < 0 && errno == EINTR);
	if (n == (ssize_t)sizeof rep) {
		int status;

		while (waitpid(r.pid, &status, 0) < 0 && errno == EINTR)
			;
		start_failed(spec->argv[0], spec->cwd, &rep, e);
		goto out;
	}

	r.in_fd = p.in[1];
	p.in[1] = -1;
	r.in_data = spec->stdin_data;
	r.in_len = spec->stdin_data != NULL ? spec->stdin_len : 0;
	r.out.fd = p.out[0];
	r.err.fd = p.err[0];
	p.out[0] = p.err[0] = -1;
	r.pidfd = open_pidfd(r.pid);
	r.timeout_ms = spec->timeout_ms;
	supervise(&r);
	close_fd(&r.pidfd);
	if (r.abandoned) {
		abandoned_error(spec->argv[0], &r, e);
	} else if (r.got_signal != 0) {
		char why[128];

		mpd_err_set(e, MPD_ERR_FAIL, "'%s' %s", spec->argv[0],
			    stop_reason_text(&r, why, sizeof why));
	} else if (r.wait_errno != 0) {
		mpd_err_set(e, MPD_ERR_EXEC,
		    "cannot tell how '%s' ended: waitpid: %s (something else "
		    "reaped it)", spec->argv[0], strerror(r.wait_errno));
	} else if (r.nomem) {
		mpd_err_set(e, MPD_ERR_EXEC,
		    "'%s' was stopped: out of memory capturing its output",
		    spec->argv[0]);
	} else if (r.full != NULL) {
		char size[32];

		mpd_err_set(e, MPD_ERR_EXEC,
		    "'%s' wrote more than %s on %s, the most mpd keeps: it was "
		    "stopped", spec->argv[0],
		    format_size(r.max_output, size, sizeof size), r.full);
	} else {
		outcome_fill(res, &r);
		if (res->out == NULL || res->err == NULL) {
			mpd_exec_result_free(res);
			memset(res, 0, sizeof *res);
			mpd_err_set(e, MPD_ERR_EXEC,
				    "cannot run '%s': out of memory",
				    spec->argv[0]);
		} else {
			log_spawn(spec, res);
			rc = 0;
		}
	}
	free(r.out.buf);
	free(r.err.buf);
	r.out.buf = r.err.buf = NULL;
out:
	if (!pipe_was_pending) {
		struct timespec zero = { 0, 0 };

		sigpending(&pending);
		if (sigismember(&pending, SIGPIPE) == 1)
			while (sigtimedwait(&pipe_set, NULL, &zero) < 0 &&
			       errno == EINTR)
				;
	}
	close_fd(&r.sigfd);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	if (inherit) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
	}
	if (chld_changed)
		sigaction(SIGCHLD, &old_chld, NULL);
	close_fd(&r.in_fd);
	plumbing_close(&p);
	if (r.got_signal != 0) {
		/* the child is gone (or said to be not): now the signal does
		 * what it would have done, which for mpd is to end it */
		if (r.abandoned)
			mpd_warn("%s", e != NULL ? e->msg : "a child could not "
				 "be stopped");
		raise(r.got_signal);
		rc = -1;	/* the caller handles it: the error stands */
	}
	return rc;
}

/* Open /dev/null on each of fds 0-2 that is closed.  0 or -1 (errno). */
static int
std_fds_open(void)
{
	for (int fd = 0; fd < 3; fd++) {
		int nfd;

		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		nfd = open("/dev/null", O_RDWR);	/* the lowest free: fd */
		if (nfd < 0)
			return -1;
		if (nfd != fd) {
			int rc = dup2(nfd, fd);

			close(nfd);
			if (rc < 0)
				return -1;
		}
	}
	return 0;
}

int
mpd_exec_init_process(struct mpd_err *e)
{
	struct sigaction old;

	if (std_fds_open() != 0)
		return mpd_err_set(e, MPD_ERR_IO,
		    "cannot open /dev/null for a closed standard descriptor: %s",
		    strerror(errno));
	sigchld_default(&old);
	return 0;
}

void
mpd_exec_result_free(struct mpd_exec_outcome *res)
{
	if (res == NULL)
		return;
	free(res->out);
	free(res->err);
	res->out = res->err = NULL;
	res->out_len = res->err_len = 0;
}

unsigned long
mpd_exec_count(void)
{
	return spawn_count;
}
