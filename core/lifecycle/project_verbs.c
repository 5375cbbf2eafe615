/* project_verbs.c - create, configure, start, stop, delete (see
 * projects.h). */
#include "projects.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "certs_store.h"
#include "log.h"
#include "names.h"
#include "project_db.h"
#include "project_exec.h"
#include "project_hooks.h"
#include "project_restore.h"
#include "project_session.h"
#include "project_view.h"
#include "sidecars.h"
#include "state_projects.h"
#include "strv.h"

#define PHP_VERSION_KEY	"MPD_PHP_VERSION"

bool
project_confirm(const char *question, struct mpd_err *e)
{
	char buf[16];

	if (!isatty(STDIN_FILENO)) {
		mpd_err_set(e, MPD_ERR_USAGE,
		    "%s: not asked without a terminal; add --yes", question);
		return false;
	}
	printf("%s [y/N] ", question);
	fflush(stdout);
	if (fgets(buf, sizeof buf, stdin) == NULL)
		buf[0] = '\0';
	if (strcmp(buf, "y\n") == 0 || strcmp(buf, "yes\n") == 0 ||
	    strcmp(buf, "Y\n") == 0)
		return true;
	mpd_err_set(e, MPD_ERR_USAGE, "nothing was changed");
	return false;
}

/* ---- create ----------------------------------------------------------------- */

/* A create flag's value: no blank, no control character, not starting
 * with '-'. */
static int
check_flag_value(const char *flag, const char *v, struct mpd_err *e)
{
	if (v == NULL)
		return 0;
	if (*v == '\0' || *v == '-')
		goto bad;
	for (const char *c = v; *c; c++)
		if ((unsigned char)*c <= ' ' || *c == 0x7f || *c == '\'' ||
		    *c == '"' || *c == '\\' || *c == '`' || *c == '$')
			goto bad;
	return 0;
bad:
	return mpd_err_set(e, MPD_ERR_USAGE,
	    "%s='%s': give a value without blanks, quotes or '$' that does "
	    "not start with '-'", flag, v);
}

static int
check_create_opts(const struct project_opts *o, struct mpd_err *e)
{
	if (check_flag_value("--type", o->type, e) != 0 ||
	    check_flag_value("--git-repo", o->git_repo, e) != 0 ||
	    check_flag_value("--git-branch", o->git_branch, e) != 0 ||
	    check_flag_value("--git-depth", o->git_depth, e) != 0)
		return -1;
	if (o->git_depth != NULL &&
	    (strspn(o->git_depth, "0123456789") != strlen(o->git_depth) ||
	     strlen(o->git_depth) > 6 || atoi(o->git_depth) < 1))
		return mpd_err_set(e, MPD_ERR_USAGE,
		    "--git-depth='%s': a number of commits, 1 or more",
		    o->git_depth);
	if ((o->git_branch || o->git_depth) && o->git_repo == NULL)
		return mpd_err_set(e, MPD_ERR_USAGE,
		    "--git-branch and --git-depth go with --git-repo=URL");
	return 0;
}

int
project_create(const char *name, const struct project_opts *o,
	       struct mpd_err *e)
{
	struct project_session s;
	struct state_project rec;
	struct mpd_err ge = { .code = MPD_ERR_NONE };
	const struct runtime_def *d;
	const char *type;
	struct project_exec_out out;
	int rc = -1;

