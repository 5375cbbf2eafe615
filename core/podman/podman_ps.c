/* podman_ps.c - parse `podman ps --format json` (see podman_ps.h). */
#include "podman_ps.h"

#include <json-c/json.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool
blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

static void
container_free(struct podman_container *c)
{
	free(c->name);
	free(c->id);
	free(c->image);
	free(c->pod_id);
	free(c->state_text);
	for (size_t i = 0; i < c->n_labels; i++) {
		free(c->labels[i].key);
		free(c->labels[i].value);
	}
	free(c->labels);
	memset(c, 0, sizeof *c);
}

void
podman_ps_free(struct podman_ps_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++)
		container_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

enum mpd_container_state
podman_state_from_text(const char *s)
{
	return (s != NULL && strcmp(s, "running") == 0) ?
	    MPD_CONTAINER_RUNNING : MPD_CONTAINER_STOPPED;
}

/* A string member as a malloc'ed copy; "" when absent or null.  NULL only
 * on ENOMEM. */
static char *
member_string(json_object *o, const char *key)
{
	json_object *v;
	const char *s = "";

	if (json_object_object_get_ex(o, key, &v) && v != NULL)
		s = json_object_get_string(v);
	return strdup(s ? s : "");
}

/* Names: ["a", ...] (podman 4) or "a" (older and docker-compatible). */
static const char *
first_name(json_object *o)
{
	json_object *v;

	if (!json_object_object_get_ex(o, "Names", &v) || v == NULL)
		return NULL;
	if (json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	if (json_object_is_type(v, json_type_array) &&
	    json_object_array_length(v) > 0) {
		json_object *n = json_object_array_get_idx(v, 0);

		if (n != NULL && json_object_is_type(n, json_type_string))
			return json_object_get_string(n);
	}
	return NULL;
}

static int64_t
member_created(json_object *o)
{
	json_object *v;

	if (!json_object_object_get_ex(o, "Created", &v) || v == NULL)
		return 0;
	if (json_object_is_type(v, json_type_int))
		return json_object_get_int64(v);
	if (json_object_is_type(v, json_type_string)) {
		char *end;
		long long n = strtoll(json_object_get_string(v), &end, 10);

		return *end == '\0' ? (int64_t)n : 0;
	}
	return 0;
}

/* Labels: an object of strings, or null/absent.  -1 on ENOMEM or a shape
 * that is neither. */
static int
parse_labels(json_object *o, struct podman_container *c, size_t idx,
	     struct mpd_err *e)
{
	json_object *v;
	size_t n, i = 0;

	if (!json_object_object_get_ex(o, "Labels", &v) || v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_object))
		return mpd_err_set(e, MPD_ERR_CORRUPT,
		    "podman ps output: container %zu ('%s') has Labels that "
		    "are not an object", idx, c->name);
	n = (size_t)json_object_object_length(v);
	if (n == 0)
		return 0;
	c->labels = calloc(n, sizeof *c->labels);
	if (c->labels == NULL)
		goto oom;
	json_object_object_foreach(v, key, val) {
		const char *s = val ? json_object_get_string(val) : "";

		if (i >= n)
			break;
		c->labels[i].key = strdup(key);
		c->labels[i].value = strdup(s ? s : "");
		c->n_labels = ++i;
		if (c->labels[i - 1].key == NULL ||
		    c->labels[i - 1].value == NULL)
			goto oom;
	}
	return 0;
oom:
	return mpd_err_set(e, MPD_ERR_FAIL,
			   "podman ps output: out of memory");
}

static int
parse_item(json_object *o, size_t idx, struct podman_container *c,
	   struct mpd_err *e)
{
	const char *name;
	json_object *st;

