/* test_exec.c - the exec boundary: statuses, signals, timeouts, pipes,
 * environment, working directory, start failures, counting, logging; a
 * signal to mpd reaching its child, SIGCHLD ignored, closed fds 0-2, the
 * output cap, and a child mpd may not signal (a set-user-ID fake sudo, run
 * from a process that became nobody: needs root, else skipped). */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "exec.h"
#include "log.h"
#include "podman.h"
#include "podman_argv.h"
#include "testutil.h"

#ifndef TOP_BUILDDIR
#define TOP_BUILDDIR "."
#endif

#define MIB (1024 * 1024)

static char *tmpdir;

static int
suite_setup(void)
{
	tmpdir = tu_mkdtemp();
	return tmpdir == NULL;
}

static int
suite_teardown(void)
{
	tu_rmrf(tmpdir);
	free(tmpdir);
	return 0;
}

/* Run argv with a timeout; asserts it started. */
static void
run_ok(const char *const *argv, int timeout_ms, struct mpd_exec_outcome *r)
{
	struct mpd_exec_spec s = { .argv = argv, .timeout_ms = timeout_ms };
	struct mpd_err e = { 0 };
	int rc = mpd_exec_run(&s, r, &e);

	CU_ASSERT_EQUAL(rc, 0);
	if (rc != 0)
		fprintf(stderr, "mpd_exec_run: %s\n", e.msg);
}

/* ---- statuses and signals ---------------------------------------------- */

static void
test_exit_status_and_capture(void)
{
	const char *const argv[] = {
		"sh", "-c", "printf out; printf err >&2; exit 3", NULL,
	};
	struct mpd_exec_outcome r;

	run_ok(argv, 0, &r);
	CU_ASSERT_EQUAL(r.exit_status, 3);
	CU_ASSERT_EQUAL(r.term_signal, 0);
	CU_ASSERT_EQUAL(r.timed_out, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "out");
	CU_ASSERT_EQUAL(r.out_len, 3);
	CU_ASSERT_STRING_EQUAL(r.err, "err");
	CU_ASSERT_EQUAL(r.err_len, 3);
	CU_ASSERT(r.seconds >= 0 && r.seconds < 5);
	mpd_exec_result_free(&r);
	CU_ASSERT_PTR_NULL(r.out);
	mpd_exec_result_free(&r);	/* twice is fine */
}

static void
test_empty_output_is_empty_string(void)
{
	const char *const argv[] = { "true", NULL };
	struct mpd_exec_outcome r;

	run_ok(argv, 0, &r);
	CU_ASSERT_EQUAL(r.exit_status, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r.out);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r.err);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	CU_ASSERT_EQUAL(r.out_len, 0);
	mpd_exec_result_free(&r);
}

static void
test_killed_by_signal(void)
{
	const char *const argv[] = { "sh", "-c", "kill -KILL $$", NULL };
	struct mpd_exec_outcome r;

	run_ok(argv, 0, &r);
	CU_ASSERT_EQUAL(r.exit_status, -1);
	CU_ASSERT_EQUAL(r.term_signal, SIGKILL);
	CU_ASSERT_EQUAL(r.timed_out, 0);
	mpd_exec_result_free(&r);
}

/* ---- timeouts ------------------------------------------------------------ */

static void
test_timeout_sigterm(void)
{
	const char *const argv[] = { "sleep", "10", NULL };
	struct mpd_exec_outcome r;

	run_ok(argv, 200, &r);
	CU_ASSERT_EQUAL(r.timed_out, 1);
	CU_ASSERT_EQUAL(r.exit_status, -1);
	CU_ASSERT_EQUAL(r.term_signal, SIGTERM);
	CU_ASSERT(r.seconds >= 0.19 && r.seconds < 3.0);	/* not the 10 s */
	mpd_exec_result_free(&r);
}

static void
test_timeout_ignoring_sigterm_gets_sigkill(void)
{
	/* the shell and its sleep both ignore TERM (inherited) */
	const char *const argv[] = {
		"sh", "-c", "trap '' TERM; echo ready; sleep 10; echo late", NULL,
	};
	struct mpd_exec_outcome r;

	run_ok(argv, 200, &r);
	CU_ASSERT_EQUAL(r.timed_out, 1);
	CU_ASSERT_EQUAL(r.exit_status, -1);
	CU_ASSERT_EQUAL(r.term_signal, SIGKILL);
	/* timeout + the one-second grace, not the full sleep */
	CU_ASSERT(r.seconds >= 1.1 && r.seconds < 4.0);
	CU_ASSERT_STRING_EQUAL(r.out, "ready\n");
	mpd_exec_result_free(&r);
}

/* True once `pid` is gone (or a zombie nobody reaps here). */
static int
process_gone(pid_t pid)
{
	char path[64], buf[256];
	FILE *f;

	for (int i = 0; i < 100; i++) {
		snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
		f = fopen(path, "r");
		if (f == NULL)
			return 1;
		if (fgets(buf, sizeof buf, f) != NULL) {
			char *p = strrchr(buf, ')');

			if (p != NULL && p[1] == ' ' && p[2] == 'Z') {
				fclose(f);
				return 1;
			}
		}
		fclose(f);
		usleep(20000);
	}
	return 0;
}

static void
test_grandchild_holding_pipes_does_not_hold_us(void)
{
	/* the background sleep keeps stdout and stderr open after sh exits */
	const char *const argv[] = {
		"sh", "-c", "sleep 30 & echo $!; echo bye >&2; exit 4", NULL,
	};
	struct mpd_exec_outcome r;
	pid_t grandchild;

	run_ok(argv, 0, &r);
	CU_ASSERT_EQUAL(r.exit_status, 4);
	CU_ASSERT(r.seconds < 5.0);
	CU_ASSERT_STRING_EQUAL(r.err, "bye\n");
	grandchild = (pid_t)atoi(r.out);
	CU_ASSERT_FATAL(grandchild > 1);
	CU_ASSERT_EQUAL(kill(grandchild, 0), 0);	/* left alone on success */
	kill(grandchild, SIGKILL);
	mpd_exec_result_free(&r);
}

