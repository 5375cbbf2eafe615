/* state_databases.h - the database containers: state/databases.json.
 *
 *   {"databases": [{"containerName": "mpd-db-postgres-17",
 *                   "databaseId": "postgres-17", "engine": "postgres",
 *                   "status": "running", "version": "17"}]}
 *
 * Databases have no requested state: the file is an observation, fully
 * rebuilt from the running containers by state_databases_set() and
 * written sorted by databaseId.  All fields are required; status is
 * running or stopped.  A missing file is an empty list; a broken one is
 * never replaced (see state_projects.h for the error style).
 */
#ifndef MPD_STATE_DATABASES_H
#define MPD_STATE_DATABASES_H

#include <stddef.h>

#include "err.h"

enum state_db_status {
	STATE_DB_STOPPED = 0,
	STATE_DB_RUNNING,
};

/* "stopped", "running"; static storage. */
const char *state_db_status_name(enum state_db_status s);

/* 0 and *out for "stopped" or "running", else -1. */
int state_db_status_parse(const char *word, enum state_db_status *out);

struct state_database {
	char *container_name;		/* mpd-db-<engine>-<version dashed> */
	char *database_id;		/* <engine>-<version dashed> */
	char *engine;			/* postgres, mariadb, mysql */
	char *version;
	enum state_db_status status;
};

struct state_database_list {
	struct state_database *items;
	size_t n;
};

/* Free what a record owns (not the struct) and zero it. */
void state_database_free(struct state_database *d);

/* Free every record and the array; leaves an empty list. */
void state_database_list_free(struct state_database_list *l);

/* The record with this databaseId, borrowed from the list, or NULL. */
const struct state_database *state_database_list_find(
    const struct state_database_list *l, const char *database_id);

/* Parse databases.json text; on success *out (sorted by databaseId) is
 * the caller's to free.  On failure *out is empty, MPD_ERR_CORRUPT.  No
 * I/O: for tests and the fuzz target. */
int state_databases_parse(const char *label, const char *buf, size_t len,
    struct state_database_list *out, struct mpd_err *e);

/* Load databases.json; a missing file is an empty list. */
int state_databases_load(struct state_database_list *out, struct mpd_err *e);

/* Replace the whole file with `l` (copied, written sorted by databaseId).
 * The records are checked first (MPD_ERR_INPUT, nothing written): every
 * field set and free of control characters, databaseId usable as a path
 * component and unique.  An existing broken file is not replaced
 * (MPD_ERR_CORRUPT). */
int state_databases_set(const struct state_database_list *l,
    struct mpd_err *e);

#endif
