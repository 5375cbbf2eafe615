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

#include "lockfile.h"
#include "log.h"
#include "paths.h"
#include "state_store.h"

#define POLL_MS 20
/* state/, state/runtimes/<n>/, state/plugins/<p>/<dir>/ */
#define STATE_SWEEP_DEPTH 3

static struct lockfile_hold hold = LOCKFILE_HOLD_INIT;
static unsigned timeout_ms = STATE_LOCK_TIMEOUT_MS_DEFAULT;

unsigned
state_lock_set_timeout_ms(unsigned ms)
{
	unsigned old = timeout_ms;

	timeout_ms = ms;
	return old;
}

bool
state_lock_held(void)
{
	return lockfile_held(&hold);
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

int
state_lock_acquire(struct mpd_err *e)
{
	const char *path = mpd_path(MPD_PATH_STATE_LOCK);
	struct timespec t0;
	char pidline[32];
	int fd, got;

	if (lockfile_reenter(&hold))
		return 0;
	if (state_store_mkdirs(mpd_path(MPD_PATH_STATE), STATE_DIR_MODE, e) != 0)
		return mpd_err_prefix(e, "cannot lock the state");
	if ((fd = lockfile_open(path, "state lock", e)) < 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct timespec nap = { 0, POLL_MS * 1000000L };
		long pid;

		if ((got = lockfile_try(fd, path, e)) != 0) {
			if (got > 0)
				break;
			close(fd);
			return -1;
		}
		if (lockfile_elapsed_ms(&t0) >= (long)timeout_ms) {
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
	snprintf(pidline, sizeof pidline, "%ld\n", (long)getpid());
	lockfile_record(fd, pidline, "state lock");
	lockfile_hold_take(&hold, fd);
	/* no other mpd writes state now: what a killed writer left goes */
	state_store_sweep_temps(mpd_path(MPD_PATH_STATE), STATE_SWEEP_DEPTH);
	return 0;
}

void
state_lock_release(void)
{
	if (!lockfile_hold_drop(&hold))
		return;
	if (ftruncate(hold.fd, 0) != 0)
		mpd_debug("cannot clear the state lock file: %s", strerror(errno));
	lockfile_hold_end(&hold);
}
