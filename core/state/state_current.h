/* state_current.h - live state: the computation, and the snapshot file
 * state/current-state.json for readers without podman (the portal).
 *
 *   {"databases": {"postgres-17": "running"},
 *    "projects": {"demo": "stopped"},
 *    "refreshedAt": "2025-01-31T12:00:00Z",
 *    "runtimes": {"php": "running"}}
 *
 * Current state is observed, never requested: running, stopped or missing
 * (no container).  A project's current state follows from its record and
 * its runtime's current state (state_current_of_project).  The snapshot is
 * written whole by state_current_write() under the state lock; a missing
 * file is an empty snapshot, a broken one is never replaced (see
 * state_projects.h for the error style).
 */
#ifndef MPD_STATE_CURRENT_H
#define MPD_STATE_CURRENT_H

#include <stddef.h>
#include <time.h>

#include "err.h"
#include "state_projects.h"

enum state_current {
	STATE_CURRENT_MISSING = 0,
	STATE_CURRENT_STOPPED,
	STATE_CURRENT_RUNNING,
};

/* "missing", "stopped", "running"; static storage. */
const char *state_current_name(enum state_current c);

/* 0 and *out for one of those words, else -1. */
int state_current_parse_word(const char *word, enum state_current *out);

/* A project's current state: missing when it has no runtime or its
 * runtime is missing; stopped when the runtime is stopped or the project
 * is not requested running; else running.  `runtime` is the current state
 * of p->runtime_name (pass STATE_CURRENT_MISSING when it is unknown).
 * Pure. */
enum state_current state_current_of_project(const struct state_project *p,
    enum state_current runtime);

struct state_current_entry {
	char *name;
	enum state_current state;
};

/* A name -> state map; entries kept sorted by name. */
struct state_current_map {
	struct state_current_entry *items;
	size_t n;
};

/* Set `name` to `state` (copying the name; replaces an existing entry).
 * 0, or -1 on ENOMEM. */
int state_current_map_set(struct state_current_map *m, const char *name,
    enum state_current state);

/* The state of `name`, or STATE_CURRENT_MISSING when it is not in the
 * map. */
enum state_current state_current_map_get(const struct state_current_map *m,
    const char *name);

/* Free the entries and the array; leaves an empty map. */
void state_current_map_free(struct state_current_map *m);

/* Fill `projects` with the current state of every project in `l`, from
 * the runtimes' states in `runtimes` (state_current_of_project).  0, or -1
 * on ENOMEM. */
int state_current_fill_projects(struct state_current_map *projects,
    const struct state_project_list *l,
    const struct state_current_map *runtimes);

struct state_current_snapshot {
	struct state_current_map databases;
	struct state_current_map projects;
	struct state_current_map runtimes;
	time_t refreshed_at;		/* 0 when never written */
};

/* Free the three maps; leaves an empty snapshot. */
void state_current_snapshot_free(struct state_current_snapshot *s);

/* Format t as ISO-8601 UTC without fractions ("2025-01-31T12:00:00Z")
 * into buf (at least 21 bytes).  Returns buf. */
char *state_current_format_time(time_t t, char *buf, size_t n);

/* Parse that format exactly.  0, or -1. */
int state_current_parse_time(const char *s, time_t *out);

/* Parse current-state.json text into *out (caller frees with
 * state_current_snapshot_free).  On failure *out is empty,
 * MPD_ERR_CORRUPT.  No I/O: for tests and the fuzz target. */
int state_current_parse(const char *label, const char *buf, size_t len,
    struct state_current_snapshot *out, struct mpd_err *e);

/* Load current-state.json; a missing file is an empty snapshot. */
int state_current_load(struct state_current_snapshot *out, struct mpd_err *e);

/* Replace current-state.json with `s` (refreshedAt = s->refreshed_at as
 * given; the caller stamps it, usually time(NULL)).  Names are checked
 * first (MPD_ERR_INPUT, nothing written); an existing broken file is not
 * replaced (MPD_ERR_CORRUPT). */
int state_current_write(const struct state_current_snapshot *s,
    struct mpd_err *e);

#endif
