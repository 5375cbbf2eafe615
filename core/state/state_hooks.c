/* state_hooks.c - state/hooks-state.json (see state_hooks.h). */
#include "state_hooks.h"

#include <stdint.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "jsonfile.h"
#include "paths.h"
#include "state_lock.h"
#include "state_store.h"
#include "printable.h"
#include "sorted.h"

#define HOOKS_HINT "fix or remove the file (without it every hook event " \
	"counts as never seen)"

void
state_hooks_free(struct state_hooks *h)
{
	if (h == NULL)
		return;
	for (size_t i = 0; i < h->n; i++)
		free(h->items[i].event);
	free(h->items);
	h->items = NULL;
	h->n = 0;
}

bool
state_hooks_event_ok(const char *event)
{
	size_t n;

	if (event == NULL)
		return false;
	n = strlen(event);
	if (n == 0 || n > 128 || event[0] == '-' || event[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = event[i];

		if (c == '-' && event[i + 1] == '-')
			return false;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-'))
			return false;
	}
	return true;
}

/* Index of `event`, or where it would go (*found 0). */
static size_t
find(const struct state_hooks *h, const char *event, int *found)
{
	return mpd_sorted_find(h->items, h->n, sizeof *h->items,
	    offsetof(struct state_hook_revision, event), event, found);
}

bool
state_hooks_get(const struct state_hooks *h, const char *event, long *rev)
{
	size_t at;
	int found;

	if (h == NULL || event == NULL)
		return false;
	at = find(h, event, &found);
	if (found)
		*rev = h->items[at].revision;
	return found;
}

/* Set event -> revision, keeping the entries sorted.  0 or -1 (ENOMEM). */
static int
put(struct state_hooks *h, const char *event, long revision)
{
	struct state_hook_revision *grown;
	size_t at;
	char *copy;
	int found;

	at = find(h, event, &found);
	if (found) {
		h->items[at].revision = revision;
		return 0;
	}
	copy = strdup(event);
	if (copy == NULL)
		return -1;
	grown = realloc(h->items, (h->n + 1) * sizeof *grown);
	if (grown == NULL) {
		free(copy);
		return -1;
	}
	h->items = grown;
	memmove(&h->items[at + 1], &h->items[at], (h->n - at) * sizeof *grown);
	h->items[at].event = copy;
	h->items[at].revision = revision;
	h->n++;
	return 0;
}

int
state_hooks_parse(const char *label, const char *buf, size_t len,
    struct state_hooks *out, struct mpd_err *e)
{
	struct jsonfile_schema s = { label, HOOKS_HINT, e };
	struct json_object *top, *revs;
	char f[256], q[80];
	int rc = -1;

	out->items = NULL;
	out->n = 0;
	if (jsonfile_parse(label, HOOKS_HINT, buf, len, &top, e) != 0)
		return -1;
	if (jsonfile_expect_type(&s, top, "", json_type_object) != 0 ||
	    jsonfile_member(&s, top, "", "revisions", json_type_object, 1,
	    &revs) != 0)
		goto done;
	{
		json_object_object_foreach(revs, event, val) {
			int64_t r;

			jsonfile_field(f, sizeof f, "revisions", event);
			if (!state_hooks_event_ok(event)) {
				jsonfile_schema_error(&s, f, "'%s' is not an event "
				    "name (kebab-case, e.g. mpd-pre-stop)",
				    mpd_printable(event, q, sizeof q));
				goto done;
			}
			if (jsonfile_expect_type(&s, val, f, json_type_int) != 0)
				goto done;
			r = json_object_get_int64(val);
			if (r < 0 || r > STATE_HOOKS_REVISION_MAX) {
				jsonfile_schema_error(&s, f, "expected a whole "
				    "number from 0 to %ld", STATE_HOOKS_REVISION_MAX);
				goto done;
			}
			if (put(out, event, (long)r) != 0) {
				mpd_err_set(e, MPD_ERR_IO, "out of memory reading "
				    "%s", label);
				goto done;
			}
		}
	}
	rc = 0;
done:
	if (rc != 0)
		state_hooks_free(out);
	json_object_put(top);
	return rc;
}

int
state_hooks_load(struct state_hooks *out, struct mpd_err *e)
{
	const char *path = mpd_path(MPD_PATH_HOOKS_JSON);
	char *buf;
	size_t len;
	int rc;

	out->items = NULL;
	out->n = 0;
	if (state_store_read(path, JSONFILE_MAX_BYTES, HOOKS_HINT, &buf, &len,
	    e) != 0)
		return -1;
	if (buf == NULL)
		return 0;
	rc = state_hooks_parse(path, buf, len, out, e);
	free(buf);
	return rc;
}

static int
hooks_save(const struct state_hooks *h, struct mpd_err *e)
{
	const char *path = mpd_path(MPD_PATH_HOOKS_JSON);
	struct json_object *top = json_object_new_object();
	struct json_object *revs = json_object_new_object();
	int rc;

	if (top == NULL || revs == NULL ||
	    json_object_object_add(top, "revisions", revs) != 0) {
		json_object_put(revs);
		json_object_put(top);
		return mpd_err_set(e, MPD_ERR_IO, "out of memory writing %s", path);
	}
	for (size_t i = 0; i < h->n; i++) {
		struct json_object *v = json_object_new_int64(h->items[i].revision);

		if (v == NULL || json_object_object_add(revs, h->items[i].event,
		    v) != 0) {
			json_object_put(v);
			json_object_put(top);
			return mpd_err_set(e, MPD_ERR_IO, "out of memory writing "
			    "%s", path);
		}
	}
	rc = jsonfile_write(path, top, STATE_FILE_MODE, e);
	json_object_put(top);
	return rc;
}

int
state_hooks_mark_revision(const char *event, long revision, struct mpd_err *e)
{
	struct state_hooks h;
	char q[80];
	int rc = -1;

	if (!state_hooks_event_ok(event))
		return mpd_err_set(e, MPD_ERR_INPUT, "'%s' is not a hook event "
		    "name: use kebab-case such as mpd-pre-stop",
		    mpd_printable(event, q, sizeof q));
	if (revision < 0 || revision > STATE_HOOKS_REVISION_MAX)
		return mpd_err_set(e, MPD_ERR_INPUT, "hook revision %ld for %s "
		    "is out of range (0 to %ld)", revision, event,
		    STATE_HOOKS_REVISION_MAX);
	if (state_lock_acquire(e) != 0)
		return -1;
	if (state_hooks_load(&h, e) == 0) {
		if (put(&h, event, revision) != 0)
			mpd_err_set(e, MPD_ERR_IO, "out of memory");
		else
			rc = hooks_save(&h, e);
		state_hooks_free(&h);
	}
	state_lock_release();
	return rc;
}