static void
test_timeout_kills_whole_group(void)
{
	const char *const argv[] = {
		"sh", "-c", "sleep 30 & echo $!; wait", NULL,
	};
	struct mpd_exec_outcome r;
	pid_t grandchild;

	run_ok(argv, 300, &r);
	CU_ASSERT_EQUAL(r.timed_out, 1);
	CU_ASSERT(r.seconds < 5.0);
	grandchild = (pid_t)atoi(r.out);
	CU_ASSERT_FATAL(grandchild > 1);
	CU_ASSERT(process_gone(grandchild));
	mpd_exec_result_free(&r);
}

/* ---- pipes ------------------------------------------------------------------ */

static int
all_bytes(const char *buf, size_t len, char c)
{
	for (size_t i = 0; i < len; i++)
		if (buf[i] != c)
			return 0;
	return 1;
}

static void
test_big_output_on_both_streams(void)
{
	/* 10 MiB on each stream at the same time: no deadlock */
	const char *const argv[] = {
		"sh", "-c",
		"(head -c 10485760 /dev/zero | tr '\\0' e >&2) & "
		"head -c 10485760 /dev/zero | tr '\\0' o; wait", NULL,
	};
	struct mpd_exec_outcome r;

	run_ok(argv, 60000, &r);
	CU_ASSERT_EQUAL(r.exit_status, 0);
	CU_ASSERT_EQUAL(r.out_len, 10 * MIB);
	CU_ASSERT_EQUAL(r.err_len, 10 * MIB);
	CU_ASSERT(all_bytes(r.out, r.out_len, 'o'));
	CU_ASSERT(all_bytes(r.err, r.err_len, 'e'));
	CU_ASSERT_EQUAL(r.out[r.out_len], '\0');
	mpd_exec_result_free(&r);
}

static void
test_stdin_round_trip(void)
{
	/* 3 MiB through cat: we write while it writes back */
	const char *const argv[] = { "cat", NULL };
	size_t n = 3 * MIB;
	char *data = malloc(n);
	struct mpd_exec_spec s = { .argv = argv, .timeout_ms = 60000 };
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };

	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	for (size_t i = 0; i < n; i++)
		data[i] = (char)('a' + i % 26);
	s.stdin_data = data;
	s.stdin_len = n;
	CU_ASSERT_EQUAL_FATAL(mpd_exec_run(&s, &r, &e), 0);
	CU_ASSERT_EQUAL(r.exit_status, 0);
	CU_ASSERT_EQUAL(r.out_len, n);
	CU_ASSERT(r.out_len == n && memcmp(r.out, data, n) == 0);
	mpd_exec_result_free(&r);
	free(data);
}

static void
test_no_stdin_is_dev_null(void)
{
	const char *const argv[] = { "sh", "-c", "wc -c", NULL };
	struct mpd_exec_outcome r;

	run_ok(argv, 5000, &r);	/* would hang on a terminal otherwise */
	CU_ASSERT_EQUAL(atoi(r.out), 0);
	mpd_exec_result_free(&r);
}

static void
test_child_ignoring_stdin_is_no_sigpipe(void)
{
	const char *const argv[] = { "true", NULL };
	size_t n = 4 * MIB;
	char *data = calloc(1, n);
	struct mpd_exec_spec s = { .argv = argv, .stdin_data = data,
				   .stdin_len = n };
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };
	sigset_t pending;

	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	/* a SIGPIPE would kill this test binary */
	CU_ASSERT_EQUAL_FATAL(mpd_exec_run(&s, &r, &e), 0);
	CU_ASSERT_EQUAL(r.exit_status, 0);
	sigpending(&pending);
	CU_ASSERT_EQUAL(sigismember(&pending, SIGPIPE), 0);
	mpd_exec_result_free(&r);
	free(data);
}

static void
test_only_chosen_fds_reach_the_child(void)
{
	int leak = open("/dev/null", O_RDONLY);	/* no O_CLOEXEC on purpose */
	char script[128];
	const char *const argv[] = { "sh", "-c", script, NULL };
	struct mpd_exec_outcome r;

	CU_ASSERT_FATAL(leak > 2);
	snprintf(script, sizeof script,
		 "if [ -e /proc/self/fd/%d ]; then echo leaked; else echo clean; fi",
		 leak);
	run_ok(argv, 5000, &r);
	CU_ASSERT_STRING_EQUAL(r.out, "clean\n");
	mpd_exec_result_free(&r);
	close(leak);
}

static volatile sig_atomic_t alarms;

static void
on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void
test_eintr_does_not_disturb(void)
{
	const char *const argv[] = {
		"sh", "-c", "sleep 0.3; head -c 300000 /dev/zero", NULL,
	};
	struct sigaction sa, old;
	struct itimerval it = { { 0, 2000 }, { 0, 2000 } }, off = { 0 };
	struct mpd_exec_outcome r;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;	/* no SA_RESTART: calls see EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old);
	alarms = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	run_ok(argv, 10000, &r);
	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, &old, NULL);
	CU_ASSERT(alarms > 10);
	CU_ASSERT_EQUAL(r.exit_status, 0);
	CU_ASSERT_EQUAL(r.out_len, 300000);
	mpd_exec_result_free(&r);
}

/* ---- environment and directory ------------------------------------------ */

/* True when `out` has `line` as one of its lines. */
static int
env_has(const char *out, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = out; p != NULL && *p != '\0';) {
		const char *nl = strchr(p, '\n');

		if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
			return 1;
		p = nl ? nl + 1 : NULL;
	}
	return 0;
}

