/* state_store.c - read whole, write atomically, remove (see state_store.h). */
#include "state_store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"

/* Split `path` into a malloc'ed directory and a pointer to the base name
 * inside `path`.  "file" has directory ".". */
static char *
split_dir(const char *path, const char **base)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (slash == NULL) {
		*base = path;
		return strdup(".");
	}
	*base = slash + 1;
	if (slash == path)
		return strdup("/");
	dir = strndup(path, (size_t)(slash - path));
	return dir;
}

int
state_store_mkdirs(const char *dir, mode_t mode, struct mpd_err *e)
{
	char *buf;
	struct stat st;
	size_t n;

	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		return mpd_err_set(e, MPD_ERR_IO, "cannot create directory %s: "
		    "it exists and is not a directory", dir);
	}
	buf = strdup(dir);
	if (buf == NULL)
		return mpd_err_set(e, MPD_ERR_IO, "out of memory");
	n = strlen(buf);
	while (n > 1 && buf[n - 1] == '/')
		buf[--n] = '\0';
	for (char *s = buf + 1;; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		/* created directories get exactly `mode`, whatever the umask */
		if (mkdir(buf, mode) == 0)
			(void)chmod(buf, mode);
		else if (errno != EEXIST) {
			int err = errno;

			mpd_err_set(e, MPD_ERR_IO, "cannot create directory %s: %s",
			    buf, strerror(err));
			free(buf);
			return -1;
		}
		if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
			mpd_err_set(e, MPD_ERR_IO, "cannot create directory %s: "
			    "%s exists and is not a directory", dir, buf);
			free(buf);
			return -1;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(buf);
	return 0;
}

int
state_store_read(const char *path, size_t max, const char *hint, char **buf,
    size_t *len, struct mpd_err *e)
{
	struct stat st;
	char *data;
	size_t have = 0;
	int fd;

	*buf = NULL;
	*len = 0;
	/* O_NONBLOCK: a FIFO opens at once (and is refused below) instead
	 * of hanging until a writer appears; a socket fails with ENXIO */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		if (errno == ENXIO)
			return mpd_err_set(e, MPD_ERR_IO, "cannot read %s: not a "
			    "regular file; %s", path, hint);
		return mpd_err_set(e, MPD_ERR_IO, "cannot read %s: %s", path,
		    strerror(errno));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return mpd_err_set(e, MPD_ERR_IO, "cannot read %s: not a regular "
		    "file; %s", path, hint);
	}
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		if (max % (1024 * 1024) == 0)
			return mpd_err_set(e, MPD_ERR_CORRUPT, "%s: file is larger "
			    "than %zu MiB; %s", path, max >> 20, hint);
		return mpd_err_set(e, MPD_ERR_CORRUPT, "%s: file is larger than "
		    "%zu bytes; %s", path, max, hint);
	}
	/* one byte more than the size, to see a file that grew meanwhile */
	data = malloc((size_t)st.st_size + 2);
	if (data == NULL) {
		close(fd);
		return mpd_err_set(e, MPD_ERR_IO, "out of memory reading %s", path);
	}
	for (;;) {
		ssize_t r = read(fd, data + have, (size_t)st.st_size + 1 - have);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int err = errno;

			free(data);
			close(fd);
			return mpd_err_set(e, MPD_ERR_IO, "cannot read %s: %s",
			    path, strerror(err));
		}
		if (r == 0)
			break;
		have += (size_t)r;
		if (have > (size_t)st.st_size) {
			free(data);
			close(fd);
			return mpd_err_set(e, MPD_ERR_IO, "cannot read %s: it "
			    "changed while being read; try again", path);
		}
	}
	close(fd);
	data[have] = '\0';
	*buf = data;
	*len = have;
	return 0;
}

static int
fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	/* some file systems cannot fsync a directory; nothing to do then */
	if (rc != 0 && (errno == EINVAL || errno == EROFS))
		rc = 0;
	close(fd);
	return rc;
}

static int
write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* The temporary file of a write: ".<base>.<pid>.<n>.tmp" next to the
 * target.  TEMP_FORMAT and state_store_temp_name() are the two halves of
 * this one spelling. */
#define TEMP_FORMAT	"%s/.%s.%ld.%u.tmp"
#define TEMP_SUFFIX	".tmp"

/* Create a fresh temporary file next to `path`.  Returns the fd and fills
 * tmp, or -1 with errno. */
static int
open_temp(const char *dir, const char *base, mode_t mode, char *tmp, size_t n)
{
	static unsigned counter;

	for (int tries = 0; tries < 1000; tries++) {
		int fd;

		snprintf(tmp, n, TEMP_FORMAT, dir, base, (long)getpid(),
		    counter++);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
		    O_NOFOLLOW, mode);
		if (fd >= 0)
			return fd;
		if (errno != EEXIST)
			return -1;
	}
	errno = EEXIST;
	return -1;
}

