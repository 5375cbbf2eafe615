/* databases.h - the DB containers: described by db-engine plugins, built
 * or pulled, created, probed and kept by the core (docs/DATABASES.md).
 *
 * Databases have no requested state (the reference §7.7): a project's
 * configure and start ensure its DB, --stop stops them all gracefully,
 * --start brings back those of the projects requested running, and a DB
 * nobody uses is left alone.  Every function works from the one listing
 * in l->ps and refreshes it after a change; databases.json and the DNS
 * group "databases" are rebuilt from it (databases_publish).
 */
#ifndef MPD_DATABASES_H
#define MPD_DATABASES_H

#include <stdbool.h>

#include "err.h"
#include "lifecycle_common.h"
#include "mpddb.h"

/* The address range of DB containers (NETWORKING). */
#define DB_HOST_FIRST	30
#define DB_HOST_LAST	99
/* The DNS group the DB records live in (dns_records.h). */
#define DB_DNS_GROUP	"databases"

/* What database_ensure did. */
enum db_action {
	DB_KEPT = 0,		/* running with the current definition */
	DB_STARTED,		/* was stopped */
	DB_CREATED,		/* did not exist */
	DB_RECREATED,		/* its definition changed */
};

/* `spec` as the DB verbs take it: a tag (postgres:17, postgres), an id
 * (postgres-17) or a container name (mpd-db-postgres-17).  0 with *out
 * filled, or -1 (MPD_ERR_INPUT, one line naming the forms). */
int database_resolve(const char *spec, struct mpd_db_tag *out,
		     struct mpd_err *e);

/* Make sure the DB of `tag` runs its current definition and answers its
 * readiness probe: build or pull the image when the container must be
 * made, create / recreate / start it, wait, publish.  A version that can
 * be neither built nor pulled, and a data directory the container's
 * guard refuses, fail with one line; a container made by this call is
 * then removed again.  *action (may be NULL) says what happened. */
int database_ensure(struct lc *l, const struct mpd_db_tag *tag,
		    enum db_action *action, struct mpd_err *e);

/* database_ensure in two halves, so that other work overlaps the DB's
 * start-up: begin creates or starts the container and returns at once
 * (*out malloc'ed, NULL when it fails); finish waits for readiness,
 * publishes, and frees `p` whatever it returns.  Nothing may call the
 * DB's plugin in between. */
struct db_pending;
int database_ensure_begin(struct lc *l, const struct mpd_db_tag *tag,
			  struct db_pending **out, struct mpd_err *e);
int database_ensure_finish(struct lc *l, struct db_pending *p,
			   enum db_action *action, struct mpd_err *e);

/* Check, without creating anything, that `tag` can be had here: a
 * version the engine builds, or an image podman has or can pull.  -1
 * with the versions available here named. */
int database_available(struct lc *l, const struct mpd_db_tag *tag,
		       struct mpd_err *e);

/* Create / drop the per-project database and user (idempotent) in the
 * running DB of `tag`. */
int database_project_create(struct lc *l, const struct mpd_db_tag *tag,
			    const char *project, struct mpd_err *e);
int database_project_drop(struct lc *l, const struct mpd_db_tag *tag,
			  const char *project, struct mpd_err *e);

/* Stop the DB of `tag` gracefully (its stop signal and timeout); *was_running
 * (may be NULL) says whether it ran.  A missing one is an error naming
 * --db-create. */
int database_stop(struct lc *l, const struct mpd_db_tag *tag,
		  bool *was_running, struct mpd_err *e);

/* Remove the container of `tag` (its data directory stays).  *existed
 * (may be NULL) says whether there was one. */
int database_remove(struct lc *l, const struct mpd_db_tag *tag,
		    bool *existed, struct mpd_err *e);

/* Stop every running DB container gracefully (--stop). */
int databases_stop_all(struct lc *l, struct mpd_err *e);

/* Ensure the DB of every project requested running that has one
 * (--start). */
int databases_resume(struct lc *l, struct mpd_err *e);

/* Build the image of every version each db-engine plugin builds from
 * Debian's packages (--images), so that a DB needs no build later. */
int databases_images(struct lc *l, struct mpd_err *e);

/* databases.json and the DNS group from l->ps (refreshed first). */
int databases_publish(struct lc *l, struct mpd_err *e);

#endif