static void
test_env_allow_list(void)
{
	const char *const argv[] = { "env", NULL };
	const char *const extra[] = { "MPD_CHILD_VAR=given", "HOME=/nowhere",
				      NULL };
	struct mpd_exec_spec s = { .argv = argv, .env = extra };
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };
	static const char *const allowed[] = {
		"PATH=", "HOME=", "LANG=", "TERM=", "USER=", "LOGNAME=",
		"TMPDIR=", "CONTAINERS_CONF=", "XDG_RUNTIME_DIR=", "LC_",
		"MPD_CHILD_VAR=", NULL,
	};

	setenv("MPD_TEST_SECRET", "leak", 1);
	setenv("LC_MPD_TEST", "kept", 1);
	setenv("CONTAINERS_CONF", "/etc/test-containers.conf", 1);
	CU_ASSERT_EQUAL_FATAL(mpd_exec_run(&s, &r, &e), 0);
	CU_ASSERT_PTR_NULL(strstr(r.out, "MPD_TEST_SECRET"));
	CU_ASSERT(env_has(r.out, "LC_MPD_TEST=kept"));
	CU_ASSERT(env_has(r.out, "CONTAINERS_CONF=/etc/test-containers.conf"));
	CU_ASSERT(env_has(r.out, "MPD_CHILD_VAR=given"));
	CU_ASSERT(env_has(r.out, "HOME=/nowhere"));	/* spec->env wins */
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "PATH="));
	/* every line is on the list */
	for (char *line = r.out; line && *line;) {
		char *nl = strchr(line, '\n');
		int ok = 0;

		for (const char *const *a = allowed; *a; a++)
			if (strncmp(line, *a, strlen(*a)) == 0)
				ok = 1;
		if (!ok)
			fprintf(stderr, "unexpected: %.*s\n",
				nl ? (int)(nl - line) : (int)strlen(line), line);
		CU_ASSERT(ok);
		line = nl ? nl + 1 : NULL;
	}
	mpd_exec_result_free(&r);

	s.flags = MPD_EXEC_KEEP_ENV;
	CU_ASSERT_EQUAL_FATAL(mpd_exec_run(&s, &r, &e), 0);
	CU_ASSERT(env_has(r.out, "MPD_TEST_SECRET=leak"));
	CU_ASSERT(env_has(r.out, "HOME=/nowhere"));
	mpd_exec_result_free(&r);
	unsetenv("MPD_TEST_SECRET");
	unsetenv("LC_MPD_TEST");
	unsetenv("CONTAINERS_CONF");
}

static void
test_env_default_path(void)
{
	const char *const argv[] = { "env", NULL };
	struct mpd_exec_spec s = { .argv = argv };
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };
	char *saved = getenv("PATH") ? strdup(getenv("PATH")) : NULL;

	unsetenv("PATH");
	CU_ASSERT_EQUAL(mpd_exec_run(&s, &r, &e), 0);	/* still found */
	if (saved != NULL)
		setenv("PATH", saved, 1);
	free(saved);
	CU_ASSERT(r.out != NULL && strstr(r.out, "PATH=/usr/local/sbin:") != NULL);
	mpd_exec_result_free(&r);
}

static void
test_env_entry_must_be_key_value(void)
{
	const char *const argv[] = { "true", NULL };
	const char *const bad[] = { "NOEQUALS", NULL };
	struct mpd_exec_spec s = { .argv = argv, .env = bad };
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };
	unsigned long before = mpd_exec_count();

	CU_ASSERT_EQUAL(mpd_exec_run(&s, &r, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "'NOEQUALS' is not KEY=VALUE"));
	CU_ASSERT_EQUAL(mpd_exec_count(), before);
}

static void
test_cwd(void)
{
	const char *const argv[] = { "pwd", "-P", NULL };
	struct mpd_exec_spec s = { .argv = argv, .cwd = tmpdir };
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };
	char *real = realpath(tmpdir, NULL), want[4200];

	CU_ASSERT_PTR_NOT_NULL_FATAL(real);
	snprintf(want, sizeof want, "%s\n", real);
	CU_ASSERT_EQUAL_FATAL(mpd_exec_run(&s, &r, &e), 0);
	CU_ASSERT_STRING_EQUAL(r.out, want);
	mpd_exec_result_free(&r);
	free(real);

	s.cwd = "/nonexistent-mpd-dir";
	CU_ASSERT_EQUAL(mpd_exec_run(&s, &r, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "cannot run 'pwd': cannot enter directory "
			       "'/nonexistent-mpd-dir': No such file or directory");
	CU_ASSERT_EQUAL(e.code, MPD_ERR_EXEC);
}

/* ---- start failures and counting ---------------------------------------- */

static void
test_not_found_in_path(void)
{
	const char *const argv[] = { "podman", "ps", NULL };
	const char *const argv2[] = { "mpd-no-such-command", NULL };
	const char *const env[] = { "PATH=/nonexistent-mpd-bin", NULL };
	struct mpd_exec_spec s = { .argv = argv, .env = env };
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };
	unsigned long before = mpd_exec_count();

	CU_ASSERT_EQUAL(mpd_exec_run(&s, &r, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "cannot run 'podman': not found in PATH; "
			       "install it: apt-get install podman");
	CU_ASSERT_EQUAL(e.code, MPD_ERR_EXEC);
	CU_ASSERT_EQUAL(mpd_exec_count(), before);	/* nothing started */

	s.argv = argv2;
	s.env = NULL;
	CU_ASSERT_EQUAL(mpd_exec_run(&s, &r, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "cannot run 'mpd-no-such-command': "
	    "not found in PATH; install the package that provides it");
}

static void
test_exec_failure_through_error_pipe(void)
{
	const char *const argv[] = { "/nonexistent-mpd-dir/podman", NULL };
	struct mpd_exec_spec s = { .argv = argv };
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };
	char path[4200];
	const char *const argv2[] = { path, NULL };

	CU_ASSERT_EQUAL(mpd_exec_run(&s, &r, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "cannot run '/nonexistent-mpd-dir/podman': "
			       "no such file; install it: apt-get install podman");

	/* present but not executable: EACCES from execve in the child */
	snprintf(path, sizeof path, "%s/not-executable", tmpdir);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(path, "#!/bin/sh\n"), 0);
	chmod(path, 0644);
	s.argv = argv2;
	CU_ASSERT_EQUAL(mpd_exec_run(&s, &r, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "permission denied"));
	CU_ASSERT_EQUAL(r.out, NULL);	/* nothing to free on -1 */
}

