/* state_databases.c - state/databases.json (see state_databases.h). */
#include "state_databases.h"

#include <stdlib.h>
#include <string.h>

#include "jsonfile.h"
#include "paths.h"
#include "state_lock.h"
#include "state_store.h"
#include "printable.h"

#define DATABASES_HINT "fix or remove the file (mpd rebuilds it from the " \
	"database containers on --setup and mpd list dbs)"

const char *
state_db_status_name(enum state_db_status s)
{
	switch (s) {
	case STATE_DB_STOPPED: return "stopped";
	case STATE_DB_RUNNING: return "running";
	}
	return "invalid";
}

int
state_db_status_parse(const char *word, enum state_db_status *out)
{
	if (word != NULL && strcmp(word, "stopped") == 0)
		*out = STATE_DB_STOPPED;
	else if (word != NULL && strcmp(word, "running") == 0)
		*out = STATE_DB_RUNNING;
	else
		return -1;
	return 0;
}

void
state_database_free(struct state_database *d)
{
	if (d == NULL)
		return;
	free(d->container_name);
	free(d->database_id);
	free(d->engine);
	free(d->version);
	memset(d, 0, sizeof *d);
}

void
state_database_list_free(struct state_database_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++)
		state_database_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

const struct state_database *
state_database_list_find(const struct state_database_list *l,
    const char *database_id)
{
	for (size_t i = 0; l != NULL && database_id != NULL && i < l->n; i++)
		if (strcmp(l->items[i].database_id, database_id) == 0)
			return &l->items[i];
	return NULL;
}

static int
cmp_database(const void *a, const void *b)
{
	return strcmp(((const struct state_database *)a)->database_id,
	    ((const struct state_database *)b)->database_id);
}

static int
cmp_database_ptr(const void *a, const void *b)
{
	return cmp_database(*(const struct state_database *const *)a,
	    *(const struct state_database *const *)b);
}

/* ---- reading --------------------------------------------------------- */

static int
nonempty(const struct jsonfile_schema *s, const char *field, const char *key,
    const char *val)
{
	char f[256];

	if (*val != '\0')
		return 0;
	return jsonfile_schema_error(s, jsonfile_field(f, sizeof f, field, key),
	    "empty (expected a non-empty string)");
}

static int
database_from_object(const struct jsonfile_schema *s, struct json_object *o,
    const char *field, void *item)
{
	struct state_database *d = item;
	char *status = NULL;
	char f[256], q[80];

	memset(d, 0, sizeof *d);
	if (jsonfile_expect_type(s, o, field, json_type_object) != 0 ||
	    jsonfile_string_member(s, o, field, "containerName",
	    &d->container_name) != 0 ||
	    jsonfile_string_member(s, o, field, "databaseId",
	    &d->database_id) != 0 ||
	    jsonfile_string_member(s, o, field, "engine", &d->engine) != 0 ||
	    jsonfile_string_member(s, o, field, "version", &d->version) != 0 ||
	    jsonfile_string_member(s, o, field, "status", &status) != 0)
		goto fail;
	if (nonempty(s, field, "containerName", d->container_name) != 0 ||
	    nonempty(s, field, "engine", d->engine) != 0 ||
	    nonempty(s, field, "version", d->version) != 0)
		goto fail;
	if (!state_store_name_ok(d->database_id)) {
		jsonfile_schema_error(s, jsonfile_field(f, sizeof f, field,
		    "databaseId"), "'%s' cannot name a database (1-255 "
		    "characters, no '/')", mpd_printable(d->database_id, q,
		    sizeof q));
		goto fail;
	}
	if (state_db_status_parse(status, &d->status) != 0) {
		jsonfile_schema_error(s, jsonfile_field(f, sizeof f, field,
		    "status"), "expected one of running, stopped, found '%s'",
		    mpd_printable(status, q, sizeof q));
		goto fail;
	}
	free(status);
	return 0;
fail:
	free(status);
	state_database_free(d);
	return -1;
}

int
state_databases_parse(const char *label, const char *buf, size_t len,
    struct state_database_list *out, struct mpd_err *e)
{
	struct jsonfile_schema s = { label, DATABASES_HINT, e };
	struct state_database_list l = { NULL, 0 };
	struct json_object *top, *arr;
	void *items;
	char q[80];
	int rc = -1;

