/* state_runtimes.c - state/runtimes/<n>/meta.json (see state_runtimes.h). */
#include "state_runtimes.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jsonfile.h"
#include "log.h"
#include "paths.h"
#include "state_lock.h"
#include "state_store.h"
#include "printable.h"

#define RUNTIME_HINT "fix or remove the file (starting the runtime " \
	"re-creates it from its container labels)"

const char *
state_runtime_requested_name(enum state_runtime_requested r)
{
	switch (r) {
	case STATE_RUNTIME_REQUESTED_UNSET: return "unset";
	case STATE_RUNTIME_REQUESTED_STOPPED: return "stopped";
	case STATE_RUNTIME_REQUESTED_RUNNING: return "running";
	}
	return "invalid";
}

void
state_runtime_free(struct state_runtime *r)
{
	if (r == NULL)
		return;
	free(r->name);
	free(r->ip);
	free(r->runtime);
	memset(r, 0, sizeof *r);
}

void
state_runtime_list_free(struct state_runtime_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++)
		state_runtime_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

int
state_runtime_copy(struct state_runtime *dst, const struct state_runtime *src)
{
	memset(dst, 0, sizeof *dst);
	dst->name = strdup(src->name != NULL ? src->name : "");
	dst->ip = strdup(src->ip != NULL ? src->ip : "");
	dst->runtime = strdup(src->runtime != NULL ? src->runtime : "");
	dst->requested = src->requested;
	if (dst->name == NULL || dst->ip == NULL || dst->runtime == NULL) {
		state_runtime_free(dst);
		return -1;
	}
	return 0;
}

const struct state_runtime *
state_runtime_list_find(const struct state_runtime_list *l, const char *name)
{
	for (size_t i = 0; l != NULL && name != NULL && i < l->n; i++)
		if (strcmp(l->items[i].name, name) == 0)
			return &l->items[i];
	return NULL;
}

static int
cmp_runtime(const void *a, const void *b)
{
	return strcmp(((const struct state_runtime *)a)->name,
	    ((const struct state_runtime *)b)->name);
}

/* A runtime name must also be a visible directory name. */
static int
runtime_name_ok(const char *name)
{
	return state_store_name_ok(name) && name[0] != '.';
}

static int
ipv4_ok(const char *ip)
{
	struct in_addr a;

	return ip != NULL && inet_pton(AF_INET, ip, &a) == 1;
}

/* ---- reading --------------------------------------------------------- */

int
state_runtimes_parse(const char *label, const char *dir_name, const char *buf,
    size_t len, struct state_runtime *out, struct mpd_err *e)
{
	struct jsonfile_schema s = { label, RUNTIME_HINT, e };
	struct json_object *top, *req;
	char q[80], q2[80];
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (jsonfile_parse(label, RUNTIME_HINT, buf, len, &top, e) != 0)
		return -1;
	if (jsonfile_expect_type(&s, top, "", json_type_object) != 0 ||
	    jsonfile_string_member(&s, top, "", "name", &out->name) != 0 ||
	    jsonfile_string_member(&s, top, "", "ip", &out->ip) != 0 ||
	    jsonfile_string_member(&s, top, "", "runtime", &out->runtime) != 0 ||
	    jsonfile_member(&s, top, "", "requested", json_type_string, 0,
	    &req) != 0)
		goto done;
	if (!runtime_name_ok(out->name)) {
		jsonfile_schema_error(&s, "name", "'%s' cannot name a runtime "
		    "(1-255 characters, no '/', no leading '.')",
		    mpd_printable(out->name, q, sizeof q));
		goto done;
	}
	if (dir_name != NULL && strcmp(dir_name, out->name) != 0) {
		jsonfile_schema_error(&s, "name", "'%s' does not match the "
		    "directory '%s'", mpd_printable(out->name, q, sizeof q),
		    mpd_printable(dir_name, q2, sizeof q2));
		goto done;
	}
	if (!ipv4_ok(out->ip)) {
		jsonfile_schema_error(&s, "ip", "'%s' is not an IPv4 address",
		    mpd_printable(out->ip, q, sizeof q));
		goto done;
	}
	if (*out->runtime == '\0') {
		jsonfile_schema_error(&s, "runtime", "empty (expected a runtime "
		    "definition such as php)");
		goto done;
	}
	out->requested = STATE_RUNTIME_REQUESTED_UNSET;
	if (req != NULL) {
		const char *w = json_object_get_string(req);

		if (strcmp(w, "running") == 0)
			out->requested = STATE_RUNTIME_REQUESTED_RUNNING;
		else if (strcmp(w, "stopped") == 0)
			out->requested = STATE_RUNTIME_REQUESTED_STOPPED;
		else {
			jsonfile_schema_error(&s, "requested", "expected one of "
			    "stopped, running, found '%s'", mpd_printable(w,
			    q, sizeof q));
			goto done;
		}
	}
	rc = 0;
done:
	if (rc != 0)
		state_runtime_free(out);
	json_object_put(top);
	return rc;
}

