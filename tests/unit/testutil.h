/* testutil.h - small helpers shared by unit tests. */
#ifndef MPD_TESTUTIL_H
#define MPD_TESTUTIL_H

#include <stddef.h>

/* Make a fresh private directory under $TMPDIR (or /tmp).  Returns a
 * malloc'ed path the caller frees (and removes with tu_rmrf). */
char *tu_mkdtemp(void);

/* Remove a tree (nftw, no processes).  Returns 0 on success. */
int tu_rmrf(const char *path);

/* Write `content` to `path` (creating parents).  Returns 0 on success. */
int tu_write_file(const char *path, const char *content);

/* Read a whole file; returns malloc'ed NUL-terminated text or NULL. */
char *tu_read_file(const char *path);

/* Point MPD_TEST_ROOT at a fresh temporary root and reset cached paths.
 * Returns the malloc'ed root (caller frees and removes it). */
char *tu_fresh_root(void);

#endif