static void
test_no_argv(void)
{
	const char *const empty[] = { NULL };
	struct mpd_exec_spec s = { .argv = empty };
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };

	CU_ASSERT_EQUAL(mpd_exec_run(&s, &r, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "no argv"));
	s.argv = NULL;
	CU_ASSERT_EQUAL(mpd_exec_run(&s, &r, NULL), -1);	/* e may be NULL */
}

static void
test_count_every_spawn(void)
{
	const char *const argv[] = { "true", NULL };
	struct mpd_exec_outcome r;
	unsigned long before = mpd_exec_count();

	for (int i = 0; i < 3; i++) {
		run_ok(argv, 0, &r);
		mpd_exec_result_free(&r);
	}
	CU_ASSERT_EQUAL(mpd_exec_count(), before + 3);
}

/* ---- stdio pass-through and the debug line ------------------------------ */

/* Run `fn` with file descriptor `fd` pointing at a temporary file; return
 * what was written there (malloc'ed). */
static char *
capture_fd(int fd, void (*fn)(void))
{
	char path[4200];
	int saved, tmp;

	snprintf(path, sizeof path, "%s/capture-%d", tmpdir, fd);
	fflush(NULL);
	saved = dup(fd);
	tmp = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (saved < 0 || tmp < 0)
		return NULL;
	dup2(tmp, fd);
	close(tmp);
	fn();
	fflush(NULL);
	dup2(saved, fd);
	close(saved);
	return tu_read_file(path);
}

static void
inherit_run(void)
{
	const char *const argv[] = { "sh", "-c", "echo passed-through", NULL };
	struct mpd_exec_spec s = { .argv = argv,
				   .flags = MPD_EXEC_INHERIT_STDIO };
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };

	CU_ASSERT_EQUAL(mpd_exec_run(&s, &r, &e), 0);
	CU_ASSERT_EQUAL(r.exit_status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "");	/* nothing captured */
	mpd_exec_result_free(&r);
}

static void
test_inherit_stdio(void)
{
	char *out = capture_fd(1, inherit_run);

	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_STRING_EQUAL(out, "passed-through\n");
	free(out);
}

static void
debug_run(void)
{
	const char *const argv[] = { "sh", "-c", "exit 2", "it's", NULL };
	struct mpd_exec_outcome r;

	mpd_log_set_debug(true);
	run_ok(argv, 0, &r);
	mpd_log_set_debug(false);
	mpd_exec_result_free(&r);
}

static void
test_debug_line(void)
{
	char *err = capture_fd(2, debug_run);
	const char *want = "mpd: debug: exec: sh -c 'exit 2' 'it'\\''s' -> exit 2 (";

	CU_ASSERT_PTR_NOT_NULL_FATAL(err);
	CU_ASSERT_EQUAL(strncmp(err, want, strlen(want)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, " s)\n"));
	if (strncmp(err, want, strlen(want)) != 0)
		fprintf(stderr, "got: %s\n", err);
	free(err);
}

static void
quiet_run(void)
{
	const char *const argv[] = { "true", NULL };
	struct mpd_exec_outcome r;

	mpd_log_set_debug(false);
	run_ok(argv, 0, &r);
	mpd_exec_result_free(&r);
}

static void
test_no_debug_line_without_debug(void)
{
	char *err = capture_fd(2, quiet_run);

	CU_ASSERT_PTR_NOT_NULL_FATAL(err);
	CU_ASSERT_STRING_EQUAL(err, "");
	free(err);
}

/* ---- a caller in a process of its own ------------------------------------ */

static double
mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run fn(fd, arg) in a forked child that writes its findings on `fd`;
 * returns them (malloc'ed, "" when none) and the child's wait status. */
static char *
in_child(void (*fn)(int fd, void *arg), void *arg, int *status)
{
	char buf[1024], *text = NULL;
	size_t len = 0;
	int p[2];
	pid_t pid;
	ssize_t n;

	if (pipe(p) != 0)
		return NULL;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		fn(p[1], arg);
		_exit(0);
	}
	close(p[1]);
	while ((n = read(p[0], buf, sizeof buf)) > 0 ||
	       (n < 0 && errno == EINTR)) {
		char *nt;

		if (n < 0)
			continue;
		nt = realloc(text, len + (size_t)n + 1);
		if (nt == NULL)
			break;
		text = nt;
		memcpy(text + len, buf, (size_t)n);
		len += (size_t)n;
	}
	close(p[0]);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	if (text == NULL)
		text = calloc(1, 1);
	else
		text[len] = '\0';
	return text;
}

/* A pid written to `path` by a child ("N\n"); 0 after 5 s without one. */
static pid_t
wait_pidfile(const char *path)
{
	for (int i = 0; i < 250; i++) {
		char *s = tu_read_file(path);
		pid_t pid = (s != NULL && strchr(s, '\n') != NULL) ?
		    (pid_t)atoi(s) : 0;

		free(s);
		if (pid > 1)
			return pid;
		usleep(20000);
	}
	return 0;
}

