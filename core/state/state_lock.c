/* state_lock.c - the re-entrant state lock (see state_lock.h). */
#include "state_lock.h"

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

#define POLL_MS 20
/* state/, state/runtimes/<n>/, state/plugins/<p>/<dir>/ */
#define STATE_SWEEP_DEPTH 3

static int lock_fd = -1;
static unsigned lock_depth;
static pid_t lock_pid;
static unsigned timeout_ms = STATE_LOCK_TIMEOUT_MS_DEFAULT;

unsigned
state_lock_set_timeout_ms(unsigned ms)
{
	unsigned old = timeout_ms;

	timeout_ms = ms;
	return old;
}

/* A forked child sees the parent's hold; forget it without
 * unlocking (the open file description, and so the lock, is shared). */
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
state_lock_held(void)
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

/* The holder's pid as recorded in the lock file, or 0. */
static long
holder_pid(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	long pid;
	char *end;

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	pid = strtol(buf, &end, 10);
	if (end == buf || pid <= 0)
		return 0;
	return pid;
}

static void
record_pid(int fd)
{
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());

	/* informational only: a failure here changes nothing */
	if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)n, 0) != n)
		mpd_debug("cannot record pid in the state lock file: %s",
		    strerror(errno));
}

int
state_lock_acquire(struct mpd_err *e)
{
	const char *path = mpd_path(MPD_PATH_STATE_LOCK);
	struct timespec t0;
	struct stat st;
	int fd;

	forget_inherited();
	if (lock_depth > 0) {
		lock_depth++;
		return 0;
	}
	if (state_store_mkdirs(mpd_path(MPD_PATH_STATE), STATE_DIR_MODE, e) != 0)
		return mpd_err_prefix(e, "cannot lock the state");
	/* O_NONBLOCK and fstat: something other than a regular file there
	 * (a FIFO) is refused, not waited on */
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK,
	    0644);
	if (fd < 0 && errno != ENXIO)	/* ENXIO: a socket */
		return mpd_err_set(e, MPD_ERR_IO, "cannot open the state lock %s: "
		    "%s", path, strerror(errno));
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return mpd_err_set(e, MPD_ERR_IO, "cannot open the state lock %s: "
		    "not a regular file; remove it", path);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct timespec nap = { 0, POLL_MS * 1000000L };
		long pid;

		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			break;
		if (errno != EWOULDBLOCK && errno != EINTR) {
			int err = errno;

			close(fd);
			return mpd_err_set(e, MPD_ERR_IO, "cannot lock %s: %s",
			    path, strerror(err));
		}
		if (elapsed_ms(&t0) >= (long)timeout_ms) {
			pid = holder_pid(fd);
			close(fd);
			if (pid > 0)
				return mpd_err_set(e, MPD_ERR_TIMEOUT, "state is "
				    "locked by another mpd process (pid %ld, %s); "
				    "try again", pid, path);
			return mpd_err_set(e, MPD_ERR_TIMEOUT, "state is locked "
			    "by another mpd process (%s); try again", path);
		}
		nanosleep(&nap, NULL);
	}
	record_pid(fd);
	lock_fd = fd;
	lock_pid = getpid();
	lock_depth = 1;
	/* no other mpd writes state now: what a killed writer left goes */
	state_store_sweep_temps(mpd_path(MPD_PATH_STATE), STATE_SWEEP_DEPTH);
	return 0;
}

void
state_lock_release(void)
{
	forget_inherited();
	if (lock_depth == 0)
		return;
	if (--lock_depth > 0)
		return;
	if (ftruncate(lock_fd, 0) != 0)
		mpd_debug("cannot clear the state lock file: %s", strerror(errno));
	flock(lock_fd, LOCK_UN);
	close(lock_fd);
	lock_fd = -1;
}
