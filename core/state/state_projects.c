/* state_projects.c - state/projects.json (see state_projects.h). */
#include "state_projects.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsonfile.h"
#include "paths.h"
#include "state_lock.h"
#include "state_store.h"
#include "printable.h"
#include "strv.h"

#define PROJECTS_HINT "fix or remove the file (mpd rebuilds it from the " \
	"data volume on --setup)"
#define URL_HINT "a URL entry is an object with string label, kind and url"

static const char *const requested_words[] = {
	[STATE_REQUESTED_NOT_CONFIGURED] = "not-configured",
	[STATE_REQUESTED_STOPPED] = "stopped",
	[STATE_REQUESTED_RUNNING] = "running",
};

const char *
state_requested_name(enum state_requested r)
{
	if ((unsigned)r > STATE_REQUESTED_RUNNING)
		return "invalid";
	return requested_words[r];
}

int
state_requested_parse(const char *word, enum state_requested *out)
{
	for (unsigned i = 0; i <= STATE_REQUESTED_RUNNING; i++)
		if (word != NULL && strcmp(word, requested_words[i]) == 0) {
			*out = (enum state_requested)i;
			return 0;
		}
	return -1;
}

static char *
dup_or_empty(const char *s)
{
	return strdup(s != NULL ? s : "");
}

/* ---- URL entries ----------------------------------------------------- */

void
state_url_free(struct state_url *u)
{
	if (u == NULL)
		return;
	free(u->label);
	free(u->kind);
	free(u->url);
	free(u->json);
	memset(u, 0, sizeof *u);
}

void
state_urls_free(struct state_url *urls, size_t n)
{
	for (size_t i = 0; i < n; i++)
		state_url_free(&urls[i]);
	free(urls);
}

int
state_url_copy(struct state_url *dst, const struct state_url *src)
{
	memset(dst, 0, sizeof *dst);
	dst->label = dup_or_empty(src->label);
	dst->kind = dup_or_empty(src->kind);
	dst->url = dup_or_empty(src->url);
	dst->json = dup_or_empty(src->json);
	if (dst->label == NULL || dst->kind == NULL || dst->url == NULL ||
	    dst->json == NULL) {
		state_url_free(dst);
		return -1;
	}
	return 0;
}

/* One URL entry from its json-c object at `field`. */
static int
url_from_object(const struct jsonfile_schema *s, struct json_object *o,
    const char *field, void *item)
{
	struct state_url *out = item;

	memset(out, 0, sizeof *out);
	if (jsonfile_expect_type(s, o, field, json_type_object) != 0 ||
	    jsonfile_string_member(s, o, field, "label", &out->label) != 0 ||
	    jsonfile_string_member(s, o, field, "kind", &out->kind) != 0 ||
	    jsonfile_string_member(s, o, field, "url", &out->url) != 0)
		goto fail;
	out->json = jsonfile_to_string(o, 0, NULL);
	if (out->json == NULL) {
		mpd_err_set(s->e, MPD_ERR_IO, "out of memory reading %s", s->file);
		goto fail;
	}
	return 0;
fail:
	state_url_free(out);
	return -1;
}

/* Entries of the array `arr` at `field`; *urls NULL when empty. */
static int
urls_from_array(const struct jsonfile_schema *s, struct json_object *arr,
    const char *field, struct state_url **urls, size_t *n)
{
	void *u;
	size_t got;

	*urls = NULL;
	*n = 0;
	if (jsonfile_array_items(s, arr, field, sizeof **urls, url_from_object,
	    &u, &got) != 0) {
		state_urls_free(u, got);
		return -1;
	}
	*urls = u;
	*n = got;
	return 0;
}

int
state_url_parse(const char *label, const char *json, size_t len,
    struct state_url *out, struct mpd_err *e)
{
	struct jsonfile_schema s = { label, URL_HINT, e };
	struct json_object *o;
	int rc;

