/* state_current.c - current state and current-state.json (see
 * state_current.h). */
#include "state_current.h"

#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "jsonfile.h"
#include "paths.h"
#include "state_lock.h"
#include "state_store.h"
#include "printable.h"
#include "sorted.h"

#define CURRENT_HINT "fix or remove the file (mpd writes it afresh on the " \
	"next mpd list or --status)"

static const char *const current_words[] = {
	[STATE_CURRENT_MISSING] = "missing",
	[STATE_CURRENT_STOPPED] = "stopped",
	[STATE_CURRENT_RUNNING] = "running",
};

const char *
state_current_name(enum state_current c)
{
	if ((unsigned)c > STATE_CURRENT_RUNNING)
		return "invalid";
	return current_words[c];
}

int
state_current_parse_word(const char *word, enum state_current *out)
{
	for (unsigned i = 0; i <= STATE_CURRENT_RUNNING; i++)
		if (word != NULL && strcmp(word, current_words[i]) == 0) {
			*out = (enum state_current)i;
			return 0;
		}
	return -1;
}

enum state_current
state_current_of_project(const struct state_project *p,
    enum state_current runtime)
{
	if (p->runtime_name == NULL || *p->runtime_name == '\0' ||
	    runtime == STATE_CURRENT_MISSING)
		return STATE_CURRENT_MISSING;
	if (runtime == STATE_CURRENT_STOPPED ||
	    p->requested != STATE_REQUESTED_RUNNING)
		return STATE_CURRENT_STOPPED;
	return STATE_CURRENT_RUNNING;
}

/* ---- maps ------------------------------------------------------------ */

/* Index of `name`, or where it would go (*found 0). */
static size_t
map_find(const struct state_current_map *m, const char *name, int *found)
{
	return mpd_sorted_find(m->items, m->n, sizeof *m->items,
	    offsetof(struct state_current_entry, name), name, found);
}

int
state_current_map_set(struct state_current_map *m, const char *name,
    enum state_current state)
{
	struct state_current_entry *grown;
	size_t at;
	char *copy;
	int found;

	at = map_find(m, name, &found);
	if (found) {
		m->items[at].state = state;
		return 0;
	}
	copy = strdup(name);
	if (copy == NULL)
		return -1;
	grown = realloc(m->items, (m->n + 1) * sizeof *grown);
	if (grown == NULL) {
		free(copy);
		return -1;
	}
	m->items = grown;
	memmove(&m->items[at + 1], &m->items[at], (m->n - at) * sizeof *grown);
	m->items[at].name = copy;
	m->items[at].state = state;
	m->n++;
	return 0;
}

enum state_current
state_current_map_get(const struct state_current_map *m, const char *name)
{
	size_t at;
	int found;

	if (m == NULL || name == NULL)
		return STATE_CURRENT_MISSING;
	at = map_find(m, name, &found);
	return found ? m->items[at].state : STATE_CURRENT_MISSING;
}

void
state_current_map_free(struct state_current_map *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++)
		free(m->items[i].name);
	free(m->items);
	m->items = NULL;
	m->n = 0;
}

int
state_current_fill_projects(struct state_current_map *projects,
    const struct state_project_list *l,
    const struct state_current_map *runtimes)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct state_project *p = &l->items[i];
		enum state_current rt = state_current_map_get(runtimes,
		    p->runtime_name);

		if (state_current_map_set(projects, p->name,
		    state_current_of_project(p, rt)) != 0)
			return -1;
	}
	return 0;
}

void
state_current_snapshot_free(struct state_current_snapshot *s)
{
	if (s == NULL)
		return;
	state_current_map_free(&s->databases);
	state_current_map_free(&s->projects);
	state_current_map_free(&s->runtimes);
	s->refreshed_at = 0;
}

/* ---- time ------------------------------------------------------------ */

char *
state_current_format_time(time_t t, char *buf, size_t n)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		if (n > 0)
			buf[0] = '\0';
	}
	return buf;
}

int
state_current_parse_time(const char *s, time_t *out)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	struct tm tm;
	char again[32];
	time_t t;

	if (s == NULL || strlen(s) != sizeof shape - 1)
		return -1;
	for (size_t i = 0; shape[i]; i++) {
		if (shape[i] == 'd') {
			if (s[i] < '0' || s[i] > '9')
				return -1;
		} else if (s[i] != shape[i])
			return -1;
	}
	memset(&tm, 0, sizeof tm);
	tm.tm_year = atoi(s) - 1900;
	tm.tm_mon = atoi(s + 5) - 1;
	tm.tm_mday = atoi(s + 8);
	tm.tm_hour = atoi(s + 11);
	tm.tm_min = atoi(s + 14);
	tm.tm_sec = atoi(s + 17);
	t = timegm(&tm);
	/* a date that does not exist (Feb 30, hour 24) does not come back */
	state_current_format_time(t, again, sizeof again);
	if (strcmp(again, s) != 0)
		return -1;
	*out = t;
	return 0;
}

/* ---- reading --------------------------------------------------------- */