int
state_store_write_atomic(const char *path, const void *data, size_t len,
    mode_t mode, struct mpd_err *e)
{
	char tmp[PATH_MAX];
	const char *base;
	char *dir;
	int fd, err;
	const char *what;

	dir = split_dir(path, &base);
	if (dir == NULL)
		return mpd_err_set(e, MPD_ERR_IO, "out of memory");
	if (*base == '\0') {
		free(dir);
		return mpd_err_set(e, MPD_ERR_IO, "cannot write %s: not a file "
		    "name", path);
	}
	if (state_store_mkdirs(dir, STATE_DIR_MODE, e) != 0) {
		mpd_err_prefix(e, "cannot write %s", path);
		free(dir);
		return -1;
	}
	fd = open_temp(dir, base, mode, tmp, sizeof tmp);
	if (fd < 0) {
		err = errno;
		mpd_err_set(e, MPD_ERR_IO, "cannot write %s: cannot create a "
		    "temporary file in %s: %s", path, dir, strerror(err));
		free(dir);
		return -1;
	}
	what = "setting the mode of the temporary file";
	if (fchmod(fd, mode) != 0)
		goto fail;
	what = "writing the temporary file";
	if (write_all(fd, data, len) != 0)
		goto fail;
	what = "syncing the temporary file";
	if (fsync(fd) != 0)
		goto fail;
	what = "closing the temporary file";
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	what = "renaming the temporary file into place";
	if (rename(tmp, path) != 0)
		goto fail;
	if (fsync_dir(dir) != 0)
		mpd_warn("cannot sync directory %s after writing %s: %s", dir,
		    base, strerror(errno));
	free(dir);
	return 0;

fail:
	err = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	mpd_err_set(e, MPD_ERR_IO, "cannot write %s: %s failed: %s; "
	    "the old file is unchanged", path, what, strerror(err));
	free(dir);
	return -1;
}

/* Digits s[from..to) as a number, or -1 when empty, not digits or huge. */
static long
digits(const char *s, size_t from, size_t to)
{
	long v = 0;

	if (from >= to || to - from > 10)
		return -1;
	for (size_t k = from; k < to; k++) {
		if (s[k] < '0' || s[k] > '9')
			return -1;
		v = v * 10 + (s[k] - '0');
	}
	return v;
}

bool
state_store_temp_name(const char *name, long *pid)
{
	size_t n = strlen(name), sl = strlen(TEMP_SUFFIX), end, dot;
	long p;

	/* parsed from the end: the base itself may contain dots */
	if (n < 1 + 1 + 2 + 2 + sl || name[0] != '.' ||
	    strcmp(name + n - sl, TEMP_SUFFIX) != 0)
		return false;
	end = n - sl;			/* ".<n>" ends here */
	for (dot = end; dot > 0 && name[dot - 1] != '.'; dot--)
		;
	if (dot < 2 || digits(name, dot, end) < 0)
		return false;
	end = dot - 1;			/* ".<pid>" ends here */
	for (dot = end; dot > 0 && name[dot - 1] != '.'; dot--)
		;
	if (dot < 3 || (p = digits(name, dot, end)) <= 0)
		return false;
	/* and a non-empty base between the leading '.' and ".<pid>" */
	if (pid != NULL)
		*pid = p;
	return true;
}

/* True unless process `pid` is certainly gone. */
static bool
writer_alive(long pid)
{
	if (pid == (long)getpid())
		return true;
	return kill((pid_t)pid, 0) == 0 || errno != ESRCH;
}

static unsigned
sweep_fd(int dfd, const char *shown, int depth)
{
	DIR *d = fdopendir(dfd);
	struct dirent *ent;
	unsigned removed = 0;

	if (d == NULL) {
		close(dfd);
		return 0;
	}
	while ((ent = readdir(d)) != NULL) {
		struct stat st;
		long pid;

		if (strcmp(ent->d_name, ".") == 0 ||
		    strcmp(ent->d_name, "..") == 0)
			continue;
		if (fstatat(dirfd(d), ent->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (S_ISDIR(st.st_mode) && depth > 0) {
			int sub = openat(dirfd(d), ent->d_name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			if (sub >= 0)
				removed += sweep_fd(sub, ent->d_name, depth - 1);
			continue;
		}
		if (!S_ISREG(st.st_mode) ||
		    !state_store_temp_name(ent->d_name, &pid) ||
		    writer_alive(pid))
			continue;
		if (unlinkat(dirfd(d), ent->d_name, 0) == 0) {
			removed++;
			mpd_debug("removed %s/%s, left by process %ld", shown,
			    ent->d_name, pid);
		} else
			mpd_debug("cannot remove %s/%s: %s", shown, ent->d_name,
			    strerror(errno));
	}
	closedir(d);
	return removed;
}

unsigned
state_store_sweep_temps(const char *dir, int depth)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (dfd < 0)
		return 0;
	return sweep_fd(dfd, dir, depth);
}

int
state_store_remove(const char *path, struct mpd_err *e)
{
	const char *base;
	char *dir;

	if (unlink(path) != 0) {
		if (errno == ENOENT)
			return 0;
		return mpd_err_set(e, MPD_ERR_IO, "cannot remove %s: %s", path,
		    strerror(errno));
	}
	dir = split_dir(path, &base);
	if (dir != NULL && fsync_dir(dir) != 0)
		mpd_warn("cannot sync directory %s after removing %s: %s", dir,
		    base, strerror(errno));
	free(dir);
	return 0;
}

bool
state_store_name_ok(const char *s)
{
	size_t n;

	if (s == NULL)
		return false;
	n = strlen(s);
	if (n == 0 || n > 255 || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p == '/' || *p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

bool
state_store_text_ok(const char *s)
{
	if (s == NULL)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

int
state_store_write_if_changed(const char *path, const void *data, size_t len,
    mode_t mode, bool *changed, struct mpd_err *e)
{
	char *old = NULL;
	size_t oldlen = 0;
	bool same;

	if (changed != NULL)
		*changed = false;
	if (state_store_read(path, len + 1, "", &old, &oldlen, NULL) == 0 &&
	    old != NULL) {
		same = (oldlen == len && memcmp(old, data, len) == 0);
		free(old);
		if (same)
			return 0;
	}
	if (state_store_write_atomic(path, data, len, mode, e) != 0)
		return -1;
	if (changed != NULL)
		*changed = true;
	return 0;
}