	memset(out, 0, sizeof *out);
	if (json == NULL)
		return mpd_err_set(e, MPD_ERR_INPUT, "%s: no URL entry; %s",
		    label, URL_HINT);
	if (jsonfile_parse(label, URL_HINT, json, len, &o, e) != 0)
		rc = -1;
	else {
		rc = url_from_object(&s, o, "", out);
		json_object_put(o);
	}
	if (rc != 0 && e != NULL && e->code == MPD_ERR_CORRUPT)
		e->code = MPD_ERR_INPUT;
	return rc;
}

int
state_urls_parse(const char *label, const char *json, size_t len,
    struct state_url **urls, size_t *n, struct mpd_err *e)
{
	struct jsonfile_schema s = { label, URL_HINT, e };
	struct json_object *o;
	int rc = -1;

	*urls = NULL;
	*n = 0;
	if (json == NULL)
		return mpd_err_set(e, MPD_ERR_INPUT, "%s: no URL list; %s",
		    label, URL_HINT);
	if (jsonfile_parse(label, URL_HINT, json, len, &o, e) == 0) {
		if (jsonfile_expect_type(&s, o, "", json_type_array) == 0)
			rc = urls_from_array(&s, o, "", urls, n);
		json_object_put(o);
	}
	if (rc != 0 && e != NULL && e->code == MPD_ERR_CORRUPT)
		e->code = MPD_ERR_INPUT;
	return rc;
}

/* ---- records --------------------------------------------------------- */

void
state_project_free(struct state_project *p)
{
	if (p == NULL)
		return;
	free(p->name);
	free(p->type);
	free(p->runtime_name);
	free(p->database_engine);
	free(p->database_version);
	free(p->database_id);
	state_urls_free(p->urls, p->n_urls);
	strv_free(p->sidecars);
	memset(p, 0, sizeof *p);
}

void
state_project_list_free(struct state_project_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++)
		state_project_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

int
state_project_copy(struct state_project *dst, const struct state_project *src)
{
	memset(dst, 0, sizeof *dst);
	dst->name = dup_or_empty(src->name);
	dst->type = dup_or_empty(src->type);
	dst->runtime_name = dup_or_empty(src->runtime_name);
	dst->database_engine = dup_or_empty(src->database_engine);
	dst->database_version = dup_or_empty(src->database_version);
	dst->database_id = dup_or_empty(src->database_id);
	dst->requested = src->requested;
	if (dst->name == NULL || dst->type == NULL ||
	    dst->runtime_name == NULL || dst->database_engine == NULL ||
	    dst->database_version == NULL || dst->database_id == NULL)
		goto fail;
	if (src->n_urls > 0) {
		dst->urls = calloc(src->n_urls, sizeof *dst->urls);
		if (dst->urls == NULL)
			goto fail;
		for (size_t i = 0; i < src->n_urls; i++) {
			if (state_url_copy(&dst->urls[i], &src->urls[i]) != 0)
				goto fail;
			dst->n_urls = i + 1;
		}
	}
	if (src->sidecars != NULL &&
	    (dst->sidecars = strv_dup((const char *const *)src->sidecars)) ==
	    NULL)
		goto fail;
	return 0;
fail:
	state_project_free(dst);
	return -1;
}

const struct state_project *
state_project_list_find(const struct state_project_list *l, const char *name)
{
	for (size_t i = 0; l != NULL && name != NULL && i < l->n; i++)
		if (strcmp(l->items[i].name, name) == 0)
			return &l->items[i];
	return NULL;
}

static int
cmp_project(const void *a, const void *b)
{
	return strcmp(((const struct state_project *)a)->name,
	    ((const struct state_project *)b)->name);
}

