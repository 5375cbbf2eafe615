/* runtime_cmds.c - the runtime verbs and `mpd list runtimes` (see
 * projects.h). */
#include "projects.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "project_session.h"
#include "state_current.h"
#include "state_projects.h"
#include "state_runtimes.h"

static const char *
state_word(enum mpd_container_state st)
{
	return st == MPD_CONTAINER_RUNNING ? "running" :
	    st == MPD_CONTAINER_STOPPED ? "stopped" : "missing";
}

/* The requested word of a registered runtime, "-" when not registered. */
static const char *
requested_of(const char *name)
{
	struct state_runtime r;
	struct mpd_err e = { .code = MPD_ERR_NONE };
	const char *w = "-";

	if (state_runtimes_get(name, &r, &e) == 0) {
		w = r.requested == STATE_RUNTIME_REQUESTED_RUNNING ? "running" :
		    r.requested == STATE_RUNTIME_REQUESTED_STOPPED ? "stopped" :
		    "created";
		state_runtime_free(&r);
	}
	return w;
}

static size_t
count_projects(const struct state_project_list *pl, const char *rt)
{
	size_t n = 0;

	for (size_t i = 0; i < pl->n; i++)
		if (strcmp(pl->items[i].runtime_name, rt) == 0)
			n++;
	return n;
}

int
runtime_cmd_create(const char *rt, const struct project_opts *o,
		   struct mpd_err *e)
{
	struct project_session s;
	const struct runtime_def *d;
	bool changed = false;
	int rc = -1;

	if (session_open(&s, o->json, e) != 0 ||
	    (d = session_runtime(&s, rt, e)) == NULL ||
	    runtime_ensure(&s.l, d, &changed, e) != 0)
		goto out;
	if (!changed && !o->json)
		printf("Runtime '%s' already exists (running): ssh %s\n", rt,
		    d->dns);
	else if (o->json)
		printf("{\"runtime\":\"%s\",\"ip\":\"%s\",\"changed\":%s}\n", rt,
		    d->desc.ip, changed ? "true" : "false");
	rc = 0;
out:
	session_close(&s, true);
	return rc;
}

int
runtime_cmd_start(const char *rt, const struct project_opts *o,
		  struct mpd_err *e)
{
	struct project_session s;
	const struct runtime_def *d;
	struct state_runtime r;
	int rc = -1;

	if (session_open(&s, o->json, e) != 0 ||
	    (d = session_runtime(&s, rt, e)) == NULL)
		goto out;
	if (state_runtimes_get(rt, &r, e) != 0) {
		if (e->code == MPD_ERR_NOTFOUND)
			mpd_err_set(e, MPD_ERR_NOTFOUND,
			    "runtime '%s' is not created: mpd "
			    "--runtime-create=%s", rt, rt);
		goto out;
	}
	state_runtime_free(&r);
	if (runtime_ensure(&s.l, d, NULL, e) != 0)
		goto out;
	if (!o->json)
		printf("\xe2\x9c\x93 Runtime '%s' is running: ssh %s\n", rt,
		    d->dns);
	rc = 0;
out:
	session_close(&s, true);
	return rc;
}

int
runtime_cmd_stop(const char *rt, const struct project_opts *o,
		 struct mpd_err *e)
{
	struct project_session s;
	const struct runtime_def *d;
	int rc = -1;

	if (session_open(&s, o->json, e) != 0 ||
	    (d = session_runtime(&s, rt, e)) == NULL ||
	    runtime_stop(&s.l, d, e) != 0)
		goto out;
	if (!o->json)
		printf("\xe2\x9c\x93 Runtime '%s' stopped (its projects keep "
		    "their requested state; mpd --runtime-start=%s brings "
		    "them back).\n", rt, rt);
	rc = 0;
out:
	session_close(&s, true);
	return rc;
}

int
runtime_cmd_delete(const char *rt, const struct project_opts *o,
		   struct mpd_err *e)
{
	struct project_session s;
	struct state_project_list pl;
	const struct runtime_def *d;
	char q[128];
	int rc = -1;