static char *
meta_path(const char *name)
{
	char tail[512];

	snprintf(tail, sizeof tail, "%s/meta.json", name);
	return mpd_path_join(MPD_PATH_RUNTIMES_DIR, tail);
}

/* Load one meta.json; *found 0 when it does not exist. */
static int
load_one(const char *name, struct state_runtime *out, int *found,
    struct mpd_err *e)
{
	char *path = meta_path(name), *buf;
	size_t len;
	int rc;

	memset(out, 0, sizeof *out);
	*found = 0;
	if (path == NULL)
		return mpd_err_set(e, MPD_ERR_IO, "out of memory");
	rc = state_store_read(path, JSONFILE_MAX_BYTES, RUNTIME_HINT, &buf, &len,
	    e);
	if (rc == 0 && buf != NULL) {
		*found = 1;
		rc = state_runtimes_parse(path, name, buf, len, out, e);
	}
	free(buf);
	free(path);
	return rc;
}

static int
bad_name(const char *name, struct mpd_err *e)
{
	char q[80];

	return mpd_err_set(e, MPD_ERR_INPUT, "runtime name '%s' cannot be "
	    "stored: use 1-255 characters without '/', control characters or a "
	    "leading '.'", mpd_printable(name, q, sizeof q));
}

static int
not_found(const char *name, struct mpd_err *e)
{
	char q[80];

	return mpd_err_set(e, MPD_ERR_NOTFOUND, "runtime '%s' is not "
	    "registered (no %s/%s/meta.json)", mpd_printable(name, q,
	    sizeof q), mpd_path(MPD_PATH_RUNTIMES_DIR), q);
}

int
state_runtimes_get(const char *name, struct state_runtime *out,
    struct mpd_err *e)
{
	int found;

	memset(out, 0, sizeof *out);
	if (!runtime_name_ok(name))
		return bad_name(name, e);
	if (load_one(name, out, &found, e) != 0)
		return -1;
	if (!found)
		return not_found(name, e);
	return 0;
}