bool
state_sidecar_name_ok(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	return n > 0 && n <= 32 && name[0] >= 'a' && name[0] <= 'z' &&
	    strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* ---- reading --------------------------------------------------------- */

/* The optional "sidecars" array of a record: sorted names, no repeats. */
static int
sidecars_from_object(const struct jsonfile_schema *s, struct json_object *o,
    const char *field, char ***out)
{
	struct json_object *arr;
	struct strv v = STRV_INIT;
	char f[256], q[80];
	size_t n;

	*out = NULL;
	if (jsonfile_member(s, o, field, "sidecars", json_type_array, 0,
	    &arr) != 0)
		return -1;
	if (arr == NULL)
		return 0;
	jsonfile_field(f, sizeof f, field, "sidecars");
	n = json_object_array_length(arr);
	for (size_t i = 0; i < n; i++) {
		struct json_object *it = json_object_array_get_idx(arr, i);
		const char *name = json_object_is_type(it, json_type_string) ?
		    json_object_get_string(it) : NULL;

		if (!state_sidecar_name_ok(name) ||
		    (v.len > 0 && strcmp(v.v[v.len - 1], name) >= 0)) {
			jsonfile_schema_error(s, f, "[%zu] '%s' is not a "
			    "sidecar name in order ([a-z][a-z0-9-]*, sorted, "
			    "no repeats)", i, mpd_printable(name, q, sizeof q));
			strv_reset(&v);
			return -1;
		}
		strv_push(&v, name);
	}
	if (v.oom) {
		strv_reset(&v);
		return mpd_err_set(s->e, MPD_ERR_IO, "out of memory reading %s",
		    s->file);
	}
	if (v.len > 0)
		*out = strv_take(&v);
	return 0;
}

static int
project_from_object(const struct jsonfile_schema *s, struct json_object *o,
    const char *field, void *item)
{
	struct state_project *p = item;
	struct json_object *urls;
	char *requested = NULL;
	char f[256], q[80];

	memset(p, 0, sizeof *p);
	if (jsonfile_expect_type(s, o, field, json_type_object) != 0 ||
	    jsonfile_string_member(s, o, field, "name", &p->name) != 0 ||
	    jsonfile_string_member(s, o, field, "type", &p->type) != 0 ||
	    jsonfile_string_member(s, o, field, "runtimeName",
	    &p->runtime_name) != 0 ||
	    jsonfile_string_member(s, o, field, "databaseEngine",
	    &p->database_engine) != 0 ||
	    jsonfile_string_member(s, o, field, "databaseVersion",
	    &p->database_version) != 0 ||
	    jsonfile_string_member(s, o, field, "databaseId",
	    &p->database_id) != 0 ||
	    jsonfile_string_member(s, o, field, "requested", &requested) != 0)
		goto fail;
	if (!state_store_name_ok(p->name)) {
		jsonfile_schema_error(s, jsonfile_field(f, sizeof f, field, "name"),
		    "'%s' cannot name a project (1-255 characters, no '/')",
		    mpd_printable(p->name, q, sizeof q));
		goto fail;
	}
	if (*p->type == '\0') {
		jsonfile_schema_error(s, jsonfile_field(f, sizeof f, field, "type"),
		    "empty (expected a project type such as moodle)");
		goto fail;
	}
	if (state_requested_parse(requested, &p->requested) != 0) {
		jsonfile_schema_error(s, jsonfile_field(f, sizeof f, field,
		    "requested"), "expected one of not-configured, stopped, "
		    "running, found '%s'", mpd_printable(requested, q,
		    sizeof q));
		goto fail;
	}
	free(requested);
	requested = NULL;
	if (jsonfile_member(s, o, field, "urls", json_type_array, 0, &urls) != 0)
		goto fail;
	if (urls != NULL && urls_from_array(s, urls, jsonfile_field(f,
	    sizeof f, field, "urls"), &p->urls, &p->n_urls) != 0)
		goto fail;
	if (sidecars_from_object(s, o, field, &p->sidecars) != 0)
		goto fail;
	return 0;
fail:
	free(requested);
	state_project_free(p);
	return -1;
}

int
state_projects_parse(const char *label, const char *buf, size_t len,
    struct state_project_list *out, struct mpd_err *e)
{
	struct jsonfile_schema s = { label, PROJECTS_HINT, e };
	struct json_object *top, *arr;
	struct state_project_list l = { NULL, 0 };
	void *items;
	char q[80];
	int rc = -1;

	out->items = NULL;
	out->n = 0;
	if (jsonfile_parse(label, PROJECTS_HINT, buf, len, &top, e) != 0)
		return -1;
	if (jsonfile_expect_type(&s, top, "", json_type_object) != 0 ||
	    jsonfile_member(&s, top, "", "projects", json_type_array, 1,
	    &arr) != 0)
		goto done;
	if (jsonfile_array_items(&s, arr, "projects", sizeof *l.items,
	    project_from_object, &items, &l.n) != 0) {
		l.items = items;	/* what was read: freed at done */
		goto done;
	}
	l.items = items;
	if (l.n > 1)
		qsort(l.items, l.n, sizeof *l.items, cmp_project);
	for (size_t i = 1; i < l.n; i++)
		if (strcmp(l.items[i - 1].name, l.items[i].name) == 0) {
			jsonfile_schema_error(&s, "projects", "project '%s' is "
			    "listed twice", mpd_printable(l.items[i].name, q,
			    sizeof q));
			goto done;
		}
	*out = l;
	l.items = NULL;
	l.n = 0;
	rc = 0;
done:
	state_project_list_free(&l);
	json_object_put(top);
	return rc;
}

int
state_projects_load(struct state_project_list *out, struct mpd_err *e)
{
	const char *path = mpd_path(MPD_PATH_PROJECTS_JSON);
	char *buf;
	size_t len;
	int rc;

	out->items = NULL;
	out->n = 0;
	if (state_store_read(path, JSONFILE_MAX_BYTES, PROJECTS_HINT, &buf, &len,
	    e) != 0)
		return -1;
	if (buf == NULL)
		return 0;
	rc = state_projects_parse(path, buf, len, out, e);
	free(buf);
	return rc;
}

int
state_projects_get(const char *name, struct state_project *out,
    struct mpd_err *e)
{
	struct state_project_list l;
	const struct state_project *p;
	char q[80];
	int rc;

	memset(out, 0, sizeof *out);
	if (state_projects_load(&l, e) != 0)
		return -1;
	p = state_project_list_find(&l, name);
	if (p == NULL)
		rc = mpd_err_set(e, MPD_ERR_NOTFOUND, "project '%s' is not "
		    "registered", mpd_printable(name, q, sizeof q));
	else if ((rc = state_project_copy(out, p)) != 0)
		mpd_err_set(e, MPD_ERR_IO, "out of memory");
	state_project_list_free(&l);
	return rc;
}

/* ---- writing --------------------------------------------------------- */

static struct json_object *
project_to_object(const struct state_project *p)
{
	struct json_object *o = json_object_new_object();
	struct json_object *urls = json_object_new_array();

	if (o == NULL || urls == NULL)
		goto fail;
	if (jsonfile_add_string(o, "name", p->name) != 0 ||
	    jsonfile_add_string(o, "type", p->type) != 0 ||
	    jsonfile_add_string(o, "runtimeName", p->runtime_name) != 0 ||
	    jsonfile_add_string(o, "databaseEngine", p->database_engine) != 0 ||
	    jsonfile_add_string(o, "databaseVersion", p->database_version) != 0 ||
	    jsonfile_add_string(o, "databaseId", p->database_id) != 0 ||
	    jsonfile_add_string(o, "requested", state_requested_name(p->requested)) != 0)
		goto fail;
	for (size_t i = 0; i < p->n_urls; i++) {
		struct json_object *u;

		/* checked by project_check(); cannot fail but for ENOMEM */
		if (jsonfile_parse("url entry", URL_HINT, p->urls[i].json,
		    strlen(p->urls[i].json), &u, NULL) != 0)
			goto fail;
		if (json_object_array_add(urls, u) != 0) {
			json_object_put(u);
			goto fail;
		}
	}
	if (json_object_object_add(o, "urls", urls) != 0)
		goto fail;
	urls = NULL;
	if (p->sidecars != NULL && p->sidecars[0] != NULL) {
		struct json_object *sc = json_object_new_array();

		if (jsonfile_add(o, "sidecars", sc) != 0)
			goto fail;
		for (char **c = p->sidecars; *c; c++)
			if (json_object_array_add(sc,
			    json_object_new_string(*c)) != 0)
				goto fail;
	}
	return o;
fail:
	json_object_put(urls);
	json_object_put(o);
	return NULL;
}

static int
projects_save(const struct state_project_list *l, struct mpd_err *e)
{
	const char *path = mpd_path(MPD_PATH_PROJECTS_JSON);
	struct json_object *top = json_object_new_object();
	struct json_object *arr = json_object_new_array();
	int rc;

	if (top == NULL || arr == NULL ||
	    json_object_object_add(top, "projects", arr) != 0) {
		json_object_put(arr);
		json_object_put(top);
		return mpd_err_set(e, MPD_ERR_IO, "out of memory writing %s", path);
	}
	for (size_t i = 0; i < l->n; i++) {
		struct json_object *o = project_to_object(&l->items[i]);

		if (o == NULL || json_object_array_add(arr, o) != 0) {
			json_object_put(o);
			json_object_put(top);
			return mpd_err_set(e, MPD_ERR_IO, "out of memory writing "
			    "%s", path);
		}
	}
	rc = jsonfile_write(path, top, STATE_FILE_MODE, e);
	json_object_put(top);
	return rc;
}

/* Check a caller's record before anything is locked or written. */
static int
project_check(const struct state_project *p, struct mpd_err *e)
{
	char q[80];
	const char *texts[] = { p->type, p->runtime_name, p->database_engine,
	    p->database_version, p->database_id };
	const char *names[] = { "type", "runtimeName", "databaseEngine",
	    "databaseVersion", "databaseId" };

	if (!state_store_name_ok(p->name))
		return mpd_err_set(e, MPD_ERR_INPUT, "project name '%s' cannot be "
		    "stored: use 1-255 characters without '/' or control "
		    "characters", mpd_printable(p->name, q, sizeof q));
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (texts[i] != NULL && !state_store_text_ok(texts[i]))
			return mpd_err_set(e, MPD_ERR_INPUT, "project '%s': %s "
			    "contains a control character", p->name, names[i]);
	if (p->type == NULL || *p->type == '\0')
		return mpd_err_set(e, MPD_ERR_INPUT, "project '%s': the type is "
		    "empty", p->name);
	if ((unsigned)p->requested > STATE_REQUESTED_RUNNING)
		return mpd_err_set(e, MPD_ERR_INPUT, "project '%s': requested "
		    "state %d is not one of not-configured, stopped, running",
		    p->name, (int)p->requested);
	if (p->n_urls > 0 && p->urls == NULL)
		return mpd_err_set(e, MPD_ERR_INPUT, "project '%s': %zu URL "
		    "entries but no array", p->name, p->n_urls);
	for (size_t i = 0; i < p->n_urls; i++) {
		struct state_url u;
		char label[128];

		snprintf(label, sizeof label, "project '%s' urls[%zu]", p->name,
		    i);
		if (p->urls[i].json == NULL)
			return mpd_err_set(e, MPD_ERR_INPUT, "%s: no entry (make "
			    "it with state_url_parse)", label);
		if (state_url_parse(label, p->urls[i].json,
		    strlen(p->urls[i].json), &u, e) != 0)
			return -1;
		state_url_free(&u);
	}
	for (char **c = p->sidecars; c != NULL && *c; c++)
		if (!state_sidecar_name_ok(*c) ||
		    (c != p->sidecars && strcmp(c[-1], *c) >= 0))
			return mpd_err_set(e, MPD_ERR_INPUT, "project '%s': "
			    "sidecar '%s' is not a name in order "
			    "([a-z][a-z0-9-]*, sorted, no repeats)", p->name,
			    *c);
	return 0;
}

int
state_projects_seed(bool *written, struct mpd_err *e)
{
	struct state_project_list none = { NULL, 0 };
	int rc = 0;

	if (written != NULL)
		*written = false;
	if (state_lock_acquire(e) != 0)
		return -1;
	if (access(mpd_path(MPD_PATH_PROJECTS_JSON), F_OK) != 0) {
		rc = projects_save(&none, e);
		if (rc == 0 && written != NULL)
			*written = true;
	}
	state_lock_release();
	return rc;
}

typedef int (*projects_edit_fn)(struct state_project_list *,
    const void *, struct mpd_err *);

/* lock -> load -> edit -> write -> unlock */
static int
projects_mutate(projects_edit_fn edit, const void *arg, struct mpd_err *e)
{
	struct state_project_list l;
	int rc = -1;

	if (state_lock_acquire(e) != 0)
		return -1;
	if (state_projects_load(&l, e) == 0 && edit(&l, arg, e) == 0 &&
	    projects_save(&l, e) == 0)
		rc = 0;
	state_project_list_free(&l);
	state_lock_release();
	return rc;
}

static int
edit_upsert(struct state_project_list *l, const void *arg, struct mpd_err *e)
{
	const struct state_project *p = arg;
	struct state_project copy;
	struct state_project *grown;

	if (state_project_copy(&copy, p) != 0)
		return mpd_err_set(e, MPD_ERR_IO, "out of memory");
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].name, p->name) == 0) {
			state_project_free(&l->items[i]);
			l->items[i] = copy;
			return 0;
		}
	grown = realloc(l->items, (l->n + 1) * sizeof *grown);
	if (grown == NULL) {
		state_project_free(&copy);
		return mpd_err_set(e, MPD_ERR_IO, "out of memory");
	}
	l->items = grown;
	l->items[l->n++] = copy;
	qsort(l->items, l->n, sizeof *l->items, cmp_project);
	return 0;
}

