/* project_db.h - a project's database (docs/DATABASES.md): configure
 * checks a new MPD_DB before anything is written and ensures the DB after,
 * start ensures it, delete drops the project's database and user. */
#ifndef MPD_PROJECT_DB_H
#define MPD_PROJECT_DB_H

#include <stddef.h>

#include "err.h"
#include "lifecycle_common.h"
#include "state_projects.h"

/* When `pairs` (KEY=VALUE, n of them) set a non-empty MPD_DB: check that
 * it can be had here (database_available), so configure refuses it before
 * it writes anything. */
int project_db_precheck(struct lc *l, const char *const *pairs, size_t n,
			struct mpd_err *e);

/* The project's DB from the tag its type resolved ("" or NULL: none):
 * ensure the container and the per-project database and user, and set
 * p's database fields (cleared without a DB). */
int project_db_apply(struct lc *l, const char *tag_text,
		     struct state_project *p, struct mpd_err *e);

/* Ensure p's recorded DB runs (and its database exists when the container
 * was made now), in two halves around the rest of `mpd start`
 * (database_ensure_begin/finish): *out is NULL without a DB; finish
 * accepts that NULL and frees what begin gave. */
struct db_pending;
int project_db_start_begin(struct lc *l, const struct state_project *p,
			   struct db_pending **out, struct mpd_err *e);
int project_db_start_finish(struct lc *l, const struct state_project *p,
			    struct db_pending *pending, struct mpd_err *e);

/* Drop p's database and user; a failure is a warning naming the fix (the
 * project is deleted anyway). */
void project_db_drop(struct lc *l, const struct state_project *p);

#endif
