/* db_cmds.c - the DB verbs (--db-create / -start / -stop / -delete) and
 * `mpd list dbs` (see projects.h, docs/DATABASES.md). */
#include "projects.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "databases.h"
#include "podman_names.h"
#include "project_session.h"
#include "state_projects.h"

static const char *
action_word(enum db_action a)
{
	switch (a) {
	case DB_KEPT:		return "already running";
	case DB_STARTED:	return "started";
	case DB_CREATED:	return "created";
	case DB_RECREATED:	return "recreated";
	}
	return "?";
}

/* --db-create (any state) and --db-start (the container must exist): both
 * ensure the DB and say what they did. */
static int
db_cmd_ensure(const char *spec, bool must_exist, const struct project_opts *o,
	      struct mpd_err *e)
{
	struct project_session s;
	struct mpd_db_tag tag;
	enum db_action did = DB_KEPT;
	int rc = -1;

	if (database_resolve(spec, &tag, e) != 0)
		return -1;
	if (session_open(&s, o->json, e) != 0)
		goto out;
	if (must_exist && podman_ps_find(&s.l.ps, tag.container) == NULL) {
		mpd_err_set(e, MPD_ERR_NOTFOUND, "database '%s' has no "
		    "container: mpd --db-create=%s:%s creates it", tag.id,
		    tag.engine, tag.version);
		goto out;
	}
	if (database_ensure(&s.l, &tag, &did, e) != 0)
		goto out;
	if (o->json)
		printf("{\"database\":\"%s\",\"action\":\"%s\"}\n", tag.id,
		    action_word(did));
	else
		printf("\xe2\x9c\x93 Database %s %s: %s (superuser %s)\n",
		    tag.id, action_word(did), tag.dns_name,
		    strcmp(tag.engine, "postgres") == 0 ? "postgres/postgres" :
		    "root/root");
	rc = 0;
out:
	session_close(&s, true);
	return rc;
}

int
db_cmd_create(const char *spec, const struct project_opts *o,
	      struct mpd_err *e)
{
	return db_cmd_ensure(spec, false, o, e);
}

int
db_cmd_start(const char *spec, const struct project_opts *o,
	     struct mpd_err *e)
{
	return db_cmd_ensure(spec, true, o, e);
}

int
db_cmd_stop(const char *spec, const struct project_opts *o,
	    struct mpd_err *e)
{
	struct project_session s;
	struct mpd_db_tag tag;
	bool was = false;
	int rc = -1;

	if (database_resolve(spec, &tag, e) != 0)
		return -1;
	if (session_open(&s, o->json, e) != 0 ||
	    database_stop(&s.l, &tag, &was, e) != 0)
		goto out;
	if (o->json)
		printf("{\"database\":\"%s\",\"stopped\":%s}\n", tag.id,
		    was ? "true" : "false");
	else if (was)
		printf("\xe2\x9c\x93 Database %s stopped.\n", tag.id);
	else
		printf("Database %s is already stopped.\n", tag.id);
	rc = 0;
out:
	session_close(&s, true);
	return rc;
}

/* The projects whose record names this DB, space-separated into buf. */
static size_t
users_of(const struct state_project_list *pl, const char *id, char *buf,
	 size_t n)
{
	size_t used = 0, count = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < pl->n; i++) {
		int w;

		if (strcmp(pl->items[i].database_id, id) != 0)
			continue;
		count++;
		w = snprintf(buf + used, n - used, "%s%s", used ? " " : "",
		    pl->items[i].name);
		if (w > 0 && (size_t)w < n - used)
			used += (size_t)w;
	}
	return count;
}

int
db_cmd_delete(const char *spec, const struct project_opts *o,
	      struct mpd_err *e)
{
	struct project_session s;
	struct state_project_list pl;
	struct mpd_db_tag tag;
	char users[512], q[160];
	bool existed = false;
	int rc = -1;

