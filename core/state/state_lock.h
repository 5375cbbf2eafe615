/* state_lock.h - one lock for all of /var/lib/mpd/state.
 *
 * Every state mutator runs lock -> load -> modify -> write -> unlock, so
 * concurrent mpd processes never lose an update.  The lock is flock(2)
 * LOCK_EX on mpd_path(MPD_PATH_STATE_LOCK), polled with LOCK_NB until a
 * timeout (30 s unless changed), after which acquiring fails with
 *   state is locked by another mpd process (pid N, <lock path>); try again
 *
 * The lock is re-entrant within a process: a composite operation takes it
 * once and every mutator it calls takes and releases it again cheaply; the
 * file is unlocked when the outermost holder releases.  Readers do not
 * lock: files are replaced by rename, so a reader sees the old or the new
 * file, never a mix.
 *
 * A child created by fork() does not inherit the parent's hold: its first
 * acquire takes the lock afresh (and never unlocks the parent's).
 *
 * Taking the lock afresh also sweeps the state tree of temporary files a
 * killed writer left (state_store_sweep_temps).  The lock file must be a
 * regular file: anything else there is refused, not waited on.
 */
#ifndef MPD_STATE_LOCK_H
#define MPD_STATE_LOCK_H

#include <stdbool.h>

#include "err.h"

#define STATE_LOCK_TIMEOUT_MS_DEFAULT	30000u

/* Take the state lock (creating the state directory and lock file when
 * missing), or count one more hold when this process has it already.
 * MPD_ERR_TIMEOUT when another process holds it past the timeout,
 * MPD_ERR_IO when the lock file cannot be opened. */
int state_lock_acquire(struct mpd_err *e);

/* Drop one hold; the last one unlocks and closes the lock file.  A call
 * without a hold does nothing. */
void state_lock_release(void);

/* True while this process holds the lock. */
bool state_lock_held(void);

/* Set how long state_lock_acquire() waits (milliseconds; 0 = try once).
 * Returns the previous value.  For tests and impatient callers. */
unsigned state_lock_set_timeout_ms(unsigned ms);

#endif
