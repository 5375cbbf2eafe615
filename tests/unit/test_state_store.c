/* test_state_store.c - atomic writes (no temp files left, old file kept on
 * failure), whole-file reads, removal, name checks. */
#include "harness.h"
#include "testutil.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "state_store.h"

static char *dir;

static int
setup(void)
{
	dir = tu_mkdtemp();
	return dir == NULL;
}

static int
teardown(void)
{
	tu_rmrf(dir);
	free(dir);
	return 0;
}

/* Number of entries in d other than . and .. ; names joined into buf. */
static int
entries(const char *d, char *buf, size_t n)
{
	DIR *dh = opendir(d);
	struct dirent *ent;
	int count = 0;

	buf[0] = '\0';
	if (dh == NULL)
		return -1;
	while ((ent = readdir(dh)) != NULL) {
		if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
			continue;
		count++;
		strncat(buf, ent->d_name, n - strlen(buf) - 1);
		strncat(buf, " ", n - strlen(buf) - 1);
	}
	closedir(dh);
	return count;
}

static void
sub(char *buf, size_t n, const char *tail)
{
	snprintf(buf, n, "%s/%s", dir, tail);
}

static void
test_write_creates_file_with_mode(void)
{
	char path[4096], names[1024];
	struct mpd_err e = {0};
	struct stat st;
	mode_t old = umask(077);
	char *got;

	sub(path, sizeof path, "w1/a/b/file.json");
	CU_ASSERT_EQUAL(state_store_write_atomic(path, "hello\n", 6, 0644, &e), 0);
	umask(old);
	got = tu_read_file(path);
	CU_ASSERT_STRING_EQUAL(got, "hello\n");
	free(got);
	CU_ASSERT_EQUAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0644);
	sub(path, sizeof path, "w1/a");
	CU_ASSERT_EQUAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0755);
	sub(path, sizeof path, "w1/a/b");
	CU_ASSERT_EQUAL(entries(path, names, sizeof names), 1);
	CU_ASSERT_STRING_EQUAL(names, "file.json ");

	old = umask(0);
	sub(path, sizeof path, "w1/secret");
	CU_ASSERT_EQUAL(state_store_write_atomic(path, "k", 1, STATE_SECRET_MODE,
	    &e), 0);
	umask(old);
	CU_ASSERT_EQUAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0600);
}

static void
test_write_replaces_whole_file(void)
{
	char path[4096], d[4096], names[1024];
	struct mpd_err e = {0};
	struct stat st1, st2;
	char *got;

	sub(d, sizeof d, "w2");
	sub(path, sizeof path, "w2/f");
	CU_ASSERT_EQUAL(state_store_write_atomic(path, "a long old content", 18,
	    0644, &e), 0);
	CU_ASSERT_EQUAL(stat(path, &st1), 0);
	CU_ASSERT_EQUAL(state_store_write_atomic(path, "new", 3, 0644, &e), 0);
	CU_ASSERT_EQUAL(stat(path, &st2), 0);
	got = tu_read_file(path);
	CU_ASSERT_STRING_EQUAL(got, "new");
	free(got);
	/* renamed into place, not rewritten in place */
	CU_ASSERT_NOT_EQUAL(st1.st_ino, st2.st_ino);
	CU_ASSERT_EQUAL(entries(d, names, sizeof names), 1);
	/* an empty file is fine too */
	CU_ASSERT_EQUAL(state_store_write_atomic(path, "", 0, 0644, &e), 0);
	CU_ASSERT_EQUAL(stat(path, &st2), 0);
	CU_ASSERT_EQUAL(st2.st_size, 0);
}

static void
test_write_fails_when_parent_is_a_file(void)
{
	char path[4096], file[4096];
	struct mpd_err e = {0};
	char *got;

	sub(file, sizeof file, "plain");
	CU_ASSERT_EQUAL(tu_write_file(file, "x"), 0);
	sub(path, sizeof path, "plain/sub/f.json");
	CU_ASSERT_EQUAL(state_store_write_atomic(path, "y", 1, 0644, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_IO);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "cannot write "));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "is not a directory"));
	got = tu_read_file(file);
	CU_ASSERT_STRING_EQUAL(got, "x");
	free(got);
	sub(path, sizeof path, "plain/f.json");
	CU_ASSERT_EQUAL(state_store_write_atomic(path, "y", 1, 0644, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_IO);
}

