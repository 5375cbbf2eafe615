/* oplock.h - the operation lock: one mutating mpd command at a time on the
 * VM.
 *
 * The state lock (state_lock.h) makes each state file's read-modify-write
 * atomic; it does not make a whole command atomic, so two commands could
 * interleave their podman calls (`--start` seeing a container that a
 * concurrent `--stop` then removes) and write current-state.json from
 * stale observations.  The operation lock serializes whole commands:
 *
 *   - every mutating command holds it from before it reads anything until
 *     it exits (the CLI takes it; cli_parse.c marks which commands mutate);
 *   - a second one waits as long as it takes, and says once on stderr whom
 *     for:  mpd: waiting for mpd --setup, pid 1234
 *   - read-only commands (--status, list, show, --help, completion) never
 *     take it and never wait.
 *
 * It is flock(2) LOCK_EX on mpd_path(MPD_PATH_OP_LOCK), next to the state
 * lock in the state directory (created when missing, as the state lock
 * does).  The file holds "<pid> <command>\n" for whoever waits.  The kernel
 * drops the lock when its holder dies (kill -9 included); the file is
 * removed on release, so it exists only while an operation runs, or after
 * a holder was killed (then the next command takes it over at once).  The
 * descriptor is close-on-exec: children mpd starts never hold it.
 *
 * Lock order: the operation lock first, then the state lock, never the
 * other way round.
 */
#ifndef MPD_OPLOCK_H
#define MPD_OPLOCK_H

#include <stdbool.h>

#include "err.h"

/* Take the operation lock for `what` (e.g. "mpd --setup"; stored for the
 * waiting message, printable ASCII, shortened to fit), waiting for as long
 * as another process holds it, or count one more hold when this process
 * has it already.  MPD_ERR_IO when the lock file cannot be created or is
 * not a regular file (the message names it and the fix). */
int oplock_acquire(const char *what, struct mpd_err *e);

/* Drop one hold; the last one removes the lock file and unlocks.  A call
 * without a hold does nothing.  A child created by fork() does not
 * inherit the hold, and its release never touches the parent's. */
void oplock_release(void);

/* True while this process holds the lock. */
bool oplock_held(void);

/* How long to wait for a holder that has not written its name yet before
 * saying "another mpd command" instead (milliseconds). */
#define OPLOCK_NAME_WAIT_MS	1000u

#endif