int
state_runtimes_load(struct state_runtime_list *out, struct mpd_err *e)
{
	const char *dir = mpd_path(MPD_PATH_RUNTIMES_DIR);
	struct state_runtime_list l = { NULL, 0 };
	struct dirent *ent;
	size_t cap = 0;
	DIR *d;
	int rc = -1;

	out->items = NULL;
	out->n = 0;
	d = opendir(dir);
	if (d == NULL) {
		if (errno == ENOENT)
			return 0;
		return mpd_err_set(e, MPD_ERR_IO, "cannot read %s: %s", dir,
		    strerror(errno));
	}
	while ((ent = readdir(d)) != NULL) {
		struct state_runtime r;
		struct stat st;
		char sub[4096];
		int found;

		if (!runtime_name_ok(ent->d_name))
			continue;
		snprintf(sub, sizeof sub, "%s/%s", dir, ent->d_name);
		if (stat(sub, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		if (load_one(ent->d_name, &r, &found, e) != 0)
			goto done;
		if (!found)
			continue;
		if (l.n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			struct state_runtime *ni = realloc(l.items,
			    ncap * sizeof *ni);

			if (ni == NULL) {
				state_runtime_free(&r);
				mpd_err_set(e, MPD_ERR_IO, "out of memory");
				goto done;
			}
			l.items = ni;
			cap = ncap;
		}
		l.items[l.n++] = r;
	}
	if (l.n > 1)
		qsort(l.items, l.n, sizeof *l.items, cmp_runtime);
	*out = l;
	l.items = NULL;
	l.n = 0;
	rc = 0;
done:
	closedir(d);
	state_runtime_list_free(&l);
	return rc;
}

/* ---- writing --------------------------------------------------------- */

static int
runtime_save(const struct state_runtime *r, struct mpd_err *e)
{
	struct json_object *o = json_object_new_object();
	char *path = meta_path(r->name);
	int rc = -1;

	if (o == NULL || path == NULL ||
	    jsonfile_add_string(o, "ip", r->ip) != 0 ||
	    jsonfile_add_string(o, "name", r->name) != 0 ||
	    jsonfile_add_string(o, "runtime", r->runtime) != 0 ||
	    (r->requested != STATE_RUNTIME_REQUESTED_UNSET &&
	    jsonfile_add_string(o, "requested",
	    state_runtime_requested_name(r->requested)) != 0))
		mpd_err_set(e, MPD_ERR_IO, "out of memory");
	else
		rc = jsonfile_write(path, o, STATE_FILE_MODE, e);
	json_object_put(o);
	free(path);
	return rc;
}

static int
runtime_check(const struct state_runtime *r, struct mpd_err *e)
{
	char q[80];

	if (!runtime_name_ok(r->name))
		return bad_name(r->name, e);
	if (!ipv4_ok(r->ip))
		return mpd_err_set(e, MPD_ERR_INPUT, "runtime '%s': '%s' is not "
		    "an IPv4 address", r->name, mpd_printable(r->ip, q,
		    sizeof q));
	if (r->runtime == NULL || *r->runtime == '\0' ||
	    !state_store_text_ok(r->runtime))
		return mpd_err_set(e, MPD_ERR_INPUT, "runtime '%s': the runtime "
		    "definition must be a non-empty string without control "
		    "characters", r->name);
	if ((unsigned)r->requested > STATE_RUNTIME_REQUESTED_RUNNING)
		return mpd_err_set(e, MPD_ERR_INPUT, "runtime '%s': requested "
		    "state %d is not one of unset, stopped, running", r->name,
		    (int)r->requested);
	return 0;
}

int
state_runtimes_upsert(const struct state_runtime *r, struct mpd_err *e)
{
	struct state_runtime old;
	int found, rc = -1;

	if (r == NULL)
		return mpd_err_set(e, MPD_ERR_INPUT, "no runtime record");
	if (runtime_check(r, e) != 0)
		return -1;
	if (state_lock_acquire(e) != 0)
		return -1;
	/* a broken file is never replaced */
	if (load_one(r->name, &old, &found, e) == 0) {
		state_runtime_free(&old);
		rc = runtime_save(r, e);
	}
	state_lock_release();
	return rc;
}

int
state_runtimes_set_requested(const char *name, enum state_runtime_requested r,
    struct mpd_err *e)
{
	struct state_runtime cur;
	int found, rc = -1;

	if (!runtime_name_ok(name))
		return bad_name(name, e);
	if ((unsigned)r > STATE_RUNTIME_REQUESTED_RUNNING)
		return mpd_err_set(e, MPD_ERR_INPUT, "requested state %d is not "
		    "one of unset, stopped, running", (int)r);
	if (state_lock_acquire(e) != 0)
		return -1;
	if (load_one(name, &cur, &found, e) == 0) {
		if (!found)
			not_found(name, e);
		else {
			cur.requested = r;
			rc = runtime_save(&cur, e);
		}
		state_runtime_free(&cur);
	}
	state_lock_release();
	return rc;
}

int
state_runtimes_delete(const char *name, struct mpd_err *e)
{
	struct state_runtime cur;
	char *path, *dir;
	int found, rc = -1;

	if (!runtime_name_ok(name))
		return bad_name(name, e);
	path = meta_path(name);
	dir = mpd_path_join(MPD_PATH_RUNTIMES_DIR, name);
	if (path == NULL || dir == NULL) {
		free(path);
		free(dir);
		return mpd_err_set(e, MPD_ERR_IO, "out of memory");
	}
	if (state_lock_acquire(e) != 0)
		goto out;
	if (load_one(name, &cur, &found, e) == 0) {
		state_runtime_free(&cur);
		if (!found)
			not_found(name, e);
		else if (state_store_remove(path, e) == 0) {
			rc = 0;
			/* other files there are not ours to remove */
			if (rmdir(dir) != 0)
				mpd_debug("keeping %s: %s", dir, strerror(errno));
		}
	}
	state_lock_release();
out:
	free(path);
	free(dir);
	return rc;
}