static void
test_failed_rename_leaves_no_temp_file(void)
{
	char d[4096], target[4096], inner[4096], names[1024];
	struct mpd_err e = {0};

	/* the target is a non-empty directory: rename(2) fails after the
	 * temporary file was written and synced */
	sub(d, sizeof d, "w3");
	sub(target, sizeof target, "w3/target");
	sub(inner, sizeof inner, "w3/target/keep");
	CU_ASSERT_EQUAL(tu_write_file(inner, "kept"), 0);
	CU_ASSERT_EQUAL(state_store_write_atomic(target, "data", 4, 0644, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_IO);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "renaming the temporary file into "
	    "place failed"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "the old file is unchanged"));
	CU_ASSERT_EQUAL(entries(d, names, sizeof names), 1);
	CU_ASSERT_STRING_EQUAL(names, "target ");
	CU_ASSERT_EQUAL(entries(target, names, sizeof names), 1);
}

static void
test_failed_write_keeps_old_file(void)
{
	char d[4096], path[4096], names[1024];
	char big[4096];
	struct mpd_err e = {0};
	pid_t pid;
	int status;
	char *got;

	sub(d, sizeof d, "w4");
	sub(path, sizeof path, "w4/f.json");
	CU_ASSERT_EQUAL(state_store_write_atomic(path, "old\n", 4, 0644, &e), 0);
	memset(big, 'x', sizeof big);
	/* in a child limited to 100-byte files, writing 4 KiB fails midway */
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = { 100, 100 };
		int ok;

		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(3);
		ok = state_store_write_atomic(path, big, sizeof big, 0644, &e) ==
		    -1 && strstr(e.msg, "writing the temporary file failed") !=
		    NULL && e.code == MPD_ERR_IO;
		_exit(ok ? 0 : 1);
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	got = tu_read_file(path);
	CU_ASSERT_STRING_EQUAL(got, "old\n");
	free(got);
	CU_ASSERT_EQUAL(entries(d, names, sizeof names), 1);
	CU_ASSERT_STRING_EQUAL(names, "f.json ");
}