	memset(&pl, 0, sizeof pl);
	if (database_resolve(spec, &tag, e) != 0)
		return -1;
	if (session_open(&s, o->json, e) != 0 ||
	    state_projects_load(&pl, e) != 0)
		goto out;
	if (podman_ps_find(&s.l.ps, tag.container) == NULL) {
		if (database_remove(&s.l, &tag, &existed, e) != 0)
			goto out;
		if (o->json)
			printf("{\"database\":\"%s\",\"deleted\":false}\n",
			    tag.id);
		else
			printf("Database %s has no container (its data, if "
			    "any, is in %s).\n", tag.id, tag.data_dir);
		rc = 0;
		goto out;
	}
	if (!o->json) {
		size_t n = users_of(&pl, tag.id, users, sizeof users);

		printf("Database: %s (%s)\nUsed by: %s\nKept: the data in %s "
		    "(mpd --db-create=%s:%s makes the container again on "
		    "it).\n", tag.id, tag.container, n ? users : "no project",
		    tag.data_dir, tag.engine, tag.version);
	}
	snprintf(q, sizeof q, "Remove DB container '%s'?", tag.container);
	if (!o->yes && !project_confirm(q, e))
		goto out;
	if (database_remove(&s.l, &tag, &existed, e) != 0)
		goto out;
	if (o->json)
		printf("{\"database\":\"%s\",\"deleted\":true}\n", tag.id);
	else
		printf("\xe2\x9c\x93 Database container %s removed; the data "
		    "stays in %s.\n", tag.container, tag.data_dir);
	rc = 0;
out:
	state_project_list_free(&pl);
	session_close(&s, true);
	return rc;
}

static const char *
label_or(const struct podman_container *c, const char *key, const char *dflt)
{
	const char *v = podman_container_label(c, key);

	return v && *v ? v : dflt;
}

int
dbs_list(const struct project_opts *o, struct mpd_err *e)
{
	struct project_session s;
	struct state_project_list pl;
	struct json_object *arr = NULL;
	char users[512];
	int rc = -1, rows = 0;

	memset(&pl, 0, sizeof pl);
	/* read-only: `list` takes no lock, so it writes neither
	 * databases.json nor DNS (the verbs that change a DB do) */
	if (session_open(&s, o->json, e) != 0 ||
	    state_projects_load(&pl, e) != 0)
		goto out;
	if (o->json)
		arr = json_object_new_array();
	else
		printf("%-22s %-9s %-8s %-8s %-13s %-32s %s\n", "ID", "ENGINE",
		    "VERSION", "STATUS", "IP", "DNS", "PROJECTS");
	for (size_t i = 0; i < s.l.ps.n; i++) {
		const struct podman_container *c = &s.l.ps.items[i];
		struct mpd_db_tag tag;
		struct mpd_err pe = { .code = MPD_ERR_NONE };
		const char *st = c->state == MPD_CONTAINER_RUNNING ? "running" :
		    "stopped";

		if (strcmp(label_or(c, MPD_LABEL_TYPE, ""), MPD_TYPE_DB) != 0 ||
		    mpd_db_id_parse(label_or(c, MPD_LABEL_NAME, ""), &tag,
		    &pe) != 0)
			continue;
		users_of(&pl, tag.id, users, sizeof users);
		rows++;
		if (o->json) {
			struct json_object *d = json_object_new_object();
			struct json_object *pj = json_object_new_array();

			json_object_object_add(d, "databaseId",
			    json_object_new_string(tag.id));
			json_object_object_add(d, "containerName",
			    json_object_new_string(c->name));
			json_object_object_add(d, "engine",
			    json_object_new_string(tag.engine));
			json_object_object_add(d, "version",
			    json_object_new_string(tag.version));
			json_object_object_add(d, "status",
			    json_object_new_string(st));
			json_object_object_add(d, "ip", json_object_new_string(
			    label_or(c, MPD_LABEL_IP, "")));
			json_object_object_add(d, "dns",
			    json_object_new_string(tag.dns_name));
			json_object_object_add(d, "dataDir",
			    json_object_new_string(tag.data_dir));
			for (size_t j = 0; j < pl.n; j++)
				if (strcmp(pl.items[j].database_id, tag.id) == 0)
					json_object_array_add(pj,
					    json_object_new_string(
					    pl.items[j].name));
			json_object_object_add(d, "projects", pj);
			json_object_array_add(arr, d);
		} else {
			printf("%-22s %-9s %-8s %-8s %-13s %-32s %s\n", tag.id,
			    tag.engine, tag.version, st,
			    label_or(c, MPD_LABEL_IP, "-"), tag.dns_name,
			    *users ? users : "-");
		}
	}
	if (o->json) {
		struct json_object *root = json_object_new_object();

		json_object_object_add(root, "databases", arr);
		session_print_json(root);
	} else if (rows == 0) {
		printf("(no database containers: a project's MPD_DB makes one "
		    "on configure, or mpd --db-create=postgres)\n");
	}
	rc = 0;
out:
	state_project_list_free(&pl);
	session_close(&s, false);
	return rc;
}