	out->items = NULL;
	out->n = 0;
	if (jsonfile_parse(label, DATABASES_HINT, buf, len, &top, e) != 0)
		return -1;
	if (jsonfile_expect_type(&s, top, "", json_type_object) != 0 ||
	    jsonfile_member(&s, top, "", "databases", json_type_array, 1,
	    &arr) != 0)
		goto done;
	if (jsonfile_array_items(&s, arr, "databases", sizeof *l.items,
	    database_from_object, &items, &l.n) != 0) {
		l.items = items;	/* what was read: freed at done */
		goto done;
	}
	l.items = items;
	if (l.n > 1)
		qsort(l.items, l.n, sizeof *l.items, cmp_database);
	for (size_t i = 1; i < l.n; i++)
		if (strcmp(l.items[i - 1].database_id,
		    l.items[i].database_id) == 0) {
			jsonfile_schema_error(&s, "databases", "database '%s' is "
			    "listed twice", mpd_printable(
			    l.items[i].database_id, q, sizeof q));
			goto done;
		}
	*out = l;
	l.items = NULL;
	l.n = 0;
	rc = 0;
done:
	state_database_list_free(&l);
	json_object_put(top);
	return rc;
}

int
state_databases_load(struct state_database_list *out, struct mpd_err *e)
{
	const char *path = mpd_path(MPD_PATH_DATABASES_JSON);
	char *buf;
	size_t len;
	int rc;

	out->items = NULL;
	out->n = 0;
	if (state_store_read(path, JSONFILE_MAX_BYTES, DATABASES_HINT, &buf,
	    &len, e) != 0)
		return -1;
	if (buf == NULL)
		return 0;
	rc = state_databases_parse(path, buf, len, out, e);
	free(buf);
	return rc;
}

/* ---- writing --------------------------------------------------------- */

static struct json_object *
database_to_object(const struct state_database *d)
{
	struct json_object *o = json_object_new_object();

	if (o == NULL ||
	    jsonfile_add_string(o, "containerName", d->container_name) != 0 ||
	    jsonfile_add_string(o, "databaseId", d->database_id) != 0 ||
	    jsonfile_add_string(o, "engine", d->engine) != 0 ||
	    jsonfile_add_string(o, "status", state_db_status_name(d->status)) != 0 ||
	    jsonfile_add_string(o, "version", d->version) != 0) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static int
database_check(const struct state_database *d, struct mpd_err *e)
{
	char q[80];
	const char *vals[] = { d->container_name, d->engine, d->version };
	const char *keys[] = { "containerName", "engine", "version" };

	if (!state_store_name_ok(d->database_id))
		return mpd_err_set(e, MPD_ERR_INPUT, "database id '%s' cannot be "
		    "stored: use 1-255 characters without '/' or control "
		    "characters", mpd_printable(d->database_id, q,
		    sizeof q));
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
		if (vals[i] == NULL || *vals[i] == '\0' ||
		    !state_store_text_ok(vals[i]))
			return mpd_err_set(e, MPD_ERR_INPUT, "database '%s': %s "
			    "must be a non-empty string without control "
			    "characters", d->database_id, keys[i]);
	if ((unsigned)d->status > STATE_DB_RUNNING)
		return mpd_err_set(e, MPD_ERR_INPUT, "database '%s': status %d "
		    "is not one of running, stopped", d->database_id,
		    (int)d->status);
	return 0;
}

int
state_databases_set(const struct state_database_list *l, struct mpd_err *e)
{
	const char *path = mpd_path(MPD_PATH_DATABASES_JSON);
	const struct state_database **sorted = NULL;
	struct state_database_list old;
	struct json_object *top = NULL, *arr;
	size_t n = (l != NULL) ? l->n : 0;
	int rc = -1;

	for (size_t i = 0; i < n; i++)
		if (database_check(&l->items[i], e) != 0)
			return -1;
	if (n > 0) {
		sorted = calloc(n, sizeof *sorted);
		if (sorted == NULL)
			return mpd_err_set(e, MPD_ERR_IO, "out of memory");
		for (size_t i = 0; i < n; i++)
			sorted[i] = &l->items[i];
		qsort(sorted, n, sizeof *sorted, cmp_database_ptr);
	}
	for (size_t i = 1; i < n; i++)
		if (strcmp(sorted[i - 1]->database_id,
		    sorted[i]->database_id) == 0) {
			mpd_err_set(e, MPD_ERR_INPUT, "database '%s' is listed "
			    "twice", sorted[i]->database_id);
			free(sorted);
			return -1;
		}
	top = json_object_new_object();
	arr = json_object_new_array();
	if (top == NULL || arr == NULL ||
	    json_object_object_add(top, "databases", arr) != 0) {
		json_object_put(arr);
		mpd_err_set(e, MPD_ERR_IO, "out of memory writing %s", path);
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		struct json_object *o = database_to_object(sorted[i]);

		if (o == NULL || json_object_array_add(arr, o) != 0) {
			json_object_put(o);
			mpd_err_set(e, MPD_ERR_IO, "out of memory writing %s",
			    path);
			goto done;
		}
	}
	if (state_lock_acquire(e) != 0)
		goto done;
	/* a broken file is never replaced, not even by a full rebuild */
	if (state_databases_load(&old, e) == 0) {
		state_database_list_free(&old);
		rc = jsonfile_write(path, top, STATE_FILE_MODE, e);
	}
	state_lock_release();
done:
	json_object_put(top);
	free(sorted);
	return rc;
}