/* ---- signals to mpd reach the child --------------------------------------- */

struct sig_case {
	const char *argv[4];
	uint32_t flags;
};

/* The "mpd": default dispositions, nothing blocked, one long run. */
static __attribute__((noreturn)) void
sig_mpd(const struct sig_case *c)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction dfl;
	struct mpd_exec_spec s = { .argv = c->argv, .timeout_ms = 60000,
				   .flags = c->flags };
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };
	sigset_t none;

	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (mpd_exec_run(&s, &r, &e) == 0)
		mpd_exec_result_free(&r);
	_exit(99);	/* the signal should have ended us */
}

/* Start `script` (then a pid file) under a forked mpd, send it
 * `sig` once the child is there; the mpd must end by `sig` within
 * [min_s, max_s) and the child must be gone. */
static void
signal_reaches_child(int sig, const char *script, uint32_t flags,
		     double min_s, double max_s)
{
	char pidfile[4200], cmd[4400];
	struct sig_case c = { { "sh", "-c", cmd, NULL }, flags };
	pid_t mpd, child;
	double t0, dt;
	int st = 0, gone;

	snprintf(pidfile, sizeof pidfile, "%s/sig-%d-%u.pid", tmpdir, sig,
		 (unsigned)flags);
	unlink(pidfile);
	snprintf(cmd, sizeof cmd, "pidfile=%s; %s", pidfile, script);
	fflush(NULL);
	mpd = fork();
	CU_ASSERT_FATAL(mpd >= 0);
	if (mpd == 0)
		sig_mpd(&c);
	child = wait_pidfile(pidfile);
	CU_ASSERT(child > 1);
	t0 = mono_now();
	kill(mpd, sig);
	while (waitpid(mpd, &st, 0) < 0 && errno == EINTR)
		;
	dt = mono_now() - t0;
	/* ended by the same signal: a shell reports 128+sig */
	CU_ASSERT(WIFSIGNALED(st) && WTERMSIG(st) == sig);
	CU_ASSERT(dt >= min_s && dt < max_s);
	if (child > 1) {
		gone = process_gone(child);
		CU_ASSERT(gone);
		if (!gone) {
			fprintf(stderr, "\nsignal %d: child %d outlived mpd\n",
				sig, (int)child);
			kill(child, SIGKILL);
		}
	}
	if (!(WIFSIGNALED(st) && WTERMSIG(st) == sig) ||
	    !(dt >= min_s && dt < max_s))
		fprintf(stderr, "\nsignal %d: status 0x%x after %.3f s\n", sig,
			st, dt);
}

#define CHILD_SLEEPS	"echo $$ >\"$pidfile\"; exec sleep 30"
/* the shell and its sleep ignore TERM, INT and HUP */
#define CHILD_IGNORES	"trap '' INT TERM HUP; sleep 30 & " \
	"echo $! >\"$pidfile\"; wait"

static void
test_signals_are_forwarded(void)
{
	signal_reaches_child(SIGTERM, CHILD_SLEEPS, 0, 0, 0.9);
	signal_reaches_child(SIGINT, CHILD_SLEEPS, 0, 0, 0.9);
	signal_reaches_child(SIGHUP, CHILD_SLEEPS, 0, 0, 0.9);
}

static void
test_signal_then_sigkill_after_grace(void)
{
	/* forwarded, ignored, SIGKILL to the group after the grace */
	signal_reaches_child(SIGTERM, CHILD_IGNORES, 0, 0.9, 4.0);
}

static void
test_signal_forwarded_to_child_on_terminal(void)
{
	/* same group as mpd: only the child is signalled */
	signal_reaches_child(SIGTERM, CHILD_SLEEPS, MPD_EXEC_INHERIT_STDIO, 0,
			     0.9);
	signal_reaches_child(SIGHUP, CHILD_SLEEPS, MPD_EXEC_INHERIT_STDIO, 0,
			     0.9);
}

/* ---- SIGCHLD and waitpid ---------------------------------------------------- */

static void
test_sigchld_ignored(void)
{
	const char *const argv[] = { "sh", "-c", "exit 3", NULL };
	struct sigaction ign, old, now;
	struct mpd_exec_outcome r;

	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGCHLD, &ign, &old);
	run_ok(argv, 5000, &r);
	sigaction(SIGCHLD, NULL, &now);
	sigaction(SIGCHLD, &old, NULL);
	CU_ASSERT_EQUAL(r.exit_status, 3);	/* not 0 */
	CU_ASSERT(now.sa_handler == SIG_IGN);	/* put back as it was */
	mpd_exec_result_free(&r);
}

static void
reap_everything(int sig)
{
	int saved = errno;

	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	errno = saved;
}

static void
test_status_taken_elsewhere_is_an_error(void)
{
	const char *const argv[] = { "sh", "-c", "exit 3", NULL };
	struct mpd_exec_spec s = { .argv = argv, .timeout_ms = 5000 };
	struct sigaction reaper, old;
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };
	int rc;

	memset(&reaper, 0, sizeof reaper);
	reaper.sa_handler = reap_everything;
	sigemptyset(&reaper.sa_mask);
	sigaction(SIGCHLD, &reaper, &old);
	rc = mpd_exec_run(&s, &r, &e);
	sigaction(SIGCHLD, &old, NULL);
	CU_ASSERT_EQUAL(rc, -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "cannot tell how 'sh' ended: waitpid: "
			       "No child processes (something else reaped it)");
	if (rc == 0)
		mpd_exec_result_free(&r);
}

/* ---- closed standard descriptors --------------------------------------------- */

