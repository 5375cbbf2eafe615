/* testutil.h - small helpers shared by unit tests. */
#ifndef MPD_TESTUTIL_H
#define MPD_TESTUTIL_H

#include <sys/types.h>
#include <stddef.h>

/* Make a fresh private directory under $TMPDIR (or /tmp).  Returns a
 * malloc'ed path the caller frees (and removes with tu_rmrf). */
char *tu_mkdtemp(void);

/* Remove a tree (nftw, no processes).  Returns 0 on success. */
int tu_rmrf(const char *path);

/* Write `content` to `path` (creating parents).  Returns 0 on success. */
int tu_write_file(const char *path, const char *content);

/* Write the test root's mpd.ini (NULL: remove it).  0 on success. */
int tu_write_ini(const char *text);

/* Read a whole file; returns malloc'ed NUL-terminated text or NULL. */
char *tu_read_file(const char *path);
/* The same, binary-safe: *len (may be NULL) gets the byte count. */
char *tu_read_file_len(const char *path, size_t *len);

/* What the fake podman (tests/unit/fake-podman) recording in `dir`
 * answers on its `n`th call: `out` and `err` (NULL: its default) and the
 * exit status.  Returns 0 when every file was written. */
int tu_fake_answer(const char *dir, int n, const char *out, const char *err,
		   int status);

/* The text of dir/name, malloc'ed (caller frees); an empty malloc'ed
 * string when the file does not exist. */
char *tu_read_in(const char *dir, const char *name);

/* Point MPD_TEST_ROOT at a fresh temporary root and reset cached paths.
 * Returns the malloc'ed root (caller frees and removes it). */
char *tu_fresh_root(void);

/* The usual suite fixture: a fresh MPD_TEST_ROOT per suite in tu_root
 * (setup), removed with the path cache reset (teardown); tu_reset_var()
 * empties <root>/var between cases. */
extern char *tu_root;
int tu_suite_setup(void);
int tu_suite_teardown(void);
void tu_reset_var(void);

/* CLOCK_MONOTONIC in milliseconds. */
long tu_now_ms(void);

/* Write 8 KiB to `path` with state_store_write_atomic in a child killed
 * (SIGXFSZ, as by kill -9) in the middle of writing its temporary file:
 * its pid once it died so, else -1. */
pid_t tu_killed_mid_write(const char *path);

#endif
