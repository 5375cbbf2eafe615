/* project_session.c - open and close a verb (see project_session.h). */
#include "project_session.h"

#include <stdio.h>
#include <string.h>

#include "log.h"

int
session_open(struct project_session *s, bool json, struct mpd_err *e)
{
	const struct lifecycle_opts o = { .json = json };

	memset(s, 0, sizeof *s);
	if (lc_require_setup(e) != 0 || lc_open(&s->l, &o, e) != 0)
		return -1;
	s->open = true;
	if (lc_ca(&s->l, NULL, e) != 0 ||
	    runtimes_describe(&s->l, &s->rs, e) != 0 ||
	    lc_ps_refresh(&s->l, e) != 0)
		return -1;
	return 0;
}

void
session_close(struct project_session *s, bool changed)
{
	if (s->open && changed) {
		struct mpd_err e = { .code = MPD_ERR_NONE };

		if (lc_refresh_current(&s->l, &e) != 0)
			mpd_warn("current-state.json: %s", e.msg);
	}
	runtimes_free(&s->rs);
	if (s->open)
		lc_close(&s->l);
	s->open = false;
}

const struct runtime_def *
session_runtime(struct project_session *s, const char *name, struct mpd_err *e)
{
	const struct runtime_def *d = runtimes_find(&s->rs, name);
	char names[256];
	size_t used = 0;

	if (d != NULL)
		return d;
	names[0] = '\0';
	for (size_t i = 0; i < s->rs.n && used < sizeof names; i++)
		used += (size_t)snprintf(names + used, sizeof names - used,
		    "%s%s", i ? ", " : "", s->rs.v[i].name);
	mpd_err_set(e, MPD_ERR_NOTFOUND,
	    "no runtime '%s': the runtimes are %s (a runtime is a plugin: "
	    "see docs/PLUGINS.md)", name, names[0] ? names : "(none loaded)");
	return NULL;
}

int
session_project(const char *name, struct state_project *out,
		struct mpd_err *e)
{
	if (state_projects_get(name, out, e) == 0)
		return 0;
	if (e->code == MPD_ERR_NOTFOUND)
		mpd_err_set(e, MPD_ERR_NOTFOUND,
		    "project '%s' not found: create it first: mpd create %s",
		    name, name);
	return -1;
}

void
session_print_json(struct json_object *o)
{
	printf("%s\n", json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}
