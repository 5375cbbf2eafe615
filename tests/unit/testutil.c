/* testutil.c - small helpers shared by unit tests (see testutil.h). */
#include "testutil.h"

#include "paths.h"
#include "state_store.h"

#include <errno.h>
#include <signal.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

char *
tu_mkdtemp(void)
{
	const char *tmp = getenv("TMPDIR");
	char buf[4096];
	char *p;

	snprintf(buf, sizeof buf, "%s/mpd-test-XXXXXX",
		 (tmp != NULL && *tmp) ? tmp : "/tmp");
	if (mkdtemp(buf) == NULL)
		return NULL;
	p = strdup(buf);
	return p;
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(path);
}

int
tu_rmrf(const char *path)
{
	if (path == NULL)
		return 0;
	return nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static int
mkdirs_for(const char *path)
{
	char buf[4096];

	snprintf(buf, sizeof buf, "%s", path);
	for (char *s = buf + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return 0;
}

int
tu_write_file(const char *path, const char *content)
{
	FILE *f;
	size_t n = strlen(content);

	if (mkdirs_for(path) != 0)
		return -1;
	f = fopen(path, "w");
	if (f == NULL)
		return -1;
	if (fwrite(content, 1, n, f) != n) {
		fclose(f);
		return -1;
	}
	return fclose(f);
}

char *
tu_read_file_len(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, r;

	if (f == NULL)
		return NULL;
	for (;;) {
		if (cap - len < 4096) {
			char *nb = realloc(buf, cap + 8192);

			if (nb == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
			cap += 8192;
		}
		r = fread(buf + len, 1, cap - len - 1, f);
		len += r;
		if (r == 0)
			break;
	}
	fclose(f);
	buf[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return buf;
}

char *
tu_read_file(const char *path)
{
	return tu_read_file_len(path, NULL);
}

int
tu_fake_answer(const char *dir, int n, const char *out, const char *err,
	       int status)
{
	char path[4300], num[16];
	int rc = 0;

	if (out != NULL) {
		snprintf(path, sizeof path, "%s/%d.out", dir, n);
		rc |= tu_write_file(path, out);
	}
	if (err != NULL) {
		snprintf(path, sizeof path, "%s/%d.err", dir, n);
		rc |= tu_write_file(path, err);
	}
	snprintf(path, sizeof path, "%s/%d.exit", dir, n);
	snprintf(num, sizeof num, "%d\n", status);
	rc |= tu_write_file(path, num);
	return rc == 0 ? 0 : -1;
}

char *
tu_read_in(const char *dir, const char *name)
{
	char path[4300];
	char *s;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	s = tu_read_file(path);
	return s ? s : strdup("");
}

char *
tu_fresh_root(void)
{
	char *root = tu_mkdtemp();

	if (root == NULL)
		return NULL;
	setenv("MPD_TEST_ROOT", root, 1);
	mpd_paths_reset();
	return root;
}

char *tu_root;

int
tu_suite_setup(void)
{
	tu_root = tu_fresh_root();
	return tu_root == NULL;
}

int
tu_suite_teardown(void)
{
	tu_rmrf(tu_root);
	free(tu_root);
	tu_root = NULL;
	unsetenv("MPD_TEST_ROOT");
	mpd_paths_reset();
	return 0;
}

void
tu_reset_var(void)
{
	char var[4096];

	snprintf(var, sizeof var, "%s/var", tu_root);
	tu_rmrf(var);
}

long
tu_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

pid_t
tu_killed_mid_write(const char *path)
{
	static char big[8192];
	int status;
	pid_t pid;

	memset(big, 'x', sizeof big);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		struct rlimit fs = { 100, 100 }, core = { 0, 0 };

		signal(SIGXFSZ, SIG_DFL);
		if (setrlimit(RLIMIT_CORE, &core) != 0 ||
		    setrlimit(RLIMIT_FSIZE, &fs) != 0)
			_exit(3);
		state_store_write_atomic(path, big, sizeof big, 0644, NULL);
		_exit(4);	/* not reached: the write kills us */
	}
	if (waitpid(pid, &status, 0) != pid || !WIFSIGNALED(status) ||
	    WTERMSIG(status) != SIGXFSZ)
		return -1;
	return pid;
}

int
tu_write_ini(const char *text)
{
	const char *ini = mpd_path(MPD_PATH_MPD_INI);

	if (text == NULL)
		return unlink(ini) == 0 || errno == ENOENT ? 0 : -1;
	return tu_write_file(ini, text);
}