	if (check_create_opts(o, e) != 0)
		return -1;
	if (session_open(&s, o->json, e) != 0)
		goto out;
	if (state_projects_get(name, &rec, &ge) == 0) {
		mpd_err_set(e, MPD_ERR_FAIL,
		    "project '%s' already exists (type %s, %s): see mpd show %s",
		    name, rec.type, state_requested_name(rec.requested), name);
		state_project_free(&rec);
		goto out;
	}
	if (ge.code != MPD_ERR_NOTFOUND) {
		mpd_err_set(e, ge.code, "%s", ge.msg);
		goto out;
	}
	/* <label>.<runtime>.mpd.test is the runtime's own site (its mail
	 * inbox): a project of that name would claim the same hosts */
	for (size_t i = 0; i < s.rs.n; i++)
		if (strcmp(s.rs.v[i].name, name) == 0) {
			mpd_err_set(e, MPD_ERR_INPUT, "project name '%s' is the "
			    "name of a runtime (its sites, such as mail.%s."
			    "mpd.test, are the runtime's): choose another "
			    "name", name, name);
			goto out;
		}
	/* the type: --type, else the name when it is a type, else moodle */
	type = o->type;
	if (type == NULL)
		type = runtimes_for_type(&s.rs, name) ? name : PROJECT_DEFAULT_TYPE;
	if ((d = runtimes_for_type(&s.rs, type)) == NULL) {
		char types[256];

		runtimes_type_list(&s.rs, types, sizeof types);
		mpd_err_set(e, MPD_ERR_USAGE,
		    "unknown project type '%s': the types are %s", type,
		    types[0] ? types : "(none: no runtime plugin is loaded)");
		goto out;
	}
	if (runtime_ensure(&s.l, d, NULL, e) != 0)
		goto out;
	lc_step(&s.l, o->git_repo ? "Cloning the project" :
	    "Scaffolding the project");
	{
		const char *args[5] = { type, NULL, NULL, NULL, NULL };

		if (o->git_repo != NULL) {
			args[1] = o->git_repo;
			args[2] = o->git_branch ? o->git_branch : "-";
			args[3] = o->git_depth ? o->git_depth : "-";
		}
		if (project_exec(&s.l, d, "create", name, args, NULL, &out,
		    e) != 0)
			goto out;
	}
	rc = project_exec_check(&out, "create", name, e);
	project_exec_out_free(&out);
	if (rc != 0)
		goto out;
	rc = -1;
	memset(&rec, 0, sizeof rec);
	rec.name = (char *)name;
	rec.type = (char *)type;
	rec.runtime_name = (char *)d->name;
	rec.database_engine = rec.database_version = rec.database_id = "";
	rec.requested = STATE_REQUESTED_NOT_CONFIGURED;
	if (state_projects_upsert(&rec, e) != 0)
		goto out;
	if (o->json)
		printf("{\"project\":\"%s\",\"type\":\"%s\",\"runtime\":\"%s\","
		    "\"requested\":\"not-configured\"}\n", name, type, d->name);
	else
		printf("\xe2\x9c\x93 Project '%s' scaffolded (type %s, runtime "
		    "%s).\nEdit /srv/projects/%s/mpd.env if needed, then: mpd "
		    "configure %s\n", name, type, d->name, name, name);
	rc = 0;
out:
	session_close(&s, true);
	return rc;
}

/* ---- configure -------------------------------------------------------------- */

/* project.json for the runtime's scripts.  Caller frees. */
static char *
project_json(const char *name, const char *type, const struct runtime_def *d,
	     const struct state_project *rec)
{
	struct json_object *o = json_object_new_object(), *urls;
	char root[300], *text;

	if (o == NULL)
		return NULL;
	snprintf(root, sizeof root, "/srv/projects/%s", name);
	json_object_object_add(o, "name", json_object_new_string(name));
	json_object_object_add(o, "runtime", json_object_new_string(d->name));
	json_object_object_add(o, "runtimeDir",
	    json_object_new_string(d->asset_dir));
	json_object_object_add(o, "type", json_object_new_string(type));
	json_object_object_add(o, "webRoot", json_object_new_string(root));
	urls = json_object_new_array();
	for (size_t i = 0; urls && i < rec->n_urls; i++) {
		struct json_object *u = json_tokener_parse(rec->urls[i].json);

		if (u != NULL)
			json_object_array_add(urls, u);
	}
	json_object_object_add(o, "urls", urls);
	text = strdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return text;
}

static int
run_configure(struct project_session *s, const struct runtime_def *d,
	      const struct state_project *rec, const struct project_opts *o,
	      struct project_exec_out *out, struct mpd_err *e)
{
	char *pj = project_json(rec->name, rec->type, d, rec);
	int rc;

