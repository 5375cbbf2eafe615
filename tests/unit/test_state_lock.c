/* test_state_lock.c - the state lock: re-entrant in a process, exclusive
 * between processes, a timeout with a clear message, not inherited over
 * fork, and no lost updates from two concurrent writers. */
#include "harness.h"
#include "testutil.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "paths.h"
#include "state_lock.h"
#include "state_projects.h"
#include "state_store.h"


/* A child that takes the lock, says so on `ready`, and releases it and
 * exits when `go` is closed.  Returns its pid. */
static pid_t
spawn_holder(int *ready_rd, int *go_wr)
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
		if (state_lock_acquire(NULL) != 0)
			_exit(2);
		if (write(ready[1], "x", 1) != 1)
			_exit(3);
		while (read(go[0], &c, 1) > 0)
			;
		state_lock_release();
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	*ready_rd = ready[0];
	*go_wr = go[1];
	return pid;
}

static void
wait_holder(pid_t pid, int ready_rd, int go_wr)
{
	int status;

	if (go_wr >= 0)
		close(go_wr);
	close(ready_rd);
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void
test_reentrant(void)
{
	struct mpd_err e = {0};

	CU_ASSERT(!state_lock_held());
	CU_ASSERT_EQUAL(state_lock_acquire(&e), 0);
	CU_ASSERT(state_lock_held());
	CU_ASSERT_EQUAL(access(mpd_path(MPD_PATH_STATE_LOCK), F_OK), 0);
	CU_ASSERT_EQUAL(state_lock_acquire(&e), 0);
	state_lock_release();
	CU_ASSERT(state_lock_held());
	state_lock_release();
	CU_ASSERT(!state_lock_held());
	/* an extra release is harmless */
	state_lock_release();
	CU_ASSERT(!state_lock_held());
}

static void
test_timeout_names_the_holder(void)
{
	struct mpd_err e = {0};
	char want[4200], c;
	int ready, go;
	unsigned old;
	long t0, took;
	pid_t pid = spawn_holder(&ready, &go);

	CU_ASSERT_EQUAL_FATAL(read(ready, &c, 1), 1);
	old = state_lock_set_timeout_ms(300);
	t0 = tu_now_ms();
	CU_ASSERT_EQUAL(state_lock_acquire(&e), -1);
	took = tu_now_ms() - t0;
	CU_ASSERT(took >= 300 && took < 5000);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_TIMEOUT);
	snprintf(want, sizeof want, "state is locked by another mpd process "
	    "(pid %ld, %s); try again", (long)pid,
	    mpd_path(MPD_PATH_STATE_LOCK));
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	CU_ASSERT(!state_lock_held());

	/* a mutator gives up the same way and writes nothing */
	CU_ASSERT_EQUAL(access(mpd_path(MPD_PATH_PROJECTS_JSON), F_OK), -1);
	{
		struct state_project p = { .name = "blocked", .type = "bare" };

		CU_ASSERT_EQUAL(state_projects_upsert(&p, &e), -1);
		CU_ASSERT_STRING_EQUAL(e.msg, want);
	}
	CU_ASSERT_EQUAL(access(mpd_path(MPD_PATH_PROJECTS_JSON), F_OK), -1);

	wait_holder(pid, ready, go);
	/* released: it is ours at once */
	t0 = tu_now_ms();
	CU_ASSERT_EQUAL(state_lock_acquire(&e), 0);
	CU_ASSERT(tu_now_ms() - t0 < 1000);
	state_lock_release();
	state_lock_set_timeout_ms(old);
}