static void
closed_fds_runs(int fd, void *arg)
{
	const char *const pwd[] = { "pwd", NULL };
	const char *const echo[] = { "sh", "-c", "echo hi; echo ho >&2", NULL };
	const char *const cat[] = { "cat", NULL };
	struct mpd_exec_spec s = { .argv = pwd, .cwd = "/nonexistent-mpd-dir" };
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };
	int rc;

	(void)arg;
	close(0);
	close(1);
	close(2);
	rc = mpd_exec_run(&s, &r, &e);
	dprintf(fd, "cwd rc=%d msg=%s\n", rc, rc ? e.msg : r.out);
	if (rc == 0)
		mpd_exec_result_free(&r);
	s.argv = echo;
	s.cwd = NULL;
	rc = mpd_exec_run(&s, &r, &e);
	dprintf(fd, "echo rc=%d out=%serr=%s", rc, rc ? e.msg : r.out,
		rc ? "" : r.err);
	if (rc == 0)
		mpd_exec_result_free(&r);
	s.argv = cat;
	s.stdin_data = "fed\n";
	s.stdin_len = 4;
	rc = mpd_exec_run(&s, &r, &e);
	dprintf(fd, "cat rc=%d out=%s", rc, rc ? e.msg : r.out);
	if (rc == 0)
		mpd_exec_result_free(&r);
}

static void
test_closed_std_fds(void)
{
	int st = 0;
	char *text = in_child(closed_fds_runs, NULL, &st);

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CU_ASSERT_STRING_EQUAL(text,
	    "cwd rc=-1 msg=cannot run 'pwd': cannot enter directory "
	    "'/nonexistent-mpd-dir': No such file or directory\n"
	    "echo rc=0 out=hi\nerr=ho\n"
	    "cat rc=0 out=fed\n");
	free(text);
}

static void
init_process_check(int fd, void *arg)
{
	struct sigaction ign, now;
	struct stat null_st, st;
	struct mpd_err e = { 0 };
	int rc;

	(void)arg;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGCHLD, &ign, NULL);
	close(0);
	close(2);
	rc = mpd_exec_init_process(&e);
	dprintf(fd, "rc=%d", rc);
	stat("/dev/null", &null_st);
	for (int i = 0; i < 3; i++) {
		int is_null = fstat(i, &st) == 0 && S_ISCHR(st.st_mode) &&
		    st.st_rdev == null_st.st_rdev;

		dprintf(fd, " fd%d=%s", i, i == 1 ? "kept" :
			is_null ? "null" : "other");
	}
	sigaction(SIGCHLD, NULL, &now);
	dprintf(fd, " sigchld=%s", now.sa_handler == SIG_DFL ? "default" :
		"changed");
}

static void
test_init_process(void)
{
	int st = 0;
	char *text = in_child(init_process_check, NULL, &st);

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_STRING_EQUAL(text, "rc=0 fd0=null fd1=kept fd2=null "
			       "sigchld=default");
	free(text);
}

/* ---- the output cap ------------------------------------------------------------ */

static void
test_output_cap(void)
{
	const char *const flood[] = {
		"sh", "-c", "head -c 10485760 /dev/zero", NULL,
	};
	const char *const exact[] = {
		"sh", "-c", "head -c 1048576 /dev/zero", NULL,
	};
	const char *const err_flood[] = {
		"sh", "-c", "head -c 2000000 /dev/zero >&2", NULL,
	};
	struct mpd_exec_spec s = { .argv = flood, .timeout_ms = 30000,
				   .max_output = MIB };
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };

	CU_ASSERT_EQUAL(mpd_exec_run(&s, &r, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "'sh' wrote more than 1 MiB on stdout, "
			       "the most mpd keeps: it was stopped");
	CU_ASSERT_EQUAL(r.out, NULL);

	s.argv = exact;	/* the limit itself is fine */
	CU_ASSERT_EQUAL_FATAL(mpd_exec_run(&s, &r, &e), 0);
	CU_ASSERT_EQUAL(r.exit_status, 0);
	CU_ASSERT_EQUAL(r.out_len, MIB);
	mpd_exec_result_free(&r);

	s.argv = err_flood;
	s.max_output = 1000;
	CU_ASSERT_EQUAL(mpd_exec_run(&s, &r, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "'sh' wrote more than 1000 bytes on "
			       "stderr, the most mpd keeps: it was stopped");
}

static void
test_output_cap_default(void)
{
	/* 64 MiB and one byte: the default limit, quickly */
	const char *const argv[] = {
		"sh", "-c", "head -c 67108865 /dev/zero", NULL,
	};
	struct mpd_exec_spec s = { .argv = argv, .timeout_ms = 60000 };
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };
	double t0 = mono_now();

	CU_ASSERT_EQUAL(mpd_exec_run(&s, &r, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "'sh' wrote more than 64 MiB on stdout, "
			       "the most mpd keeps: it was stopped");
	CU_ASSERT(mono_now() - t0 < 30.0);
}

static void
test_output_cap_stops_a_stubborn_writer(void)
{
	/* ignores TERM and PIPE and writes for ever: SIGKILL after the grace */
	const char *const argv[] = {
		"sh", "-c", "trap '' TERM PIPE; "
		"while :; do head -c 65536 /dev/zero; done", NULL,
	};
	struct mpd_exec_spec s = { .argv = argv, .timeout_ms = 30000,
				   .max_output = MIB };
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };
	double t0 = mono_now(), dt;

	CU_ASSERT_EQUAL(mpd_exec_run(&s, &r, &e), -1);
	dt = mono_now() - t0;
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "wrote more than 1 MiB on stdout"));
	CU_ASSERT(dt >= 0.9 && dt < 4.0);
}

/* ---- a child mpd may not signal (sudo) -------------------------------------- */

#define NOBODY_ID	65534

/* A directory only root and group nogroup may enter, with the fake sudo
 * installed set-user-ID root as "sudo".  NULL (and a note) when not root. */