int
state_projects_upsert(const struct state_project *p, struct mpd_err *e)
{
	if (p == NULL)
		return mpd_err_set(e, MPD_ERR_INPUT, "no project record");
	if (project_check(p, e) != 0)
		return -1;
	return projects_mutate(edit_upsert, p, e);
}

static int
not_registered(const char *name, struct mpd_err *e)
{
	char q[80];

	return mpd_err_set(e, MPD_ERR_NOTFOUND, "project '%s' is not registered",
	    mpd_printable(name, q, sizeof q));
}

static int
edit_delete(struct state_project_list *l, const void *arg, struct mpd_err *e)
{
	const char *name = arg;

	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].name, name) == 0) {
			state_project_free(&l->items[i]);
			memmove(&l->items[i], &l->items[i + 1],
			    (l->n - i - 1) * sizeof *l->items);
			l->n--;
			return 0;
		}
	return not_registered(name, e);
}

int
state_projects_delete(const char *name, struct mpd_err *e)
{
	if (name == NULL)
		return not_registered(name, e);
	return projects_mutate(edit_delete, name, e);
}

struct set_requested_arg {
	const char *name;
	enum state_requested r;
};

static int
edit_set_requested(struct state_project_list *l, const void *arg,
    struct mpd_err *e)
{
	const struct set_requested_arg *a = arg;

	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].name, a->name) == 0) {
			l->items[i].requested = a->r;
			return 0;
		}
	return not_registered(a->name, e);
}

int
state_projects_set_requested(const char *name, enum state_requested r,
    struct mpd_err *e)
{
	struct set_requested_arg a = { name, r };

	if ((unsigned)r > STATE_REQUESTED_RUNNING)
		return mpd_err_set(e, MPD_ERR_INPUT, "requested state %d is not "
		    "one of not-configured, stopped, running", (int)r);
	if (name == NULL)
		return not_registered(name, e);
	return projects_mutate(edit_set_requested, &a, e);
}