	memset(&pl, 0, sizeof pl);
	if (session_open(&s, o->json, e) != 0 ||
	    (d = session_runtime(&s, rt, e)) == NULL ||
	    state_projects_load(&pl, e) != 0)
		goto out;
	if (!o->json) {
		printf("Runtime: %s (%s)\nProjects on it (they stay registered "
		    "and keep their files on the data volume):", rt,
		    d->desc.ip);
		if (count_projects(&pl, rt) == 0)
			printf(" none");
		for (size_t i = 0; i < pl.n; i++)
			if (strcmp(pl.items[i].runtime_name, rt) == 0)
				printf(" %s", pl.items[i].name);
		printf("\nLost: everything inside the runtime's container, "
		    "/home/%s among it (shell history, IDE settings, "
		    "~/.local/bin).\nKept: /srv (projects, data), "
		    "/var/lib/mpd/env/mpd-vm.env, /var/lib/mpd/skel/.\n",
		    s.l.ctx.vm.user);
	}
	snprintf(q, sizeof q, "Remove runtime '%s' and all its containers?", rt);
	if (!o->yes && !project_confirm(q, e))
		goto out;
	if (runtime_delete(&s.l, d, e) != 0)
		goto out;
	if (!o->json)
		printf("\xe2\x9c\x93 Runtime '%s' deleted.\n", rt);
	rc = 0;
out:
	state_project_list_free(&pl);
	session_close(&s, true);
	return rc;
}

static struct json_object *
runtime_obj(const struct project_session *s, const struct runtime_def *d,
	    const struct state_project_list *pl)
{
	struct json_object *o = json_object_new_object(), *projects;

	json_object_object_add(o, "name", json_object_new_string(d->name));
	json_object_object_add(o, "requested",
	    json_object_new_string(requested_of(d->name)));
	json_object_object_add(o, "current",
	    json_object_new_string(state_word(runtime_state(&s->l, d))));
	json_object_object_add(o, "ip", json_object_new_string(d->desc.ip));
	json_object_object_add(o, "dns", json_object_new_string(d->dns));
	json_object_object_add(o, "pod", json_object_new_string(d->pod));
	projects = json_object_new_array();
	for (size_t i = 0; i < pl->n; i++)
		if (strcmp(pl->items[i].runtime_name, d->name) == 0)
			json_object_array_add(projects,
			    json_object_new_string(pl->items[i].name));
	json_object_object_add(o, "projects", projects);
	{
		struct json_object *prov = json_object_new_array();

		for (const char *const *p = d->desc.provides; p && *p; p++)
			json_object_array_add(prov, json_object_new_string(*p));
		json_object_object_add(o, "provides", prov);
	}
	return o;
}

int
runtime_cmd_show(const char *rt, const struct project_opts *o,
		 struct mpd_err *e)
{
	struct project_session s;
	struct state_project_list pl;
	const struct runtime_def *d;
	int rc = -1;

	memset(&pl, 0, sizeof pl);
	if (session_open(&s, o->json, e) != 0 ||
	    (d = session_runtime(&s, rt, e)) == NULL ||
	    state_projects_load(&pl, e) != 0)
		goto out;
	if (o->json) {
		struct json_object *j = runtime_obj(&s, d, &pl);

		session_print_json(j);
	} else {
		printf("Name:       %s\nIP:         %s\nSSH:        ssh %s\n"
		    "Pod:        %s\nRequested:  %s\nCurrent:    %s\n", d->name,
		    d->desc.ip, d->dns, d->pod, requested_of(d->name),
		    state_word(runtime_state(&s.l, d)));
		for (const char *const *p = d->desc.provides; p && *p; p++)
			printf("Provides:   %s\n", *p);
		printf("Projects:  ");
		if (count_projects(&pl, rt) == 0)
			printf(" none");
		printf("\n");
		for (size_t i = 0; i < pl.n; i++) {
			const struct state_project *p = &pl.items[i];

			if (strcmp(p->runtime_name, rt) != 0)
				continue;
			printf("  %-16s %-15s %-8s %s\n", p->name,
			    state_requested_name(p->requested), p->type,
			    p->n_urls ? p->urls[0].url : "-");
		}
	}
	rc = 0;
out:
	state_project_list_free(&pl);
	session_close(&s, false);
	return rc;
}

int
runtimes_list(const struct project_opts *o, struct mpd_err *e)
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

		for (size_t i = 0; i < s.rs.n; i++)
			json_object_array_add(arr, runtime_obj(&s, &s.rs.v[i],
			    &pl));
		json_object_object_add(root, "runtimes", arr);
		session_print_json(root);
	} else {
		printf("%-8s %-10s %-8s %-14s %-26s %s\n", "NAME", "REQUESTED",
		    "CURRENT", "IP", "DNS", "PROJECTS");
		for (size_t i = 0; i < s.rs.n; i++) {
			const struct runtime_def *d = &s.rs.v[i];
			const char *req = requested_of(d->name);

			printf("%-8s %-10s %-8s %-14s %-26s %zu\n", d->name,
			    strcmp(req, "-") == 0 ? "available" : req,
			    state_word(runtime_state(&s.l, d)), d->desc.ip,
			    d->dns, count_projects(&pl, d->name));
		}
	}
	rc = 0;
out:
	state_project_list_free(&pl);
	session_close(&s, false);
	return rc;
}
