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

#include "lockfile.h"
#include "log.h"
#include "paths.h"
#include "printable.h"
#include "state_store.h"

#define POLL_MS		100
#define WHAT_MAX	160

static struct lockfile_hold hold = LOCKFILE_HOLD_INIT;

bool
oplock_held(void)
{
	return lockfile_held(&hold);
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
	end[1 + strcspn(end + 1, "\n")] = '\0';
	/* the file may have been edited: printable ASCII only */
	mpd_printable(end + 1, what, n);
	return what[0] != '\0' ? 0 : -1;
}

static void
record_holder(int fd, const char *what)
{
	char buf[WHAT_MAX + 32], w[WHAT_MAX];

	/* `what` may come from argv: printable ASCII only */
	snprintf(buf, sizeof buf, "%ld %s\n", (long)getpid(),
	    mpd_printable(what ? what : "mpd", w, sizeof w));
	lockfile_record(fd, buf, "operation lock");
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

	if (lockfile_reenter(&hold))
		return 0;
	if (state_store_mkdirs(mpd_path(MPD_PATH_STATE), STATE_DIR_MODE, e) != 0)
		return mpd_err_prefix(e, "cannot take the operation lock");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if ((fd = lockfile_open(path, "operation lock", e)) < 0)
			return -1;
		for (;;) {
			struct timespec nap = { 0, POLL_MS * 1000000L };
			char holder[WHAT_MAX];
			long pid;
			int got = lockfile_try(fd, path, e);

			if (got > 0)
				break;
			if (got < 0) {
				close(fd);
				return -1;
			}
			if (!said && read_holder(fd, &pid, holder,
			    sizeof holder) == 0) {
				mpd_log(MPD_LOG_INFO, "waiting for %s, pid %ld",
				    holder, pid);
				said = true;
			} else if (!said &&
			    lockfile_elapsed_ms(&t0) >= (long)OPLOCK_NAME_WAIT_MS) {
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
	lockfile_hold_take(&hold, fd);
	return 0;
}

void
oplock_release(void)
{
	if (!lockfile_hold_drop(&hold))
		return;
	/* remove while still locked: a waiter that then gets the old file
	 * sees it unlinked and opens the path afresh */
	if (unlink(mpd_path(MPD_PATH_OP_LOCK)) != 0)
		mpd_debug("cannot remove the operation lock file: %s",
		    strerror(errno));
	lockfile_hold_end(&hold);
}
