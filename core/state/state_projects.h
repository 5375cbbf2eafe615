/* state_projects.h - the registered projects: state/projects.json.
 *
 *   {"projects": [{"databaseEngine": "", "databaseId": "",
 *                  "databaseVersion": "", "name": "demo",
 *                  "requested": "not-configured", "runtimeName": "",
 *                  "type": "moodle", "urls": [...]}]}
 *
 * Field names are the original's (RegisteredProjectRecord).  All fields
 * are required on load except "urls"; "requested" is one of
 * not-configured, stopped, running.  A URL entry is {label, kind, url
 * [, backend]}: its shape belongs to the project types, so this module
 * checks only that label, kind and url are strings and otherwise keeps
 * the entry as an opaque JSON object.  Optional "sidecars" lists the
 * sidecars the project asks its runtime for (["webdriver", "valkey"]:
 * names [a-z][a-z0-9-]*, sorted, no repeats), written only when not
 * empty.  Records are written sorted by name.
 *
 * Writes happen only through the mutators below (upsert, delete,
 * set_requested); each takes the state lock and rewrites the file
 * atomically.  Reading a missing file gives an empty list; a broken file
 * is never replaced: loading and every mutator fail with a one-line
 * "<file>:<line>:<col>: ..." or "<file>: <field>: ..." error and leave it
 * as it is.
 */
#ifndef MPD_STATE_PROJECTS_H
#define MPD_STATE_PROJECTS_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

enum state_requested {
	STATE_REQUESTED_NOT_CONFIGURED = 0,
	STATE_REQUESTED_STOPPED,
	STATE_REQUESTED_RUNNING,
};

/* "not-configured", "stopped", "running"; static storage. */
const char *state_requested_name(enum state_requested r);

/* The value for one of those words.  0, or -1 for any other string. */
int state_requested_parse(const char *word, enum state_requested *out);

/* One URL entry.  `json` is the entry itself (compact, keys sorted) and is
 * what gets written; label, kind and url are copies taken from it.  Fill
 * one with state_url_parse(), not by hand. */
struct state_url {
	char *label;
	char *kind;
	char *url;
	char *json;
};

/* Parse one URL entry object from `len` bytes of `json`; `label` names
 * the source in messages.  On success *out owns malloc'ed strings (free
 * with state_url_free).  MPD_ERR_INPUT when the text is not an object
 * with string label, kind and url. */
int state_url_parse(const char *label, const char *json, size_t len,
    struct state_url *out, struct mpd_err *e);

/* Parse a JSON array of URL entries (the shape of urls.json).  On success
 * *urls is a malloc'ed array of *n entries the caller frees with
 * state_urls_free(); NULL when empty. */
int state_urls_parse(const char *label, const char *json, size_t len,
    struct state_url **urls, size_t *n, struct mpd_err *e);

/* Deep copy; 0, or -1 on ENOMEM (dst is then empty). */
int state_url_copy(struct state_url *dst, const struct state_url *src);

/* Free the strings of one entry (not the struct) and zero it. */
void state_url_free(struct state_url *u);

/* Free an array of n entries and the array itself. */
void state_urls_free(struct state_url *urls, size_t n);

struct state_project {
	char *name;
	char *type;			/* moodle, astro, bare, ... */
	char *runtime_name;		/* "" until configured */
	char *database_engine;		/* "" without a database */
	char *database_version;
	char *database_id;		/* <engine>-<version dashed> */
	enum state_requested requested;
	struct state_url *urls;		/* n_urls entries, may be NULL */
	size_t n_urls;
	char **sidecars;		/* NULL-terminated (strv), or NULL:
					   none */
};

/* True when `name` may be listed in a project's sidecars. */
bool state_sidecar_name_ok(const char *name);

struct state_project_list {
	struct state_project *items;
	size_t n;
};

/* Deep copy of src into dst (NULL strings become "").  0, or -1 on
 * ENOMEM (dst is then empty).  The caller frees dst with
 * state_project_free(). */
int state_project_copy(struct state_project *dst,
    const struct state_project *src);

/* Free what a record owns (not the struct) and zero it. */
void state_project_free(struct state_project *p);

/* Free every record and the array; leaves an empty list. */
void state_project_list_free(struct state_project_list *l);

/* The record named `name`, borrowed from the list, or NULL. */
const struct state_project *state_project_list_find(
    const struct state_project_list *l, const char *name);

/* Parse projects.json text (`len` bytes; `label` names it in messages).
 * On success *out is a list the caller frees, sorted by name.  On failure
 * *out is empty and `e` has MPD_ERR_CORRUPT.  No I/O: for tests and the
 * fuzz target. */
int state_projects_parse(const char *label, const char *buf, size_t len,
    struct state_project_list *out, struct mpd_err *e);

/* Load projects.json; a missing file is an empty list.  *out as in
 * state_projects_parse(). */
int state_projects_load(struct state_project_list *out, struct mpd_err *e);

/* Load the one record `name` into *out (caller frees with
 * state_project_free).  MPD_ERR_NOTFOUND when it is not registered. */
int state_projects_get(const char *name, struct state_project *out,
    struct mpd_err *e);

/* Add the record, or replace the one with the same name.  The record is
 * checked first (MPD_ERR_INPUT, nothing written): name usable as a path
 * component, every string set and free of control characters, URL
 * entries made by state_url_parse().  `p` is copied, not kept. */
int state_projects_upsert(const struct state_project *p, struct mpd_err *e);

/* Write an empty projects.json when there is none (what --setup seeds);
 * an existing file, even a corrupt one, is left alone.  *written (may be
 * NULL) says whether it wrote. */
int state_projects_seed(bool *written, struct mpd_err *e);

/* Remove the record `name`.  MPD_ERR_NOTFOUND (nothing written) when it
 * is not registered. */
int state_projects_delete(const char *name, struct mpd_err *e);

/* Set the requested state of `name`.  MPD_ERR_NOTFOUND when it is not
 * registered, MPD_ERR_INPUT for a value outside the enum. */
int state_projects_set_requested(const char *name, enum state_requested r,
    struct mpd_err *e);

#endif