static void
test_waits_for_a_short_hold(void)
{
	struct mpd_err e = {0};
	int ready, go;
	char c;
	pid_t pid = spawn_holder(&ready, &go);
	pid_t releaser;

	CU_ASSERT_EQUAL_FATAL(read(ready, &c, 1), 1);
	/* let the holder go after 200 ms while we wait (up to 30 s) */
	releaser = fork();
	CU_ASSERT_FATAL(releaser >= 0);
	if (releaser == 0) {
		struct timespec nap = { 0, 200 * 1000000L };

		nanosleep(&nap, NULL);
		close(go);
		_exit(0);
	}
	close(go);
	CU_ASSERT_EQUAL(state_lock_acquire(&e), 0);
	state_lock_release();
	CU_ASSERT_EQUAL(waitpid(releaser, NULL, 0), releaser);
	wait_holder(pid, ready, -1);
}

static void
test_fork_does_not_inherit_the_hold(void)
{
	struct mpd_err e = {0};
	int status;
	pid_t pid;

	CU_ASSERT_EQUAL_FATAL(state_lock_acquire(&e), 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		struct mpd_err ce = {0};
		int rc;

		if (state_lock_held())
			_exit(1);
		state_lock_set_timeout_ms(100);
		rc = state_lock_acquire(&ce);
		/* the parent holds it: the child must wait, then give up */
		if (rc != -1 || ce.code != MPD_ERR_TIMEOUT)
			_exit(2);
		/* and releasing here must not unlock the parent */
		state_lock_release();
		_exit(0);
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* still held after the child went: a second child cannot get it */
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		state_lock_set_timeout_ms(100);
		_exit(state_lock_acquire(NULL) == -1 ? 0 : 1);
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	state_lock_release();
	CU_ASSERT(!state_lock_held());
}

#define PER_WRITER 200

static void
writer(char tag)
{
	for (int i = 0; i < PER_WRITER; i++) {
		char name[32];
		struct state_project p = { .type = "bare" };
		struct mpd_err e = {0};

		snprintf(name, sizeof name, "p-%c-%03d", tag, i);
		p.name = name;
		p.requested = (i % 2) ? STATE_REQUESTED_STOPPED :
		    STATE_REQUESTED_RUNNING;
		if (state_projects_upsert(&p, &e) != 0) {
			fprintf(stderr, "writer %c: %s\n", tag, e.msg);
			_exit(1);
		}
	}
	_exit(0);
}

static void
test_concurrent_writers_lose_nothing(void)
{
	struct state_project_list l;
	struct mpd_err e = {0};
	pid_t a, b;
	int sa, sb;

	a = fork();
	CU_ASSERT_FATAL(a >= 0);
	if (a == 0)
		writer('a');
	b = fork();
	CU_ASSERT_FATAL(b >= 0);
	if (b == 0)
		writer('b');
	CU_ASSERT_EQUAL(waitpid(a, &sa, 0), a);
	CU_ASSERT_EQUAL(waitpid(b, &sb, 0), b);
	CU_ASSERT(WIFEXITED(sa) && WEXITSTATUS(sa) == 0);
	CU_ASSERT(WIFEXITED(sb) && WEXITSTATUS(sb) == 0);

	CU_ASSERT_EQUAL_FATAL(state_projects_load(&l, &e), 0);
	CU_ASSERT_EQUAL(l.n, 2 * PER_WRITER);
	for (int i = 0; i < PER_WRITER; i++) {
		char na[32], nb[32];

		snprintf(na, sizeof na, "p-a-%03d", i);
		snprintf(nb, sizeof nb, "p-b-%03d", i);
		CU_ASSERT_PTR_NOT_NULL(state_project_list_find(&l, na));
		CU_ASSERT_PTR_NOT_NULL(state_project_list_find(&l, nb));
	}
	/* written sorted by name */
	for (size_t i = 1; i < l.n; i++)
		CU_ASSERT(strcmp(l.items[i - 1].name, l.items[i].name) < 0);
	state_project_list_free(&l);
}

static void
test_composite_operation_holds_the_lock(void)
{
	struct state_project p = { .name = "combo", .type = "bare" };
	struct state_project got;
	struct mpd_err e = {0};

	CU_ASSERT_EQUAL_FATAL(state_lock_acquire(&e), 0);
	CU_ASSERT_EQUAL(state_projects_upsert(&p, &e), 0);
	CU_ASSERT_EQUAL(state_projects_set_requested("combo",
	    STATE_REQUESTED_RUNNING, &e), 0);
	CU_ASSERT(state_lock_held());
	state_lock_release();
	CU_ASSERT(!state_lock_held());
	CU_ASSERT_EQUAL(state_projects_get("combo", &got, &e), 0);
	CU_ASSERT_EQUAL(got.requested, STATE_REQUESTED_RUNNING);
	state_project_free(&got);
}

/* A write killed between creating its temporary file and the rename
 * (kill -9; here SIGXFSZ from a file size limit) leaves the temporary
 * file; the next process to take the lock removes it. */
static void
test_acquire_sweeps_a_killed_writers_temp_file(void)
{
	const char *path = mpd_path(MPD_PATH_PROJECTS_JSON);
	struct state_project p = { .name = "kept", .type = "bare" };
	struct mpd_err e = {0};
	char *before, *after;
	DIR *d;
	struct dirent *ent;
	int temps = 0;

	tu_reset_var();
	CU_ASSERT_EQUAL_FATAL(state_projects_upsert(&p, &e), 0);
	before = tu_read_file(path);
	CU_ASSERT_FATAL(tu_killed_mid_write(path) > 0);
	d = opendir(mpd_path(MPD_PATH_STATE));
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((ent = readdir(d)) != NULL)
		temps += state_store_temp_name(ent->d_name, NULL);
	closedir(d);
	CU_ASSERT_EQUAL(temps, 1);

	CU_ASSERT_EQUAL_FATAL(state_lock_acquire(&e), 0);
	state_lock_release();
	temps = 0;
	d = opendir(mpd_path(MPD_PATH_STATE));
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((ent = readdir(d)) != NULL)
		temps += state_store_temp_name(ent->d_name, NULL);
	closedir(d);
	CU_ASSERT_EQUAL(temps, 0);
	after = tu_read_file(path);
	CU_ASSERT_STRING_EQUAL(before, after);
	free(before);
	free(after);
}

/* A FIFO at the lock path is refused at once, not waited on. */
static void
test_lock_file_must_be_regular(void)
{
	const char *path = mpd_path(MPD_PATH_STATE_LOCK);
	char want[4200];
	int status;
	pid_t pid;

	tu_reset_var();
	CU_ASSERT_EQUAL_FATAL(state_store_mkdirs(mpd_path(MPD_PATH_STATE),
	    0755, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(mkfifo(path, 0644), 0);
	snprintf(want, sizeof want, "cannot open the state lock %s: not a "
	    "regular file; remove it", path);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		struct mpd_err e = {0};

		alarm(3);
		if (state_lock_acquire(&e) != -1 || state_lock_held())
			_exit(1);
		_exit(strcmp(e.msg, want) == 0 ? 0 : 2);
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CU_ASSERT_EQUAL(unlink(path), 0);
}

static const struct mpd_test_case lock_cases[] = {
	{ "re-entrant", test_reentrant },
	{ "timeout names the holder", test_timeout_names_the_holder },
	{ "waits for a short hold", test_waits_for_a_short_hold },
	{ "fork does not inherit the hold", test_fork_does_not_inherit_the_hold },
	{ "concurrent writers lose nothing",
	    test_concurrent_writers_lose_nothing },
	{ "composite operation holds the lock",
	    test_composite_operation_holds_the_lock },
	{ "acquire sweeps a killed writer's temp file",
	    test_acquire_sweeps_a_killed_writers_temp_file },
	{ "lock file must be regular", test_lock_file_must_be_regular },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "state_lock", tu_suite_setup, tu_suite_teardown, lock_cases },
	{ NULL, NULL, NULL, NULL },
};
