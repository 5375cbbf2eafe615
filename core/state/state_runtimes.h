/* state_runtimes.h - one file per runtime: state/runtimes/<n>/meta.json.
 *
 *   {"ip": "10.163.0.100", "name": "php", "requested": "running",
 *    "runtime": "php"}
 *
 * "requested" (running or stopped) is optional; the other fields are
 * required, "name" must match the directory and "ip" is an IPv4 address.
 * Writes happen only through the mutators below, under the state lock.  A
 * missing meta.json means the runtime is not registered; a broken one is
 * never replaced (see state_projects.h for the error style).
 */
#ifndef MPD_STATE_RUNTIMES_H
#define MPD_STATE_RUNTIMES_H

#include <stddef.h>

#include "err.h"

enum state_runtime_requested {
	STATE_RUNTIME_REQUESTED_UNSET = 0,	/* field absent */
	STATE_RUNTIME_REQUESTED_STOPPED,
	STATE_RUNTIME_REQUESTED_RUNNING,
};

/* "unset", "stopped", "running"; static storage. */
const char *state_runtime_requested_name(enum state_runtime_requested r);

struct state_runtime {
	char *name;			/* the directory name */
	char *ip;
	char *runtime;			/* the runtime definition, e.g. php */
	enum state_runtime_requested requested;
};

struct state_runtime_list {
	struct state_runtime *items;
	size_t n;
};

/* Deep copy (NULL strings become "").  0, or -1 on ENOMEM (dst is then
 * empty).  The caller frees dst with state_runtime_free(). */
int state_runtime_copy(struct state_runtime *dst,
    const struct state_runtime *src);

/* Free what a record owns (not the struct) and zero it. */
void state_runtime_free(struct state_runtime *r);

/* Free every record and the array; leaves an empty list. */
void state_runtime_list_free(struct state_runtime_list *l);

/* The record named `name`, borrowed from the list, or NULL. */
const struct state_runtime *state_runtime_list_find(
    const struct state_runtime_list *l, const char *name);

/* Parse meta.json text into *out (caller frees with state_runtime_free).
 * `dir_name`, when not NULL, is the directory the file was found in and
 * must equal "name".  On failure *out is empty, MPD_ERR_CORRUPT.  No I/O:
 * for tests and the fuzz target. */
int state_runtimes_parse(const char *label, const char *dir_name,
    const char *buf, size_t len, struct state_runtime *out,
    struct mpd_err *e);

/* Load runtimes/<name>/meta.json into *out (caller frees).
 * MPD_ERR_NOTFOUND when there is none. */
int state_runtimes_get(const char *name, struct state_runtime *out,
    struct mpd_err *e);

/* Load every runtime (directories under runtimes/ with a meta.json),
 * sorted by name; the caller frees *out.  A missing runtimes/ directory is
 * an empty list; one broken meta.json fails the whole load. */
int state_runtimes_load(struct state_runtime_list *out, struct mpd_err *e);

/* Create or replace runtimes/<name>/meta.json from `r` (copied).  Checked
 * first (MPD_ERR_INPUT, nothing written): name usable as a directory name
 * (no leading '.'), ip an IPv4 address, runtime non-empty.  An existing
 * broken file is not replaced (MPD_ERR_CORRUPT). */
int state_runtimes_upsert(const struct state_runtime *r, struct mpd_err *e);

/* Remove runtimes/<name>/meta.json, then the directory when nothing else
 * is left in it.  MPD_ERR_NOTFOUND when there is no meta.json; a broken
 * one is left alone (MPD_ERR_CORRUPT). */
int state_runtimes_delete(const char *name, struct mpd_err *e);

/* Set (or, with UNSET, drop) the requested state of `name`.
 * MPD_ERR_NOTFOUND when it has no meta.json. */
int state_runtimes_set_requested(const char *name,
    enum state_runtime_requested r, struct mpd_err *e);

#endif
