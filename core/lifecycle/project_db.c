/* project_db.c - a project's database: ensured by configure and start,
 * dropped by delete (see project_db.h, docs/DATABASES.md). */
#include "project_db.h"

#include <stdlib.h>
#include <string.h>

#include "databases.h"
#include "log.h"
#include "mpddb.h"

#define MPD_DB_KEY "MPD_DB="

int
project_db_precheck(struct lc *l, const char *const *pairs, size_t n,
		    struct mpd_err *e)
{
	const char *value = NULL;
	struct mpd_db_tag tag;

	for (size_t i = 0; i < n; i++)
		if (strncmp(pairs[i], MPD_DB_KEY, strlen(MPD_DB_KEY)) == 0)
			value = pairs[i] + strlen(MPD_DB_KEY);
	if (value == NULL || *value == '\0')
		return 0;
	if (mpd_db_tag_parse(value, &tag, e) != 0)
		return -1;
	return database_available(l, &tag, e);
}

static int
set_field(char **dst, const char *v, struct mpd_err *e)
{
	char *c = strdup(v);

	if (c == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	free(*dst);
	*dst = c;
	return 0;
}

int
project_db_apply(struct lc *l, const char *tag_text, struct state_project *p,
		 struct mpd_err *e)
{
	struct mpd_db_tag tag;

	memset(&tag, 0, sizeof tag);
	if (tag_text != NULL && *tag_text != '\0') {
		if (mpd_db_tag_parse(tag_text, &tag, e) != 0 ||
		    database_ensure(l, &tag, NULL, e) != 0 ||
		    database_project_create(l, &tag, p->name, e) != 0)
			return mpd_err_prefix(e, "project '%s'", p->name);
	}
	return set_field(&p->database_engine, tag.engine, e) != 0 ||
	    set_field(&p->database_version, tag.present ? tag.version : "",
	    e) != 0 || set_field(&p->database_id, tag.id, e) != 0 ? -1 : 0;
}

int
project_db_start_begin(struct lc *l, const struct state_project *p,
		       struct db_pending **out, struct mpd_err *e)
{
	struct mpd_db_tag tag;

	*out = NULL;
	if (p->database_id == NULL || *p->database_id == '\0')
		return 0;
	if (mpd_db_id_parse(p->database_id, &tag, e) != 0 ||
	    database_ensure_begin(l, &tag, out, e) != 0)
		return mpd_err_prefix(e, "project '%s'", p->name);
	return 0;
}

int
project_db_start_finish(struct lc *l, const struct state_project *p,
			struct db_pending *pending, struct mpd_err *e)
{
	struct mpd_db_tag tag;
	enum db_action did = DB_KEPT;

	if (pending == NULL)
		return 0;
	if (database_ensure_finish(l, pending, &did, e) != 0 ||
	    mpd_db_id_parse(p->database_id, &tag, e) != 0 ||
	    (did != DB_KEPT && did != DB_STARTED &&
	     database_project_create(l, &tag, p->name, e) != 0))
		return mpd_err_prefix(e, "project '%s'", p->name);
	return 0;
}

void
project_db_drop(struct lc *l, const struct state_project *p)
{
	struct mpd_err e = { .code = MPD_ERR_NONE };
	struct mpd_db_tag tag;

	if (p->database_id == NULL || *p->database_id == '\0')
		return;
	if (mpd_db_id_parse(p->database_id, &tag, &e) == 0 &&
	    database_ensure(l, &tag, NULL, &e) == 0 &&
	    database_project_drop(l, &tag, p->name, &e) == 0) {
		lc_ok(l, "database and user '%s' dropped from %s", p->name,
		    p->database_id);
		return;
	}
	mpd_warn("the database '%s' of project '%s' was not dropped (%s): "
	    "drop it by hand in Adminer or with the DB's client", p->name,
	    p->name, e.msg);
}
