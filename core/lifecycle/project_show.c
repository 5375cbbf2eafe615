/* project_show.c - `mpd show <p>` and `mpd list projects` (see projects.h).
 * Read-only: one `podman ps`, and for show of a project whose runtime
 * runs, one exec that reads its effective.json. */
#include "projects.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "project_session.h"
#include "state_current.h"
#include "state_projects.h"

static enum state_current
current_of(const struct project_session *s, const struct state_project *p)
{
	const struct runtime_def *d = runtimes_find(&s->rs, p->runtime_name);
	enum mpd_container_state st = d ? runtime_state(&s->l, d) :
	    MPD_CONTAINER_MISSING;
	enum state_current rt = st == MPD_CONTAINER_RUNNING ?
	    STATE_CURRENT_RUNNING : st == MPD_CONTAINER_STOPPED ?
	    STATE_CURRENT_STOPPED : STATE_CURRENT_MISSING;

	return state_current_of_project(p, rt);
}

static struct json_object *
urls_json(const struct state_project *p)
{
	struct json_object *a = json_object_new_array();

	for (size_t i = 0; a && i < p->n_urls; i++) {
		struct json_object *u = json_tokener_parse(p->urls[i].json);

		if (u != NULL)
			json_object_array_add(a, u);
	}
	return a;
}

static struct json_object *
project_obj(const struct project_session *s, const struct state_project *p)
{
	struct json_object *o = json_object_new_object();

	if (o == NULL)
		return NULL;
	json_object_object_add(o, "name", json_object_new_string(p->name));
	json_object_object_add(o, "type", json_object_new_string(p->type));
	json_object_object_add(o, "runtime",
	    json_object_new_string(p->runtime_name));
	json_object_object_add(o, "requested",
	    json_object_new_string(state_requested_name(p->requested)));
	json_object_object_add(o, "current",
	    json_object_new_string(state_current_name(current_of(s, p))));
	{
		char dir[300];

		snprintf(dir, sizeof dir, "/srv/projects/%s", p->name);
		json_object_object_add(o, "directory",
		    json_object_new_string(dir));
	}
	json_object_object_add(o, "urls", urls_json(p));
	return o;
}

/* The project's effective.json from its running runtime, or NULL. */
static struct json_object *
effective(struct project_session *s, const struct state_project *p)
{
	const struct runtime_def *d = runtimes_find(&s->rs, p->runtime_name);
	struct mpd_exec_result r;
	struct mpd_err e = { .code = MPD_ERR_NONE };
	struct json_object *j = NULL;
	char path[300];
	const char *argv[] = { "cat", path, NULL };

	if (d == NULL || runtime_state(&s->l, d) != MPD_CONTAINER_RUNNING)
		return NULL;
	snprintf(path, sizeof path, "/srv/meta/%s/effective.json", p->name);
	if (runtime_exec(&s->l, d, NULL, argv, NULL, NULL, 10000, &r, &e) == 0 &&
	    r.exit_status == 0 && r.out != NULL)
		j = json_tokener_parse(r.out);
	runtime_exec_free(&r);
	if (j != NULL && !json_object_is_type(j, json_type_object)) {
		json_object_put(j);
		j = NULL;
	}
	return j;
}

int
project_show(const char *name, const struct project_opts *o,
	     struct mpd_err *e)
{
	struct project_session s;
	struct state_project p;
	struct json_object *eff = NULL;
	const struct runtime_def *d;
	int rc = -1;

	memset(&p, 0, sizeof p);
	if (session_open(&s, o->json, e) != 0)
		goto out;
	if (state_projects_get(name, &p, e) != 0) {
		if (e->code == MPD_ERR_NOTFOUND)
			mpd_err_set(e, MPD_ERR_NOTFOUND,
			    "project '%s' not found: create it with mpd create "
			    "%s", name, name);
		goto out;
	}
	d = runtimes_find(&s.rs, p.runtime_name);
	eff = effective(&s, &p);
	if (o->json) {
		struct json_object *j = project_obj(&s, &p);

		json_object_object_add(j, "settings",
		    eff ? json_object_get(eff) : json_object_new_object());
		if (d != NULL)
			json_object_object_add(j, "ssh",
			    json_object_new_string(d->dns));
		session_print_json(j);
	} else {
		printf("Project:    %s\nType:       %s\nRuntime:    %s%s\n"
		    "Requested:  %s\nCurrent:    %s\nDirectory:  "
		    "/srv/projects/%s\n", p.name, p.type,
		    p.runtime_name[0] ? p.runtime_name : "-",
		    d == NULL && p.runtime_name[0] ? " (no such runtime plugin)"
		    : "", state_requested_name(p.requested),
		    state_current_name(current_of(&s, &p)), p.name);
		if (d != NULL)
			printf("SSH:        ssh %s   (cd /srv/projects/%s)\n",
			    d->dns, p.name);
		for (size_t i = 0; i < p.n_urls; i++)
			printf("%-11s %s\n", i == 0 ? "URLs:" : "",
			    p.urls[i].url);
		if (eff != NULL) {
			printf("Settings:\n");
			json_object_object_foreach(eff, k, v)
				printf("  %-14s %s\n", k,
				    json_object_is_type(v, json_type_string) ?
				    json_object_get_string(v) :
				    json_object_to_json_string(v));
		}
		if (p.requested == STATE_REQUESTED_NOT_CONFIGURED)
			printf("Next:       mpd configure %s\n", p.name);
		else if (p.requested == STATE_REQUESTED_STOPPED)
			printf("Next:       mpd start %s\n", p.name);
	}
	rc = 0;
out:
	json_object_put(eff);
	state_project_free(&p);
	session_close(&s, false);
	return rc;
}

int
projects_list(const struct project_opts *o, struct mpd_err *e)
{
	struct project_session s;
	struct state_project_list pl;
	int rc = -1;

	memset(&pl, 0, sizeof pl);
	if (session_open(&s, o->json, e) != 0 ||
	    state_projects_load(&pl, e) != 0)
		goto out;
	if (o->json) {
		struct json_object *root = json_object_new_object();
		struct json_object *arr = json_object_new_array();

		for (size_t i = 0; i < pl.n; i++)
			json_object_array_add(arr, project_obj(&s, &pl.items[i]));
		json_object_object_add(root, "projects", arr);
		session_print_json(root);
	} else if (pl.n == 0) {
		printf("No projects yet: mpd create <name>\n");
	} else {
		printf("%-16s %-15s %-8s %-8s %-8s %s\n", "PROJECT",
		    "REQUESTED", "CURRENT", "TYPE", "RUNTIME", "URL");
		for (size_t i = 0; i < pl.n; i++) {
			const struct state_project *p = &pl.items[i];

			printf("%-16s %-15s %-8s %-8s %-8s %s\n", p->name,
			    state_requested_name(p->requested),
			    state_current_name(current_of(&s, p)), p->type,
			    p->runtime_name[0] ? p->runtime_name : "-",
			    p->n_urls ? p->urls[0].url : "-");
		}
	}
	rc = 0;
out:
	state_project_list_free(&pl);
	session_close(&s, false);
	return rc;
}
