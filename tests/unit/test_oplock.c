/* test_oplock.c - the operation lock: exclusive between processes, the
 * waiting message names the holder once, a kill -9 releases it, the file
 * records the holder and goes with the last release, no inheritance over
 * fork, and a FIFO in its place is refused. */
#include "harness.h"
#include "testutil.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "oplock.h"
#include "paths.h"
#include "state_store.h"

/* True when `fd` has a byte to read within `ms`. */
static int
readable_within(int fd, int ms)
{
	struct pollfd p = { fd, POLLIN, 0 };

	return poll(&p, 1, ms) == 1;
}

/* A child that takes the lock for `what`, says so on *ready and holds it
 * until *go is closed.  Returns its pid. */
static pid_t
spawn_holder(const char *what, int *ready_rd, int *go_wr)
{
	int ready[2], go[2];
	pid_t pid;

	CU_ASSERT_FATAL(pipe(ready) == 0 && pipe(go) == 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		char c;

		close(ready[0]);
		close(go[1]);
		if (oplock_acquire(what, NULL) != 0)
			_exit(2);
		if (write(ready[1], "x", 1) != 1)
			_exit(3);
		while (read(go[0], &c, 1) > 0)
			;
		oplock_release();
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	CU_ASSERT_FATAL(readable_within(ready[0], 5000));
	*ready_rd = ready[0];
	*go_wr = go[1];
	return pid;
}

/* A child that takes the lock with stderr in `errfile`, says so on
 * *got, and exits.  Returns its pid. */
static pid_t
spawn_waiter(const char *errfile, int *got_rd)
{
	int got[2];
	pid_t pid;

	CU_ASSERT_FATAL(pipe(got) == 0);
	fflush(NULL);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		int fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		/* hold no other test pipe open (a holder waits for EOF) */
		for (int k = 3; k < 1024; k++)
			if (k != got[1] && k != fd)
				close(k);
		if (fd < 0 || dup2(fd, 2) < 0)
			_exit(4);
		if (oplock_acquire("mpd --start", NULL) != 0)
			_exit(2);
		if (write(got[1], "y", 1) != 1)
			_exit(3);
		oplock_release();
		_exit(0);
	}
	close(got[1]);
	*got_rd = got[0];
	return pid;
}