	if (pj == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	lc_step(&s->l, "Configuring the project");
	rc = project_exec(&s->l, d, "configure", rec->name, o->pairs, pj, out,
	    e);
	free(pj);
	return rc;
}

/* The version a status-4 configure asked for ("" when unknown). */
static const char *
asked_php(const struct project_exec_out *out)
{
	struct json_object *v;

	if (out->last != NULL &&
	    json_object_object_get_ex(out->last, "phpVersion", &v) &&
	    json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	return "";
}

/* Where a project whose PHP version its runtime lacks can go, or an
 * error listing every version the VM has for the type. */
static const struct runtime_def *
place_php(struct project_session *s, const struct state_project *rec,
	  const char *version, struct mpd_err *e)
{
	char have[512];
	size_t used = 0;

	for (size_t i = 0; i < s->rs.n; i++)
		if (runtime_owns_type(&s->rs.v[i], rec->type) &&
		    runtime_provides(&s->rs.v[i], PHP_VERSION_KEY, version))
			return &s->rs.v[i];
	have[0] = '\0';
	for (size_t i = 0; i < s->rs.n; i++) {
		const struct runtime_def *d = &s->rs.v[i];

		if (!runtime_owns_type(d, rec->type))
			continue;
		for (const char *const *p = d->desc.provides; p && *p; p++)
			if (strncmp(*p, PHP_VERSION_KEY "=",
			    sizeof PHP_VERSION_KEY) == 0 && used < sizeof have)
				used += (size_t)snprintf(have + used,
				    sizeof have - used, "%s%s (runtime %s)",
				    used ? ", " : "",
				    *p + sizeof PHP_VERSION_KEY, d->name);
	}
	mpd_err_set(e, MPD_ERR_INPUT,
	    "PHP %s is not available for project '%s': this VM has %s; set "
	    "one of them (mpd configure %s " PHP_VERSION_KEY "=...), or add "
	    "versions with [plugin.php] extra_php in mpd.ini where an extra "
	    "apt source is reachable", version, rec->name,
	    have[0] ? have : "none", rec->name);
	return NULL;
}

/* The urls of a configure's output, as a record's url list. */
static int
take_urls(const struct project_exec_out *out, const char *name,
	  struct state_url **urls, size_t *n, struct mpd_err *e)
{
	struct json_object *v;
	const char *text;
	char label[128];

	*urls = NULL;
	*n = 0;
	if (out->last == NULL || !json_object_object_get_ex(out->last, "urls",
	    &v) || !json_object_is_type(v, json_type_array))
		return mpd_err_set(e, MPD_ERR_EXEC,
		    "configure of project '%s' wrote no urls.json (its last "
		    "line was not {\"effective\":…,\"urls\":[…]}): see the "
		    "type's configure.sh", name);
	text = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
	snprintf(label, sizeof label, "/srv/meta/%s/urls.json", name);
	return state_urls_parse(label, text, strlen(text), urls, n, e);
}

/* The sidecars a configure's output asks for ("sidecars": [names]), as a
 * sorted strv (NULL: none).  A name that cannot be a sidecar is refused. */
static int
take_sidecars(const struct project_exec_out *out, const char *name,
	      char ***sidecars, struct mpd_err *e)
{
	struct json_object *v;
	struct strv b = STRV_INIT;
	size_t n;

	*sidecars = NULL;
	if (out->last == NULL || !json_object_object_get_ex(out->last,
	    "sidecars", &v) || !json_object_is_type(v, json_type_array))
		return 0;
	n = json_object_array_length(v);
	for (size_t i = 0; i < n; i++) {
		struct json_object *it = json_object_array_get_idx(v, i);
		const char *sc = json_object_is_type(it, json_type_string) ?
		    json_object_get_string(it) : NULL;

		if (!state_sidecar_name_ok(sc)) {
			strv_reset(&b);
			return mpd_err_set(e, MPD_ERR_EXEC,
			    "configure of project '%s' asked for sidecar "
			    "'%.40s', which is not a sidecar name: see the "
			    "type's configure.sh", name, sc ? sc : "(not a "
			    "string)");
		}
		strv_push(&b, sc);
	}
	if (b.oom) {
		strv_reset(&b);
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	}
	if (b.len == 0)
		return 0;
	strv_sort(b.v, b.len);
	/* unique: the shell side sends `unique`, but the core checks */
	for (size_t i = 1; i < b.len; i++)
		if (strcmp(b.v[i - 1], b.v[i]) == 0) {
			mpd_err_set(e, MPD_ERR_EXEC, "configure of project "
			    "'%s' asked for sidecar '%s' twice", name, b.v[i]);
			strv_reset(&b);
			return -1;
		}
	*sidecars = strv_take(&b);
	return *sidecars ? 0 : mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
}

static void
print_effective(const struct project_exec_out *out)
{
	struct json_object *eff;

	if (out->last == NULL ||
	    !json_object_object_get_ex(out->last, "effective", &eff) ||
	    !json_object_is_type(eff, json_type_object))
		return;
	json_object_object_foreach(eff, k, v) {
		if (json_object_is_type(v, json_type_string) &&
		    *json_object_get_string(v) == '\0')
			continue;
		printf("  %-14s %s\n", k, json_object_is_type(v,
		    json_type_string) ? json_object_get_string(v) :
		    json_object_to_json_string(v));
	}
}

/* The DB tag the type resolved ("" without one). */
static const char *
effective_db(const struct project_exec_out *out)
{
	struct json_object *eff, *v;

	if (out->last != NULL &&
	    json_object_object_get_ex(out->last, "effective", &eff) &&
	    json_object_object_get_ex(eff, "dbTag", &v) &&
	    json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	return "";
}

static bool
others_running_on(const char *rt, const char *except)
{
	struct state_project_list pl;
	struct mpd_err e = { .code = MPD_ERR_NONE };
	bool any = false;

	if (state_projects_load(&pl, &e) != 0)
		return true;	/* unsure: keep the runtime */
	for (size_t i = 0; i < pl.n; i++)
		if (strcmp(pl.items[i].runtime_name, rt) == 0 &&
		    strcmp(pl.items[i].name, except) != 0 &&
		    pl.items[i].requested == STATE_REQUESTED_RUNNING)
			any = true;
	state_project_list_free(&pl);
	return any;
}

int
project_configure(const char *name, const struct project_opts *o,
		  struct mpd_err *e)
{
	struct project_session s;
	struct state_project rec, next;
	const struct runtime_def *d, *old = NULL;
	struct project_exec_out out;
	bool was_running, have_out = false;
	int rc = -1;

	memset(&rec, 0, sizeof rec);
	memset(&next, 0, sizeof next);
	memset(&out, 0, sizeof out);
	if (session_open(&s, o->json, e) != 0 ||
	    session_project(name, &rec, e) != 0)
		goto out;
	d = rec.runtime_name[0] ? session_runtime(&s, rec.runtime_name, e) :
	    runtimes_for_type(&s.rs, rec.type);
	if (d == NULL) {
		if (rec.runtime_name[0] == '\0')
			mpd_err_set(e, MPD_ERR_FAIL,
			    "no runtime owns project type '%s' (of project "
			    "'%s'): load the runtime plugin that does",
			    rec.type, name);
		goto out;
	}
	was_running = runtime_state(&s.l, d) == MPD_CONTAINER_RUNNING;
	if (project_db_precheck(&s.l, o->pairs, o->n_pairs, e) != 0 ||
	    runtime_ensure(&s.l, d, NULL, e) != 0 ||
	    run_configure(&s, d, &rec, o, &out, e) != 0)
		goto out;
	have_out = true;
	if (out.status == PROJECT_EXIT_PHP) {
		char version[32];
		const struct runtime_def *to;

		snprintf(version, sizeof version, "%s", asked_php(&out));
		if ((to = place_php(&s, &rec, version, e)) == NULL ||
		    to == d)
			goto out;
		lc_step(&s.l, "Moving the project to the runtime with its PHP");
		if (rec.requested == STATE_REQUESTED_RUNNING &&
		    project_run(&s.l, d, "stop", name, e) != 0)
			goto out;
		old = d;
		d = to;
		project_exec_out_free(&out);
		if (runtime_ensure(&s.l, d, NULL, e) != 0 ||
		    run_configure(&s, d, &rec, o, &out, e) != 0)
			goto out;
	}
	if (project_exec_check(&out, "configure", name, e) != 0)
		goto out;
	if (state_project_copy(&next, &rec) != 0) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	state_urls_free(next.urls, next.n_urls);
	next.urls = NULL;
	next.n_urls = 0;
	strv_free(next.sidecars);
	next.sidecars = NULL;
	if (take_urls(&out, name, &next.urls, &next.n_urls, e) != 0 ||
	    take_sidecars(&out, name, &next.sidecars, e) != 0)
		goto out;
	free(next.runtime_name);
	if ((next.runtime_name = strdup(d->name)) == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	if (next.requested == STATE_REQUESTED_NOT_CONFIGURED)
		next.requested = STATE_REQUESTED_STOPPED;
	if (project_db_apply(&s.l, effective_db(&out), &next, e) != 0 ||
	    project_cert_ensure(&s.l, &next, e) != 0)
		goto out;
	if (next.requested == STATE_REQUESTED_RUNNING &&
	    (project_run(&s.l, d, "setup", name, e) != 0 ||
	     project_dns(&next, d->desc.ip, true, e) != 0))
		goto out;
	if (state_projects_upsert(&next, e) != 0)
		goto out;
	if (next.requested == STATE_REQUESTED_RUNNING &&
	    sidecars_reconcile(&s.l, d, e) != 0)
		goto out;
	if (old != NULL && sidecars_reconcile(&s.l, old, e) != 0)
		goto out;
	/* keep configure low-impact: a runtime it started for nothing else
	 * is stopped again */
	if (!was_running && old == NULL &&
	    next.requested != STATE_REQUESTED_RUNNING &&
	    !others_running_on(d->name, name) &&
	    (lc_ps_refresh(&s.l, e) != 0 || runtime_stop(&s.l, d, e) != 0))
		goto out;
	if (o->json) {
		struct json_object *eff = NULL;

		json_object_object_get_ex(out.last, "effective", &eff);
		printf("{\"project\":\"%s\",\"runtime\":\"%s\",\"requested\":"
		    "\"%s\",\"effective\":%s}\n", name, d->name,
		    state_requested_name(next.requested),
		    eff ? json_object_to_json_string_ext(eff,
		    JSON_C_TO_STRING_PLAIN) : "{}");
	} else {
		printf("\xe2\x9c\x93 Project '%s' configured. Type: %s, "
		    "runtime: %s, status: %s\n", name, next.type, d->name,
		    state_requested_name(next.requested));
		print_effective(&out);
		for (size_t i = 0; i < next.n_urls; i++)
			printf("  %-14s %s\n", next.urls[i].label,
			    next.urls[i].url);
	}
	rc = 0;
out:
	if (have_out)
		project_exec_out_free(&out);
	state_project_free(&rec);
	state_project_free(&next);
	session_close(&s, true);
	return rc;
}

/* ---- start / stop ----------------------------------------------------------- */

static const char *
main_url(const struct state_project *p)
{
	for (size_t i = 0; i < p->n_urls; i++)
		if (strcmp(p->urls[i].label, "main") == 0)
			return p->urls[i].url;
	return p->n_urls ? p->urls[0].url : NULL;
}

int
project_start(const char *name, const struct project_opts *o,
	      struct mpd_err *e)
{
	struct project_session s;
	struct state_project rec;
	struct project_hooks ph;
	const struct runtime_def *d;
	struct db_pending *db = NULL;
	size_t n_pre = 0;
	int rc = -1, rc_db;

	memset(&rec, 0, sizeof rec);
	memset(&ph, 0, sizeof ph);
	if (session_open(&s, o->json, e) != 0 ||
	    session_project(name, &rec, e) != 0)
		goto out;
	if (rec.requested == STATE_REQUESTED_NOT_CONFIGURED) {
		mpd_err_set(e, MPD_ERR_FAIL,
		    "project '%s' is not configured yet: mpd configure %s",
		    name, name);
		goto out;
	}
	/* the DB starts while the runtime and the project's setup run */
	if ((d = session_runtime(&s, rec.runtime_name, e)) == NULL ||
	    project_db_start_begin(&s.l, &rec, &db, e) != 0 ||
	    runtime_ensure(&s.l, d, NULL, e) != 0 ||
	    project_cert_ensure(&s.l, &rec, e) != 0 ||
	    project_hooks_list(&s.l, d, name, &ph, e) != 0 ||
	    project_hooks_count(&s.l, d, &rec, HOOK_PROJECT_PRE_START, &ph,
	    &n_pre, e) != 0)
		goto out;
	if (n_pre > 0) {
		/* project-pre-start sees the runtime and the DB up; a failing
		 * hook fails the start before anything is recorded */
		rc_db = project_db_start_finish(&s.l, &rec, db, e);
		db = NULL;
		if (rc_db != 0 || project_hooks_fire(&s.l, d, &rec,
		    HOOK_PROJECT_PRE_START, &ph, e) != 0)
			goto out;
	}
	lc_step(&s.l, "Starting the project");
	if (project_run(&s.l, d, "setup", name, e) != 0)
		goto out;
	rc_db = project_db_start_finish(&s.l, &rec, db, e);
	db = NULL;
	if (rc_db != 0)
		goto out;
	if ((rec.requested != STATE_REQUESTED_RUNNING &&
	     state_projects_set_requested(name, STATE_REQUESTED_RUNNING,
	     e) != 0) ||
	    project_dns(&rec, d->desc.ip, true, e) != 0 ||
	    sidecars_reconcile(&s.l, d, e) != 0 ||
	    project_hooks_fire(&s.l, d, &rec, HOOK_PROJECT_POST_START, &ph,
	    e) != 0)
		goto out;
	if (o->json)
		printf("{\"project\":\"%s\",\"requested\":\"running\",\"url\":"
		    "\"%s\"}\n", name, main_url(&rec) ? main_url(&rec) : "");
	else if (main_url(&rec) != NULL)
		printf("\xe2\x9c\x93 '%s' is running: %s\n", name,
		    main_url(&rec));
	else
		printf("\xe2\x9c\x93 '%s' is running (no URLs): ssh %s\n", name,
		    d->dns);
	rc = 0;
out:
	if (db != NULL)		/* failed before waiting: wait, to report it */
		project_db_start_finish(&s.l, &rec, db,
		    &(struct mpd_err){ .code = MPD_ERR_NONE });
	project_hooks_free(&ph);
	state_project_free(&rec);
	session_close(&s, true);
	return rc;
}

int
project_stop(const char *name, const struct project_opts *o,
	     struct mpd_err *e)
{
	struct project_session s;
	struct state_project rec;
	struct project_hooks ph;
	const struct runtime_def *d;
	bool up, was = false;
	int rc = -1;

	memset(&rec, 0, sizeof rec);
	memset(&ph, 0, sizeof ph);
	if (session_open(&s, o->json, e) != 0 ||
	    session_project(name, &rec, e) != 0)
		goto out;
	if ((d = session_runtime(&s, rec.runtime_name, e)) == NULL)
		goto out;
	up = runtime_state(&s.l, d) == MPD_CONTAINER_RUNNING;
	was = rec.requested == STATE_REQUESTED_RUNNING;
	/* project-pre-stop while it still runs (CONTINUE: a failing hook
	 * does not keep it running) */
	if (was && up && (project_hooks_list(&s.l, d, name, &ph, e) != 0 ||
	    project_hooks_fire(&s.l, d, &rec, HOOK_PROJECT_PRE_STOP, &ph,
	    e) != 0 || project_run(&s.l, d, "stop", name, e) != 0))
		goto out;
	/* also when already stopped: a stop killed after its state write
	 * left the records behind */
	if ((was && state_projects_set_requested(name,
	     STATE_REQUESTED_STOPPED, e) != 0) ||
	    project_dns(&rec, d->desc.ip, false, e) != 0 ||
	    (up && sidecars_reconcile(&s.l, d, e) != 0))
		goto out;
	if (o->json)
		printf("{\"project\":\"%s\",\"requested\":\"stopped\"}\n", name);
	else if (was)
		printf("\xe2\x9c\x93 '%s' stopped.\n", name);
	else
		printf("'%s' is already stopped.\n", name);
	rc = 0;
out:
	project_hooks_free(&ph);
	state_project_free(&rec);
	session_close(&s, true);
	return rc;
}

/* ---- delete ----------------------------------------------------------------- */

int
project_delete(const char *name, const struct project_opts *o,
	       struct mpd_err *e)
{
	struct project_session s;
	struct state_project rec;
	const struct runtime_def *d;
	char label[96], q[160];
	int rc = -1;

	memset(&rec, 0, sizeof rec);
	if (session_open(&s, o->json, e) != 0 ||
	    session_project(name, &rec, e) != 0)
		goto out;
	if ((d = session_runtime(&s, rec.runtime_name, e)) == NULL)
		goto out;
	if (!o->json)
		printf("Project: %s\nType:    %s\nRuntime: %s\nSource:  "
		    "/srv/projects/%s\nThis removes the source tree, the data "
		    "(/srv/data/%s), the settings and metadata (mpd.env, "
		    "/srv/meta/%s), its certificate and DNS records.\n",
		    name, rec.type, d->name, name, name, name);
	snprintf(q, sizeof q, "Remove project '%s'?", name);
	if (!o->yes && !project_confirm(q, e))
		goto out;
	if (runtime_ensure(&s.l, d, NULL, e) != 0)
		goto out;
	lc_step(&s.l, "Removing the project");
	if (project_run(&s.l, d, "delete", name, e) != 0)
		goto out;
	project_db_drop(&s.l, &rec);
	if (project_dns(&rec, d->desc.ip, false, e) != 0 ||
	    certs_store_leaf_remove(project_cert_label(name, label,
	    sizeof label), e) != 0 ||
	    state_projects_delete(name, e) != 0 ||
	    sidecars_reconcile(&s.l, d, e) != 0)
		goto out;
	if (o->json)
		printf("{\"project\":\"%s\",\"deleted\":true}\n", name);
	else
		printf("\xe2\x9c\x93 Project '%s' deleted.\n", name);
	rc = 0;
out:
	state_project_free(&rec);
	session_close(&s, true);
	return rc;
}