static void
test_read(void)
{
	char path[4096];
	struct mpd_err e = {0};
	char *buf = (char *)1;
	size_t len = 9;

	sub(path, sizeof path, "r/none");
	CU_ASSERT_EQUAL(state_store_read(path, 100, "h", &buf, &len, &e), 0);
	CU_ASSERT_PTR_NULL(buf);
	CU_ASSERT_EQUAL(len, 0);
	sub(path, sizeof path, "r/f");
	CU_ASSERT_EQUAL(tu_write_file(path, "12345"), 0);
	CU_ASSERT_EQUAL(state_store_read(path, 100, "h", &buf, &len, &e), 0);
	CU_ASSERT_EQUAL(len, 5);
	CU_ASSERT_STRING_EQUAL(buf, "12345");
	free(buf);
	CU_ASSERT_EQUAL(state_store_read(path, 4, "fix it", &buf, &len, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "r/f: file is larger than 4 bytes; "
	    "fix it"));
	sub(path, sizeof path, "r");
	CU_ASSERT_EQUAL(state_store_read(path, 100, "h", &buf, &len, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_IO);
}

static void
test_remove(void)
{
	char path[4096];
	struct mpd_err e = {0};

	sub(path, sizeof path, "rm/f");
	CU_ASSERT_EQUAL(tu_write_file(path, "x"), 0);
	CU_ASSERT_EQUAL(state_store_remove(path, &e), 0);
	CU_ASSERT_EQUAL(access(path, F_OK), -1);
	CU_ASSERT_EQUAL(state_store_remove(path, &e), 0);
	sub(path, sizeof path, "rm");
	CU_ASSERT_EQUAL(state_store_remove(path, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_IO);
}

static void
test_mkdirs(void)
{
	char path[4096], file[4096];
	struct mpd_err e = {0};
	struct stat st;

	sub(path, sizeof path, "mk/a/b/c/");
	CU_ASSERT_EQUAL(state_store_mkdirs(path, 0755, &e), 0);
	CU_ASSERT_EQUAL(stat(path, &st), 0);
	CU_ASSERT(S_ISDIR(st.st_mode));
	CU_ASSERT_EQUAL(state_store_mkdirs(path, 0755, &e), 0);
	sub(file, sizeof file, "mk/a/file");
	CU_ASSERT_EQUAL(tu_write_file(file, "x"), 0);
	CU_ASSERT_EQUAL(state_store_mkdirs(file, 0755, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "exists and is not a directory"));
	sub(path, sizeof path, "mk/a/file/deeper");
	CU_ASSERT_EQUAL(state_store_mkdirs(path, 0755, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_IO);
}

static void
test_name_and_text_checks(void)
{
	CU_ASSERT(state_store_name_ok("demo"));
	CU_ASSERT(state_store_name_ok("a.b-c_d"));
	CU_ASSERT(state_store_name_ok("\xc3\xa9"));
	CU_ASSERT(!state_store_name_ok(NULL));
	CU_ASSERT(!state_store_name_ok(""));
	CU_ASSERT(!state_store_name_ok("."));
	CU_ASSERT(!state_store_name_ok(".."));
	CU_ASSERT(!state_store_name_ok("a/b"));
	CU_ASSERT(!state_store_name_ok("a\nb"));
	CU_ASSERT(!state_store_name_ok("a\x7f"));
	{
		char longname[300];

		memset(longname, 'a', sizeof longname);
		longname[255] = '\0';
		CU_ASSERT(state_store_name_ok(longname));
		longname[255] = 'a';
		longname[256] = '\0';
		CU_ASSERT(!state_store_name_ok(longname));
	}
	CU_ASSERT(state_store_text_ok(""));
	CU_ASSERT(state_store_text_ok("a/b c"));
	CU_ASSERT(!state_store_text_ok(NULL));
	CU_ASSERT(!state_store_text_ok("a\tb"));
}

/* Run `fn` in a child with a 3 s alarm: a read that hangs fails the test
 * instead of hanging it.  True when the child exited 0. */
static int
in_child_with_alarm(int (*fn)(const char *), const char *path)
{
	int status;
	pid_t pid = fork();

	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		alarm(3);
		_exit(fn(path));
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		fprintf(stderr, "\n  child killed by signal %d (hung?)\n",
		    WTERMSIG(status));
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int
read_is_refused(const char *path)
{
	struct mpd_err e = {0};
	char *buf = NULL, want[4200];
	size_t len;

	snprintf(want, sizeof want, "cannot read %s: not a regular file; "
	    "remove it", path);
	if (state_store_read(path, 100, "remove it", &buf, &len, &e) != -1 ||
	    buf != NULL || e.code != MPD_ERR_IO) {
		fprintf(stderr, "\n  %s: %s\n", path, e.msg);
		return 1;
	}
	if (strcmp(e.msg, want) != 0) {
		fprintf(stderr, "\n  want: %s\n  got:  %s\n", want, e.msg);
		return 2;
	}
	return 0;
}

/* A FIFO (or socket) where a file is expected used to hang mpd in
 * open(); it is refused at once. */
static void
test_read_refuses_fifo_and_socket(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char path[4096], link[4096];
	int fd;

	sub(path, sizeof path, "fifo");
	CU_ASSERT_EQUAL_FATAL(mkfifo(path, 0644), 0);
	CU_ASSERT(in_child_with_alarm(read_is_refused, path));
	/* through a symlink too: the check is on what was opened */
	sub(link, sizeof link, "fifo-link");
	CU_ASSERT_EQUAL_FATAL(symlink(path, link), 0);
	CU_ASSERT(in_child_with_alarm(read_is_refused, link));
	CU_ASSERT_EQUAL(access(path, F_OK), 0);		/* left alone */

	sub(path, sizeof path, "sock");
	CU_ASSERT_FATAL(strlen(path) < sizeof sa.sun_path);
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL_FATAL(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	CU_ASSERT(in_child_with_alarm(read_is_refused, path));
	close(fd);
	CU_ASSERT(in_child_with_alarm(read_is_refused, "/dev/null"));
}

/* The one leftover in `d` (other than `keep`), or "" */
static void
leftover(const char *d, const char *keep, char *out, size_t n)
{
	DIR *dh = opendir(d);
	struct dirent *ent;

	out[0] = '\0';
	CU_ASSERT_PTR_NOT_NULL_FATAL(dh);
	while ((ent = readdir(dh)) != NULL)
		if (strcmp(ent->d_name, ".") != 0 &&
		    strcmp(ent->d_name, "..") != 0 &&
		    strcmp(ent->d_name, keep) != 0)
			snprintf(out, n, "%s", ent->d_name);
	closedir(dh);
}

static void
test_temp_names(void)
{
	char d[4096], path[4096], name[512];
	long pid = 0;
	pid_t child;

	/* the writer's own spelling, as a killed write leaves it */
	sub(d, sizeof d, "t1");
	sub(path, sizeof path, "t1/projects.json");
	CU_ASSERT_EQUAL(state_store_write_atomic(path, "{}\n", 3, 0644, NULL),
	    0);
	child = tu_killed_mid_write(path);
	CU_ASSERT_FATAL(child > 0);
	leftover(d, "projects.json", name, sizeof name);
	CU_ASSERT_PTR_NOT_NULL(strstr(name, ".projects.json."));
	CU_ASSERT(state_store_temp_name(name, &pid));
	CU_ASSERT_EQUAL(pid, (long)child);

	CU_ASSERT(state_store_temp_name(".a.b.json.12.0.tmp", &pid));
	CU_ASSERT_EQUAL(pid, 12);
	CU_ASSERT(state_store_temp_name(".x.1.99.tmp", NULL));
	CU_ASSERT(!state_store_temp_name(".tmp", NULL));
	CU_ASSERT(!state_store_temp_name("..1.2.tmp", NULL));
	CU_ASSERT(!state_store_temp_name(".a.1.tmp", NULL));
	CU_ASSERT(!state_store_temp_name(".a.x.2.tmp", NULL));
	CU_ASSERT(!state_store_temp_name(".a.1.2.tmpx", NULL));
	CU_ASSERT(!state_store_temp_name(".a.1..tmp", NULL));
	CU_ASSERT(!state_store_temp_name("a.1.2.tmp", NULL));
	CU_ASSERT(!state_store_temp_name(".a.0.2.tmp", NULL));
	CU_ASSERT(!state_store_temp_name(".a.99999999999.2.tmp", NULL));
	CU_ASSERT(!state_store_temp_name("projects.json", NULL));
}

static void
test_sweep_temps(void)
{
	char d[4096], path[4096], name[512], names[1024], keep[4096];
	char deep[4096];

	sub(d, sizeof d, "sw");
	sub(path, sizeof path, "sw/a.json");
	CU_ASSERT_EQUAL(state_store_write_atomic(path, "A\n", 2, 0644, NULL), 0);
	CU_ASSERT_FATAL(tu_killed_mid_write(path) > 0);
	sub(path, sizeof path, "sw/runtimes/php/meta.json");
	CU_ASSERT_EQUAL(state_store_write_atomic(path, "M\n", 2, 0644, NULL), 0);
	CU_ASSERT_FATAL(tu_killed_mid_write(path) > 0);
	sub(d, sizeof d, "sw/runtimes/php");
	leftover(d, "meta.json", name, sizeof name);
	CU_ASSERT(state_store_temp_name(name, NULL));
	/* kept: a live writer's file (pid 1 always runs), a symlink and a
	 * directory spelled like temporary files, other dot files */
	sub(keep, sizeof keep, "sw/.a.json.1.0.tmp");
	CU_ASSERT_EQUAL(tu_write_file(keep, "live"), 0);
	sub(keep, sizeof keep, "sw/.l.999999.0.tmp");
	CU_ASSERT_EQUAL(symlink("a.json", keep), 0);
	sub(keep, sizeof keep, "sw/.d.999999.0.tmp/x");
	CU_ASSERT_EQUAL(tu_write_file(keep, "x"), 0);
	sub(keep, sizeof keep, "sw/.lock");
	CU_ASSERT_EQUAL(tu_write_file(keep, ""), 0);
	/* deeper than asked: left for now */
	sub(deep, sizeof deep, "sw/1/2/3/.f.999999.0.tmp");
	CU_ASSERT_EQUAL(tu_write_file(deep, "x"), 0);

	sub(d, sizeof d, "sw");
	CU_ASSERT_EQUAL(state_store_sweep_temps(d, 2), 2);
	/* a.json runtimes/ 1/ and the four kept */
	CU_ASSERT_EQUAL(entries(d, names, sizeof names), 7);
	CU_ASSERT_PTR_NOT_NULL(strstr(names, ".a.json.1.0.tmp "));
	CU_ASSERT_PTR_NOT_NULL(strstr(names, ".l.999999.0.tmp "));
	CU_ASSERT_PTR_NOT_NULL(strstr(names, ".d.999999.0.tmp "));
	CU_ASSERT_PTR_NOT_NULL(strstr(names, ".lock "));
	sub(d, sizeof d, "sw/runtimes/php");
	CU_ASSERT_EQUAL(entries(d, names, sizeof names), 1);
	CU_ASSERT_STRING_EQUAL(names, "meta.json ");
	CU_ASSERT_EQUAL(access(deep, F_OK), 0);
	sub(d, sizeof d, "sw");
	CU_ASSERT_EQUAL(state_store_sweep_temps(d, 3), 1);
	CU_ASSERT_EQUAL(access(deep, F_OK), -1);
	sub(path, sizeof path, "sw/missing");
	CU_ASSERT_EQUAL(state_store_sweep_temps(path, 3), 0);
}

static const struct mpd_test_case store_cases[] = {
	{ "write creates file with mode", test_write_creates_file_with_mode },
	{ "write replaces whole file", test_write_replaces_whole_file },
	{ "write fails when parent is a file",
	    test_write_fails_when_parent_is_a_file },
	{ "failed rename leaves no temp file",
	    test_failed_rename_leaves_no_temp_file },
	{ "failed write keeps old file", test_failed_write_keeps_old_file },
	{ "read", test_read },
	{ "remove", test_remove },
	{ "mkdirs", test_mkdirs },
	{ "name and text checks", test_name_and_text_checks },
	{ "read refuses a FIFO and a socket", test_read_refuses_fifo_and_socket },
	{ "temporary file names", test_temp_names },
	{ "sweep of temporary files", test_sweep_temps },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "state_store", setup, teardown, store_cases },
	{ NULL, NULL, NULL, NULL },
};