	if (!json_object_is_type(o, json_type_object))
		return mpd_err_set(e, MPD_ERR_CORRUPT,
		    "podman ps output: entry %zu is not an object", idx);
	name = first_name(o);
	if (name == NULL || *name == '\0')
		return mpd_err_set(e, MPD_ERR_CORRUPT,
		    "podman ps output: entry %zu has no name (Names)", idx);
	c->name = strdup(name);
	c->id = member_string(o, "Id");
	c->image = member_string(o, "Image");
	c->pod_id = member_string(o, "Pod");
	if (json_object_object_get_ex(o, "IsInfra", &st) && st != NULL)
		c->is_infra = json_object_get_boolean(st) ? 1 : 0;
	if (json_object_object_get_ex(o, "State", &st) && st != NULL &&
	    json_object_is_type(st, json_type_string))
		c->state_text = strdup(json_object_get_string(st));
	else
		c->state_text = strdup("unknown");
	if (c->name == NULL || c->id == NULL || c->image == NULL ||
	    c->pod_id == NULL || c->state_text == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL,
				   "podman ps output: out of memory");
	c->state = podman_state_from_text(c->state_text);
	c->created = member_created(o);
	return parse_labels(o, c, idx, e);
}

int
podman_ps_parse(const char *json, size_t len, struct podman_ps_list *out,
		struct mpd_err *e)
{
	json_tokener *tok;
	json_object *root;
	enum json_tokener_error jerr;
	size_t end, n;

	out->items = NULL;
	out->n = 0;
	if (json == NULL || blank(json, len))
		return 0;
	if (len > INT_MAX)
		return mpd_err_set(e, MPD_ERR_CORRUPT,
		    "podman ps output is too large (%zu bytes)", len);
	tok = json_tokener_new();
	if (tok == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL,
				   "podman ps output: out of memory");
	root = json_tokener_parse_ex(tok, json, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	if (jerr == json_tokener_continue) {
		/* all consumed; a top-level literal or number ends only at a
		 * delimiter, so give it one */
		root = json_tokener_parse_ex(tok, " ", 1);
		jerr = json_tokener_get_error(tok);
		end = len;
	}
	json_tokener_free(tok);
	if (jerr != json_tokener_success || !blank(json + end, len - end)) {
		json_object_put(root);
		return mpd_err_set(e, MPD_ERR_CORRUPT,
		    "podman ps output is not JSON (%s at byte %zu): run "
		    "'podman ps -a --format json' to see what podman says",
		    jerr == json_tokener_continue ? "unexpected end" :
		    jerr != json_tokener_success ?
		    json_tokener_error_desc(jerr) : "trailing text", end);
	}
	if (root == NULL)	/* "null" */
		return 0;
	if (!json_object_is_type(root, json_type_array)) {
		json_object_put(root);
		return mpd_err_set(e, MPD_ERR_CORRUPT,
		    "podman ps output is not a JSON array of containers");
	}
	n = json_object_array_length(root);
	if (n > 0) {
		out->items = calloc(n, sizeof *out->items);
		if (out->items == NULL) {
			json_object_put(root);
			return mpd_err_set(e, MPD_ERR_FAIL,
					   "podman ps output: out of memory");
		}
	}
	for (size_t i = 0; i < n; i++) {
		out->n = i + 1;
		if (parse_item(json_object_array_get_idx(root, i), i,
			       &out->items[i], e) != 0) {
			podman_ps_free(out);
			json_object_put(root);
			return -1;
		}
	}
	json_object_put(root);
	return 0;
}

const struct podman_container *
podman_ps_find(const struct podman_ps_list *l, const char *name)
{
	if (l == NULL || name == NULL)
		return NULL;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].name, name) == 0)
			return &l->items[i];
	return NULL;
}

const char *
podman_container_label(const struct podman_container *c, const char *key)
{
	if (c == NULL || key == NULL)
		return NULL;
	for (size_t i = 0; i < c->n_labels; i++)
		if (strcmp(c->labels[i].key, key) == 0)
			return c->labels[i].value;
	return NULL;
}