static char *
privileged_dir(void)
{
	char tmpl[] = "/tmp/mpd-test-sudo-XXXXXX", src[4200], dst[4200];
	char *bin, *dir;
	size_t len = 0;
	FILE *f;

	if (geteuid() != 0) {
		fprintf(stderr, "\n  (skipped: needs root to install a "
			"set-user-ID fake sudo)\n");
		return NULL;
	}
	snprintf(src, sizeof src, "%s/fake-sudo", TOP_BUILDDIR);
	bin = tu_read_file_len(src, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bin);
	dir = mkdtemp(tmpl) ? strdup(tmpl) : NULL;
	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	CU_ASSERT_EQUAL(chown(dir, 0, NOBODY_ID), 0);
	CU_ASSERT_EQUAL(chmod(dir, 0750), 0);
	snprintf(dst, sizeof dst, "%s/sudo", dir);
	f = fopen(dst, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(fwrite(bin, 1, len, f), len);
	fclose(f);
	free(bin);
	CU_ASSERT_EQUAL(chown(dst, 0, 0), 0);
	CU_ASSERT_EQUAL(chmod(dst, 04755), 0);
	return dir;
}

struct nobody_call {
	const char *dir;
	void (*fn)(int fd, const char *dir);
};

/* Become nobody, with the fake sudo first in PATH, and run the call. */
static void
as_nobody(int fd, void *arg)
{
	const struct nobody_call *c = arg;
	char path[4200];

	if (setgroups(0, NULL) != 0 || setgid(NOBODY_ID) != 0 ||
	    setuid(NOBODY_ID) != 0) {
		dprintf(fd, "cannot become nobody: %s", strerror(errno));
		return;
	}
	snprintf(path, sizeof path, "%s:/usr/bin:/bin", c->dir);
	setenv("PATH", path, 1);
	c->fn(fd, c->dir);
}

static void
unkillable_run(int fd, const char *dir)
{
	const char *const argv[] = { "sudo", "-n", "sleep", "30", NULL };
	struct mpd_exec_spec s = { .argv = argv, .timeout_ms = 300 };
	struct mpd_exec_outcome r;
	struct mpd_err e = { 0 };
	double t0 = mono_now();
	int rc = mpd_exec_run(&s, &r, &e);

	(void)dir;
	dprintf(fd, "%d %.3f %d %s", rc, mono_now() - t0, r.timed_out,
		rc ? e.msg : "(no error)");
	if (rc == 0)
		mpd_exec_result_free(&r);
}

static void
test_unkillable_child_is_reported(void)
{
	const char *want = "'sudo' timed out after 0.3 s and could not be "
	    "stopped (kill: Operation not permitted); it is still running as "
	    "pid ";
	char *dir = privileged_dir(), *text, *msg;
	struct nobody_call c = { dir, unkillable_run };
	int rc = 0, timed_out = 0, st = 0, off = 0;
	double secs = 0;
	pid_t left = 0;

	if (dir == NULL)
		return;
	text = in_child(as_nobody, &c, &st);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_EQUAL(sscanf(text, "%d %lf %d %n", &rc, &secs, &timed_out,
			       &off), 3);
	msg = text + off;
	CU_ASSERT_EQUAL(rc, -1);
	/* 0.3 s, the one-second grace, the two of waiting: then the truth */
	CU_ASSERT(secs >= 3.2 && secs < 5.0);
	CU_ASSERT_EQUAL(strncmp(msg, want, strlen(want)), 0);
	if (strncmp(msg, want, strlen(want)) == 0)
		left = (pid_t)atoi(msg + strlen(want));
	else
		fprintf(stderr, "\ngot: %s\n", text);
	/* it really is still there, as root */
	CU_ASSERT(left > 1 && kill(left, 0) == 0);
	if (left > 1) {
		kill(left, SIGKILL);
		CU_ASSERT(process_gone(left));
	}
	free(text);
	tu_rmrf(dir);
	free(dir);
}

/* The fake podman: records its pid, then sleeps. */
static void
sleeping_podman(const char *dir, char *script, size_t n)
{
	char body[4400];

	snprintf(script, n, "%s/podman", dir);
	snprintf(body, sizeof body, "#!/bin/sh\necho $$ >%s/podman.pid\n"
		 "exec sleep 30\n", dir);
	CU_ASSERT_EQUAL(tu_write_file(script, body), 0);
	CU_ASSERT_EQUAL(chmod(script, 0755), 0);
}

/* podman_exec with a 500 ms limit; "rc secs timed_out exit msg". */
static void
gateway_exec(int fd, const char *dir)
{
	const char *const argv[] = { "true", NULL };
	struct mpd_exec_request req = {
		.struct_size = sizeof req, .container = "c1", .argv = argv,
		.timeout_ms = 500,
	};
	struct mpd_exec_result out = { .struct_size = sizeof out };
	struct mpd_err e = { 0 };
	char script[4200];
	double t0;
	int rc;

	snprintf(script, sizeof script, "%s/podman", dir);
	setenv("MPD_PODMAN", script, 1);
	unsetenv("MPD_PODMAN_NO_SUDO");
	t0 = mono_now();
	rc = podman_exec(&req, &out, &e);
	dprintf(fd, "%d %.3f %d %d %s", rc, mono_now() - t0, out.timed_out,
		out.exit_status, rc ? e.msg : "(no error)");
	if (rc == 0) {
		free(out.out);
		free(out.err);
	}
}

/* Check what gateway_exec found, and that the podman it ran is gone. */
static void
expect_root_side_stop(const char *text, const char *dir)
{
	int rc = 1, timed_out = 0, status = 0;
	double secs = 99;
	char pidfile[4200];
	pid_t pid;

	CU_ASSERT_EQUAL(sscanf(text, "%d %lf %d %d", &rc, &secs, &timed_out,
			       &status), 4);
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(timed_out, 1);
	CU_ASSERT_EQUAL(status, -1);
	CU_ASSERT(secs >= 0.5 && secs < 2.5);	/* not 30 s, not 3.5 s */
	if (rc != 0 || timed_out != 1 || !(secs < 2.5))
		fprintf(stderr, "\ngot: %s\n", text);
	snprintf(pidfile, sizeof pidfile, "%s/podman.pid", dir);
	pid = wait_pidfile(pidfile);
	CU_ASSERT(pid > 1);
	if (pid > 1) {
		int gone = process_gone(pid);

		CU_ASSERT(gone);
		if (!gone)
			kill(pid, SIGKILL);
	}
}

static void
test_root_side_limit_stops_sudo_podman(void)
{
	char *dir = privileged_dir(), *text, script[4200];
	struct nobody_call c = { dir, gateway_exec };
	int st = 0;

	if (dir == NULL)
		return;
	sleeping_podman(dir, script, sizeof script);
	text = in_child(as_nobody, &c, &st);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	expect_root_side_stop(text, dir);
	free(text);
	tu_rmrf(dir);
	free(dir);
}

static uid_t
not_root(void)
{
	return 1000;
}

static void
real_sudo_exec(int fd, void *arg)
{
	podman_argv_set_euid_fn(not_root);	/* so the argv has sudo */
	gateway_exec(fd, arg);
}

static void
test_real_sudo_takes_the_limited_argv(void)
{
	char script[4200], *text;
	int st = 0;

	if (geteuid() != 0 || access("/usr/bin/sudo", X_OK) != 0) {
		fprintf(stderr, "\n  (skipped: needs root and /usr/bin/sudo)\n");
		return;
	}
	/* real sudo, as root: proves `sudo -n timeout -k 1s 0.750s podman
	 * ...` runs and stops as planned (root's own kill works here too) */
	sleeping_podman(tmpdir, script, sizeof script);
	text = in_child(real_sudo_exec, tmpdir, &st);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	expect_root_side_stop(text, tmpdir);
	free(text);
}

static const struct mpd_test_case status_cases[] = {
	{ "exit status and capture", test_exit_status_and_capture },
	{ "empty output", test_empty_output_is_empty_string },
	{ "killed by a signal", test_killed_by_signal },
	{ NULL, NULL },
};

static const struct mpd_test_case timeout_cases[] = {
	{ "SIGTERM on timeout", test_timeout_sigterm },
	{ "SIGKILL after the grace", test_timeout_ignoring_sigterm_gets_sigkill },
	{ "grandchild holding pipes", test_grandchild_holding_pipes_does_not_hold_us },
	{ "timeout kills the group", test_timeout_kills_whole_group },
	{ NULL, NULL },
};

static const struct mpd_test_case pipe_cases[] = {
	{ "10 MiB on both streams", test_big_output_on_both_streams },
	{ "stdin round trip", test_stdin_round_trip },
	{ "no stdin is /dev/null", test_no_stdin_is_dev_null },
	{ "child ignoring stdin", test_child_ignoring_stdin_is_no_sigpipe },
	{ "close-on-exec hygiene", test_only_chosen_fds_reach_the_child },
	{ "EINTR", test_eintr_does_not_disturb },
	{ NULL, NULL },
};

static const struct mpd_test_case env_cases[] = {
	{ "allow-list", test_env_allow_list },
	{ "default PATH", test_env_default_path },
	{ "KEY=VALUE only", test_env_entry_must_be_key_value },
	{ "working directory", test_cwd },
	{ NULL, NULL },
};

static const struct mpd_test_case start_cases[] = {
	{ "not found in PATH", test_not_found_in_path },
	{ "exec failure via error pipe", test_exec_failure_through_error_pipe },
	{ "no argv", test_no_argv },
	{ "count every spawn", test_count_every_spawn },
	{ "inherit stdio", test_inherit_stdio },
	{ "debug line", test_debug_line },
	{ "no debug line", test_no_debug_line_without_debug },
	{ NULL, NULL },
};

static const struct mpd_test_case process_cases[] = {
	{ "INT/TERM/HUP reach the child", test_signals_are_forwarded },
	{ "signal, then SIGKILL after the grace", test_signal_then_sigkill_after_grace },
	{ "signal to a child on the terminal", test_signal_forwarded_to_child_on_terminal },
	{ "SIGCHLD ignored", test_sigchld_ignored },
	{ "status taken elsewhere", test_status_taken_elsewhere_is_an_error },
	{ "fds 0-2 closed", test_closed_std_fds },
	{ "init_process", test_init_process },
	{ NULL, NULL },
};

static const struct mpd_test_case cap_cases[] = {
	{ "output cap", test_output_cap },
	{ "output cap default 64 MiB", test_output_cap_default },
	{ "output cap stops a stubborn writer", test_output_cap_stops_a_stubborn_writer },
	{ NULL, NULL },
};

static const struct mpd_test_case sudo_cases[] = {
	{ "unkillable child reported", test_unkillable_child_is_reported },
	{ "root-side limit stops sudo podman", test_root_side_limit_stops_sudo_podman },
	{ "real sudo takes the limited argv", test_real_sudo_takes_the_limited_argv },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "exec-status", suite_setup, suite_teardown, status_cases },
	{ "exec-timeout", suite_setup, suite_teardown, timeout_cases },
	{ "exec-pipes", suite_setup, suite_teardown, pipe_cases },
	{ "exec-env", suite_setup, suite_teardown, env_cases },
	{ "exec-start", suite_setup, suite_teardown, start_cases },
	{ "exec-process", suite_setup, suite_teardown, process_cases },
	{ "exec-cap", suite_setup, suite_teardown, cap_cases },
	{ "exec-sudo", suite_setup, suite_teardown, sudo_cases },
	{ NULL, NULL, NULL, NULL },
};