static int
exited_ok(pid_t pid)
{
	int status;

	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0;
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

static void
test_holder_recorded_and_file_removed(void)
{
	struct mpd_err e = {0};
	char want[64], *got;

	tu_reset_var();
	CU_ASSERT(!oplock_held());
	CU_ASSERT_EQUAL_FATAL(oplock_acquire("mpd --setup", &e), 0);
	CU_ASSERT(oplock_held());
	got = tu_read_file(mpd_path(MPD_PATH_OP_LOCK));
	snprintf(want, sizeof want, "%ld mpd --setup\n", (long)getpid());
	CU_ASSERT_STRING_EQUAL(got, want);
	free(got);
	/* re-entrant: an inner hold changes nothing */
	CU_ASSERT_EQUAL(oplock_acquire("mpd --start", &e), 0);
	oplock_release();
	CU_ASSERT(oplock_held());
	CU_ASSERT_EQUAL(access(mpd_path(MPD_PATH_OP_LOCK), F_OK), 0);
	oplock_release();
	CU_ASSERT(!oplock_held());
	/* gone with the last release: it exists only while a command runs */
	CU_ASSERT_EQUAL(access(mpd_path(MPD_PATH_OP_LOCK), F_OK), -1);
	oplock_release();		/* harmless */
	/* bytes that are not printable ASCII are not recorded */
	CU_ASSERT_EQUAL_FATAL(oplock_acquire("mpd\n\x1b[2J x", &e), 0);
	got = tu_read_file(mpd_path(MPD_PATH_OP_LOCK));
	snprintf(want, sizeof want, "%ld mpd??[2J x\n", (long)getpid());
	CU_ASSERT_STRING_EQUAL(got, want);
	free(got);
	oplock_release();
}

/* The second command waits while the first runs, says once whom for,
 * and goes on as soon as the first ends. */
static void
test_second_waits_and_says_for_whom(void)
{
	char errfile[4096], want[128], *err;
	int ready, go, got;
	pid_t holder, waiter;
	long t0;

	tu_reset_var();
	snprintf(errfile, sizeof errfile, "%s/waiter.err", tu_root);
	holder = spawn_holder("mpd --setup", &ready, &go);
	waiter = spawn_waiter(errfile, &got);
	/* held for 1.5 s: the waiter must not get it meanwhile */
	CU_ASSERT(!readable_within(got, 1500));
	err = tu_read_file(errfile);
	snprintf(want, sizeof want, "mpd: waiting for mpd --setup, pid %ld\n",
	    (long)holder);
	CU_ASSERT_PTR_NOT_NULL(err);
	if (err != NULL) {
		if (strcmp(err, want) != 0)
			fprintf(stderr, "\n  want: %s  got:  %s\n", want, err);
		CU_ASSERT_STRING_EQUAL(err, want);	/* once, nothing else */
	}
	free(err);
	t0 = tu_now_ms();
	close(go);
	CU_ASSERT(readable_within(got, 3000));
	CU_ASSERT(tu_now_ms() - t0 < 1000);
	CU_ASSERT(exited_ok(holder));
	CU_ASSERT(exited_ok(waiter));
	err = tu_read_file(errfile);
	CU_ASSERT_EQUAL(count(err, "waiting for"), 1);
	free(err);
	close(ready);
	close(got);
	CU_ASSERT_EQUAL(access(mpd_path(MPD_PATH_OP_LOCK), F_OK), -1);
}

/* kill -9 of the holder releases the lock: the waiter goes on at once
 * and records itself in the file the dead holder left. */
static void
test_kill_9_releases(void)
{
	char errfile[4096];
	int ready, go, got, status;
	pid_t holder, waiter;
	long t0;

	tu_reset_var();
	snprintf(errfile, sizeof errfile, "%s/waiter.err", tu_root);
	holder = spawn_holder("mpd --stop", &ready, &go);
	waiter = spawn_waiter(errfile, &got);
	CU_ASSERT(!readable_within(got, 500));
	t0 = tu_now_ms();
	CU_ASSERT_EQUAL(kill(holder, SIGKILL), 0);
	CU_ASSERT_EQUAL(waitpid(holder, &status, 0), holder);
	CU_ASSERT(WIFSIGNALED(status));
	CU_ASSERT(readable_within(got, 3000));
	CU_ASSERT(tu_now_ms() - t0 < 1000);
	CU_ASSERT(exited_ok(waiter));
	close(ready);
	close(go);
	close(got);

	/* the dead holder's file alone does not block anyone */
	{
		struct mpd_err e = {0};
		char want[64], *txt;

		CU_ASSERT_EQUAL_FATAL(tu_write_file(mpd_path(MPD_PATH_OP_LOCK),
		    "999999 mpd --setup\n"), 0);
		t0 = tu_now_ms();
		CU_ASSERT_EQUAL_FATAL(oplock_acquire("mpd --gc", &e), 0);
		CU_ASSERT(tu_now_ms() - t0 < 500);
		txt = tu_read_file(mpd_path(MPD_PATH_OP_LOCK));
		snprintf(want, sizeof want, "%ld mpd --gc\n", (long)getpid());
		CU_ASSERT_STRING_EQUAL(txt, want);
		free(txt);
		oplock_release();
	}
}

/* A holder that has not recorded itself (another program's flock) still
 * gets one message, after OPLOCK_NAME_WAIT_MS. */
static void
test_unnamed_holder(void)
{
	char errfile[4096], *err;
	int fd, got;
	pid_t waiter;

	tu_reset_var();
	snprintf(errfile, sizeof errfile, "%s/waiter.err", tu_root);
	CU_ASSERT_EQUAL_FATAL(state_store_mkdirs(mpd_path(MPD_PATH_STATE), 0755,
	    NULL), 0);
	fd = open(mpd_path(MPD_PATH_OP_LOCK), O_RDWR | O_CREAT | O_CLOEXEC,
	    0644);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL_FATAL(flock(fd, LOCK_EX), 0);
	waiter = spawn_waiter(errfile, &got);
	CU_ASSERT(!readable_within(got, (int)OPLOCK_NAME_WAIT_MS + 500));
	err = tu_read_file(errfile);
	CU_ASSERT_PTR_NOT_NULL(err);
	if (err != NULL)
		CU_ASSERT_PTR_NOT_NULL(strstr(err, "mpd: waiting for another mpd "
		    "command ("));
	free(err);
	close(fd);
	CU_ASSERT(readable_within(got, 3000));
	CU_ASSERT(exited_ok(waiter));
	close(got);
}

static void
test_fork_does_not_inherit_the_hold(void)
{
	struct mpd_err e = {0};
	int status;
	pid_t pid;

	tu_reset_var();
	CU_ASSERT_EQUAL_FATAL(oplock_acquire("mpd --setup", &e), 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		if (oplock_held())
			_exit(1);
		/* releasing here must neither unlock nor remove the file */
		oplock_release();
		_exit(access(mpd_path(MPD_PATH_OP_LOCK), F_OK) == 0 ? 0 : 2);
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CU_ASSERT_EQUAL(access(mpd_path(MPD_PATH_OP_LOCK), F_OK), 0);
	/* still ours: another process cannot flock it */
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		int fd = open(mpd_path(MPD_PATH_OP_LOCK), O_RDONLY);

		_exit(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0 ? 0 : 1);
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	oplock_release();
	CU_ASSERT(!oplock_held());
}

static void
test_fifo_is_refused(void)
{
	const char *path = mpd_path(MPD_PATH_OP_LOCK);
	char want[4200];
	int status;
	pid_t pid;

	tu_reset_var();
	CU_ASSERT_EQUAL_FATAL(state_store_mkdirs(mpd_path(MPD_PATH_STATE), 0755,
	    NULL), 0);
	CU_ASSERT_EQUAL_FATAL(mkfifo(path, 0644), 0);
	snprintf(want, sizeof want, "cannot open the operation lock %s: not a "
	    "regular file; remove it", path);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		struct mpd_err e = {0};

		alarm(3);
		if (oplock_acquire("mpd --setup", &e) != -1 || oplock_held())
			_exit(1);
		_exit(strcmp(e.msg, want) == 0 ? 0 : 2);
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CU_ASSERT_EQUAL(unlink(path), 0);
}

static const struct mpd_test_case oplock_cases[] = {
	{ "holder recorded, file removed",
	    test_holder_recorded_and_file_removed },
	{ "second waits and says for whom",
	    test_second_waits_and_says_for_whom },
	{ "kill -9 releases", test_kill_9_releases },
	{ "unnamed holder", test_unnamed_holder },
	{ "fork does not inherit the hold", test_fork_does_not_inherit_the_hold },
	{ "a FIFO is refused", test_fifo_is_refused },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "oplock", tu_suite_setup, tu_suite_teardown, oplock_cases },
	{ NULL, NULL, NULL, NULL },
};
