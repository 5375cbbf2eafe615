/* state_store.h - the file primitives under every state file: read whole,
 * write atomically, remove, create directories.
 *
 * An atomic write never leaves a half-written or missing target: the data
 * goes to a fresh temporary file in the target's directory (opened with
 * O_CREAT|O_EXCL and the requested mode, named ".<base>.<pid>.<n>.tmp"),
 * is written in full and fsync'ed, then renamed over the target, and the
 * directory is fsync'ed.  On any failure the temporary file is removed and
 * the old target is left untouched.
 *
 * These functions do not take the state lock; the state_* mutators do
 * (see state_lock.h).
 */
#ifndef MPD_STATE_STORE_H
#define MPD_STATE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "err.h"

/* Mode of state files: the portal reads them through a read-only mount. */
#define STATE_FILE_MODE		0644
/* Mode of anything secret. */
#define STATE_SECRET_MODE	0600
/* Mode of directories the store creates. */
#define STATE_DIR_MODE		0755

/* Create `dir` and any missing parents with exactly `mode` (the umask
 * does not apply).  An existing directory
 * is fine; an existing non-directory is an MPD_ERR_IO error. */
int state_store_mkdirs(const char *dir, mode_t mode, struct mpd_err *e);

/* Read the regular file `path` whole.  On success *buf is a malloc'ed
 * buffer (NUL-terminated for convenience; the caller frees it) and *len
 * its length.  A missing file is not an error: 0 with *buf NULL and
 * *len 0.  A file larger than `max` bytes, or not a regular file, is
 * MPD_ERR_CORRUPT / MPD_ERR_IO with `hint` appended to the message.  The
 * file is opened non-blocking and checked with fstat, so a FIFO, socket
 * or device is refused at once, never waited on (symlinks are followed:
 * /etc/os-release is one). */
int state_store_read(const char *path, size_t max, const char *hint,
    char **buf, size_t *len, struct mpd_err *e);

/* Replace `path` atomically with `len` bytes of `data` and file mode
 * `mode` (exactly: the umask does not apply).  Missing parent directories
 * are created with STATE_DIR_MODE.  MPD_ERR_IO on failure. */
int state_store_write_atomic(const char *path, const void *data, size_t len,
    mode_t mode, struct mpd_err *e);

/* True when `s` can name a record that may become a path component:
 * 1-255 bytes, not "." or "..", no '/', no control characters.  The
 * stricter naming rules (names.h) are the callers' business. */
bool state_store_name_ok(const char *s);

/* True when `s` is non-NULL and free of control characters (bytes below
 * 0x20 and 0x7f): text that may appear in a one-line message. */
bool state_store_text_ok(const char *s);

/* state_store_write_atomic, but only when the file's bytes differ from
 * `data` (so a re-run writes nothing and touches no mtime).  *changed
 * (may be NULL) says whether it wrote. */
int state_store_write_if_changed(const char *path, const void *data,
    size_t len, mode_t mode, bool *changed, struct mpd_err *e);

/* True when the file name `name` (no directory) is spelled like the
 * temporary file of a write, ".<base>.<pid>.<n>.tmp"; *pid (may be NULL)
 * gets the writer's pid. */
bool state_store_temp_name(const char *name, long *pid);

/* Remove the temporary files a killed writer left behind (kill -9 between
 * create and rename) in `dir` and its subdirectories down to `depth`
 * levels: regular files named as state_store_temp_name() says whose
 * writer process is gone.  A live writer's file is kept, symlinks are not
 * followed, failures are only logged (--debug).  Returns how many were
 * removed.  The state lock sweeps the state tree (state_lock.h). */
unsigned state_store_sweep_temps(const char *dir, int depth);

/* Remove `path` and fsync its directory.  A missing file is not an
 * error. */
int state_store_remove(const char *path, struct mpd_err *e);

#endif
