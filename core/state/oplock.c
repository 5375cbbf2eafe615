/* oplock.c - the operation lock (see oplock.h). */
#include "oplock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "paths.h"
#include "state_store.h"

#define POLL_MS		100
#define WHAT_MAX	160

static int lock_fd = -1;
static unsigned lock_depth;
static pid_t lock_pid;

/* A forked child sees the parent's hold: forget it without unlocking or
 * removing anything (the open file description is shared). */
static void
forget_inherited(void)
{
	if (lock_depth > 0 && lock_pid != getpid()) {
		close(lock_fd);
		lock_fd = -1;
		lock_depth = 0;
	}
}

bool
oplock_held(void)
{
	forget_inherited();
	return lock_depth > 0;
}

static long
elapsed_ms(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Copy `s` (up to its first newline when `line`) keeping printable
 * ASCII only: the file may have been edited, `what` may come from argv. */
static void
printable(char *dst, size_t n, const char *s, size_t len, bool line)
{
	size_t k = 0;

	for (size_t i = 0; i < len && s[i] != '\0' && !(line && s[i] == '\n') &&
	    k + 1 < n; i++)
		dst[k++] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	dst[k] = '\0';
}

/* The holder recorded in the lock file: 0 with *pid and `what` filled,
 * or -1 when it has not written itself there (yet). */
static int
read_holder(int fd, long *pid, char *what, size_t n)
{
	char buf[WHAT_MAX + 32];
	ssize_t got = pread(fd, buf, sizeof buf - 1, 0);
	char *end;

	if (got <= 0)
		return -1;
	buf[got] = '\0';
	if (strchr(buf, '\n') == NULL)
		return -1;		/* still being written */
	*pid = strtol(buf, &end, 10);
	if (end == buf || *pid <= 0 || *end != ' ')
		return -1;
	printable(what, n, end + 1, strlen(end + 1), true);
	return what[0] != '\0' ? 0 : -1;
}

static void
record_holder(int fd, const char *what)
{
	char buf[WHAT_MAX + 32], w[WHAT_MAX];
	int n;

	printable(w, sizeof w, what ? what : "mpd", what ? strlen(what) : 3,
	    false);
	n = snprintf(buf, sizeof buf, "%ld %s\n", (long)getpid(), w);
	/* informational only: a failure here changes nothing */
	if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)n, 0) != n)
		mpd_debug("cannot record the holder in the operation lock "
		    "file: %s", strerror(errno));
}

/* Open (creating) the lock file: a regular file, never a FIFO waited on. */
static int
open_lock(const char *path, struct mpd_err *e)
{
	struct stat st;
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK | O_NOCTTY, 0644);

	if (fd < 0 && errno != ENXIO && errno != ELOOP)
		return mpd_err_set(e, MPD_ERR_IO, "cannot open the operation "
		    "lock %s: %s", path, strerror(errno));
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return mpd_err_set(e, MPD_ERR_IO, "cannot open the operation "
		    "lock %s: not a regular file; remove it", path);
	}
	return fd;
}

/* True when `fd` is still the file at `path`: a holder removes the file
 * as it releases, so a waiter can end up locking a removed one. */
static bool
still_linked(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && lstat(path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int
oplock_acquire(const char *what, struct mpd_err *e)
{
	const char *path = mpd_path(MPD_PATH_OP_LOCK);
	struct timespec t0;
	bool said = false;
	int fd;

	forget_inherited();
	if (lock_depth > 0) {
		lock_depth++;
		return 0;
	}
	if (state_store_mkdirs(mpd_path(MPD_PATH_STATE), STATE_DIR_MODE, e) != 0)
		return mpd_err_prefix(e, "cannot take the operation lock");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if ((fd = open_lock(path, e)) < 0)
			return -1;
		for (;;) {
			struct timespec nap = { 0, POLL_MS * 1000000L };
			char holder[WHAT_MAX];
			long pid;

			if (flock(fd, LOCK_EX | LOCK_NB) == 0)
				break;
			if (errno != EWOULDBLOCK && errno != EINTR) {
				int err = errno;

				close(fd);
				return mpd_err_set(e, MPD_ERR_IO, "cannot lock %s: "
				    "%s", path, strerror(err));
			}
			if (!said && read_holder(fd, &pid, holder,
			    sizeof holder) == 0) {
				mpd_log(MPD_LOG_INFO, "waiting for %s, pid %ld",
				    holder, pid);
				said = true;
			} else if (!said &&
			    elapsed_ms(&t0) >= (long)OPLOCK_NAME_WAIT_MS) {
				mpd_log(MPD_LOG_INFO, "waiting for another mpd "
				    "command (%s)", path);
				said = true;
			}
			nanosleep(&nap, NULL);
		}
		if (still_linked(fd, path))
			break;
		close(fd);		/* the holder removed it: again */
	}
	record_holder(fd, what);
	lock_fd = fd;
	lock_pid = getpid();
	lock_depth = 1;
	return 0;
}

void
oplock_release(void)
{
	forget_inherited();
	if (lock_depth == 0)
		return;
	if (--lock_depth > 0)
		return;
	/* remove while still locked: a waiter that then gets the old file
	 * sees it unlinked and opens the path afresh */
	if (unlink(mpd_path(MPD_PATH_OP_LOCK)) != 0)
		mpd_debug("cannot remove the operation lock file: %s",
		    strerror(errno));
	flock(lock_fd, LOCK_UN);
	close(lock_fd);
	lock_fd = -1;
}