static int
map_from_object(const struct jsonfile_schema *s, struct json_object *top,
    const char *key, const char *what, struct state_current_map *m)
{
	struct json_object *o;
	char f[256], q[80];

	if (jsonfile_member(s, top, "", key, json_type_object, 1, &o) != 0)
		return -1;
	json_object_object_foreach(o, name, val) {
		enum state_current st;
		const char *w;

		jsonfile_field(f, sizeof f, key, name);
		if (!state_store_name_ok(name))
			return jsonfile_schema_error(s, f, "'%s' cannot name a "
			    "%s", mpd_printable(name, q, sizeof q), what);
		if (jsonfile_expect_type(s, val, f, json_type_string) != 0)
			return -1;
		w = json_object_get_string(val);
		if (state_current_parse_word(w, &st) != 0)
			return jsonfile_schema_error(s, f, "expected one of "
			    "running, stopped, missing, found '%s'",
			    mpd_printable(w, q, sizeof q));
		if (state_current_map_set(m, name, st) != 0)
			return mpd_err_set(s->e, MPD_ERR_IO, "out of memory "
			    "reading %s", s->file);
	}
	return 0;
}

int
state_current_parse(const char *label, const char *buf, size_t len,
    struct state_current_snapshot *out, struct mpd_err *e)
{
	struct jsonfile_schema s = { label, CURRENT_HINT, e };
	struct json_object *top, *at;
	char q[80];
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (jsonfile_parse(label, CURRENT_HINT, buf, len, &top, e) != 0)
		return -1;
	if (jsonfile_expect_type(&s, top, "", json_type_object) != 0 ||
	    map_from_object(&s, top, "databases", "database",
	    &out->databases) != 0 ||
	    map_from_object(&s, top, "projects", "project",
	    &out->projects) != 0 ||
	    map_from_object(&s, top, "runtimes", "runtime",
	    &out->runtimes) != 0 ||
	    jsonfile_member(&s, top, "", "refreshedAt", json_type_string, 1,
	    &at) != 0)
		goto done;
	if (state_current_parse_time(json_object_get_string(at),
	    &out->refreshed_at) != 0) {
		jsonfile_schema_error(&s, "refreshedAt", "expected a UTC time "
		    "like 2025-01-31T12:00:00Z, found '%s'", mpd_printable(
		    json_object_get_string(at), q, sizeof q));
		goto done;
	}
	rc = 0;
done:
	if (rc != 0)
		state_current_snapshot_free(out);
	json_object_put(top);
	return rc;
}

int
state_current_load(struct state_current_snapshot *out, struct mpd_err *e)
{
	const char *path = mpd_path(MPD_PATH_CURRENT_JSON);
	char *buf;
	size_t len;
	int rc;

	memset(out, 0, sizeof *out);
	if (state_store_read(path, JSONFILE_MAX_BYTES, CURRENT_HINT, &buf, &len,
	    e) != 0)
		return -1;
	if (buf == NULL)
		return 0;
	rc = state_current_parse(path, buf, len, out, e);
	free(buf);
	return rc;
}

/* ---- writing --------------------------------------------------------- */

static int
map_check(const struct state_current_map *m, const char *what,
    struct mpd_err *e)
{
	char q[80];

	for (size_t i = 0; i < m->n; i++) {
		if (!state_store_name_ok(m->items[i].name))
			return mpd_err_set(e, MPD_ERR_INPUT, "%s name '%s' cannot "
			    "be stored: use 1-255 characters without '/' or "
			    "control characters", what, mpd_printable(
			    m->items[i].name, q, sizeof q));
		if ((unsigned)m->items[i].state > STATE_CURRENT_RUNNING)
			return mpd_err_set(e, MPD_ERR_INPUT, "%s '%s': state %d "
			    "is not one of running, stopped, missing", what,
			    m->items[i].name, (int)m->items[i].state);
	}
	return 0;
}

static struct json_object *
map_to_object(const struct state_current_map *m)
{
	struct json_object *o = json_object_new_object();

	if (o == NULL)
		return NULL;
	for (size_t i = 0; i < m->n; i++) {
		struct json_object *v = json_object_new_string(
		    state_current_name(m->items[i].state));

		if (v == NULL || json_object_object_add(o, m->items[i].name,
		    v) != 0) {
			json_object_put(v);
			json_object_put(o);
			return NULL;
		}
	}
	return o;
}

int
state_current_write(const struct state_current_snapshot *s, struct mpd_err *e)
{
	const char *path = mpd_path(MPD_PATH_CURRENT_JSON);
	struct state_current_snapshot old;
	struct json_object *top;
	char when[32];
	int rc = -1;

	if (s == NULL)
		return mpd_err_set(e, MPD_ERR_INPUT, "no snapshot");
	if (map_check(&s->databases, "database", e) != 0 ||
	    map_check(&s->projects, "project", e) != 0 ||
	    map_check(&s->runtimes, "runtime", e) != 0)
		return -1;
	state_current_format_time(s->refreshed_at, when, sizeof when);
	if (when[0] == '\0')
		return mpd_err_set(e, MPD_ERR_INPUT, "refresh time %lld cannot be "
		    "written as a date", (long long)s->refreshed_at);
	top = json_object_new_object();
	if (top == NULL ||
	    jsonfile_add(top, "databases", map_to_object(&s->databases)) != 0 ||
	    jsonfile_add(top, "projects", map_to_object(&s->projects)) != 0 ||
	    jsonfile_add(top, "runtimes", map_to_object(&s->runtimes)) != 0 ||
	    jsonfile_add(top, "refreshedAt", json_object_new_string(when)) != 0) {
		json_object_put(top);
		return mpd_err_set(e, MPD_ERR_IO, "out of memory writing %s", path);
	}
	if (state_lock_acquire(e) == 0) {
		/* a broken file is never replaced */
		if (state_current_load(&old, e) == 0) {
			state_current_snapshot_free(&old);
			rc = jsonfile_write(path, top, STATE_FILE_MODE, e);
		}
		state_lock_release();
	}
	json_object_put(top);
	return rc;
}
