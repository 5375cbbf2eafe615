/* lockfile.h - what the state lock and the operation lock share: a
 * re-entrant, fork-aware hold on an flock(2)ed regular file that records
 * its holder.
 *
 * A hold counts nested acquires in one process; a child created by fork()
 * sees its parent's hold as none (it shares the open file description, so
 * it forgets it without unlocking).  Lock files are opened O_NONBLOCK and
 * checked with fstat: a FIFO or socket in their place is refused, never
 * waited on.
 */
#ifndef MPD_LOCKFILE_H
#define MPD_LOCKFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "err.h"

struct lockfile_hold {
	int fd;			/* the locked file, or -1 */
	unsigned depth;		/* nested acquires */
	pid_t pid;		/* the process that took it */
};

#define LOCKFILE_HOLD_INIT { -1, 0, 0 }

/* True while this process holds `h` (a hold inherited by fork() is
 * forgotten first). */
bool lockfile_held(struct lockfile_hold *h);

/* One more nested acquire when `h` is held: true (nothing else to do). */
bool lockfile_reenter(struct lockfile_hold *h);

/* Open (creating, 0644) the lock file `path`, which must be a regular
 * file.  The descriptor (close-on-exec), or -1 with `e` naming `what`
 * ("state lock", "operation lock") and the fix. */
int lockfile_open(const char *path, const char *what, struct mpd_err *e);

/* flock LOCK_EX|LOCK_NB: 1 locked, 0 held by another process, -1 with `e`
 * set on any other failure. */
int lockfile_try(int fd, const char *path, struct mpd_err *e);

/* `fd` is now held by this process (depth 1). */
void lockfile_hold_take(struct lockfile_hold *h, int fd);

/* Drop one nested acquire: true when that was the last (the caller then
 * clears or removes the file and calls lockfile_hold_end). */
bool lockfile_hold_drop(struct lockfile_hold *h);

/* Unlock and close the last hold. */
void lockfile_hold_end(struct lockfile_hold *h);

/* Replace the file's content with `text` (informational: a failure is
 * only logged, naming `what`). */
void lockfile_record(int fd, const char *text, const char *what);

/* Milliseconds since `t0` (CLOCK_MONOTONIC). */
long lockfile_elapsed_ms(const struct timespec *t0);

#endif
