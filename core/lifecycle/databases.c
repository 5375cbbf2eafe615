/* databases.c - the DB containers (see databases.h, docs/DATABASES.md). */
#include "databases.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dns_records.h"
#include "images.h"
#include "log.h"
#include "printable.h"
#include "plugin_host.h"
#include "plugin_loader.h"
#include "podman.h"
#include "podman_names.h"
#include "revision.h"
#include "runtimes.h"
#include "state_databases.h"
#include "state_projects.h"

#define DB_STOP_TIMEOUT_S	60
#define DB_STEP_TIMEOUT_MS	(120 * 1000)
#define DB_PROBE_EXEC_MS	10000

/* One DB definition: the plugin's description, copied where the core
 * keeps it (the plugin's memory is valid until its next call). */
struct db_def {
	struct plugin_loaded *p;
	const struct mpd_db_engine_ops *ops;
	struct mpd_db_tag tag;
	char ip[16];
	struct mpd_db_input in;
	struct mpd_container_spec spec;	/* zero-extended to ABI 1.3 */
	struct mpd_probe ready;		/* argv NULL: none */
	struct mpd_db_image img;	/* build_context NULL: pulled */
	char containerfile[PATH_MAX + 16];
	char inputs[MPD_SHA256_HEX];	/* the build context's hash, or "" */
	char revision[MPD_SHA256_HEX];
	struct podman_owner owner;
};

int
database_resolve(const char *spec, struct mpd_db_tag *out, struct mpd_err *e)
{
	struct mpd_err pe = { .code = MPD_ERR_NONE };
	char b[80];

	if (spec != NULL && strncmp(spec, MPD_DB_PREFIX,
	    strlen(MPD_DB_PREFIX)) == 0)
		return mpd_db_id_parse(spec + strlen(MPD_DB_PREFIX), out, e);
	if (spec != NULL && strchr(spec, ':') != NULL)
		return mpd_db_tag_parse(spec, out, e);
	if (spec != NULL && *spec != '\0' &&
	    (mpd_db_tag_parse(spec, out, &pe) == 0 ||
	     mpd_db_id_parse(spec, out, &pe) == 0))
		return 0;
	return mpd_err_set(e, MPD_ERR_INPUT,
	    "'%s' names no database: use ENGINE[:VERSION] (postgres:17), an "
	    "id (postgres-17) or a container name (mpd-db-postgres-17)",
	    mpd_printable(spec ? spec : "", b, sizeof b));
}

/* ---- description ------------------------------------------------------------ */

static bool
ip_used(const struct podman_ps_list *ps, const char *ip)
{
	for (size_t i = 0; i < ps->n; i++) {
		const char *v = podman_container_label(&ps->items[i],
		    MPD_LABEL_IP);

		if (v != NULL && strcmp(v, ip) == 0)
			return true;
	}
	return false;
}

/* The container's address: the one it has, else the lowest free one. */
static int
pick_ip(const struct lc *l, const struct mpd_db_tag *tag, char *out, size_t n,
	struct mpd_err *e)
{
	const struct podman_container *c = podman_ps_find(&l->ps,
	    tag->container);
	const char *have = c ? podman_container_label(c, MPD_LABEL_IP) : NULL;

	if (have != NULL && *have != '\0') {
		snprintf(out, n, "%s", have);
		return 0;
	}
	for (int h = DB_HOST_FIRST; h <= DB_HOST_LAST; h++) {
		snprintf(out, n, MPD_NET_PREFIX "%d", h);
		if (!ip_used(&l->ps, out))
			return 0;
	}
	return mpd_err_set(e, MPD_ERR_FAIL,
	    "no free address for database '%s': " MPD_NET_PREFIX "%d-%d are "
	    "all taken (mpd --db-delete=ID removes a DB container)", tag->id,
	    DB_HOST_FIRST, DB_HOST_LAST);
}

static int
plugin_failed(const struct db_def *d, const char *what, int rc,
	      struct mpd_err *e)
{
	const char *msg = plugin_host_ctx_error(d->p->ctx);

	return mpd_err_set(e, MPD_ERR_PLUGIN, "db-engine plugin '%s': %s "
	    "failed (%d)%s%s", d->p->name, what, rc, *msg ? ": " : "", msg);
}

static int
describe(struct lc *l, const struct mpd_db_tag *tag, struct db_def *d,
	 struct mpd_err *e)
{
	const struct mpd_probe *ready = NULL;
	struct mpd_container_spec spec;
	int rc;

	memset(d, 0, sizeof *d);
	d->tag = *tag;
	d->p = plugin_registry_get(&l->ctx.reg, MPD_PLUGIN_DB_ENGINE,
	    tag->engine, e);
	if (d->p == NULL)
		return mpd_err_prefix(e, "MPD_DB=%s:%s", tag->engine,
		    tag->version);
	d->ops = d->p->desc->ops;
	if (pick_ip(l, tag, d->ip, sizeof d->ip, e) != 0)
		return -1;
	d->in = (struct mpd_db_input){
		.struct_size = sizeof d->in,
		.version = d->tag.version,
		.database_id = d->tag.id,
		.container = d->tag.container,
		.data_dir = d->tag.data_dir,
		.ip = d->ip,
	};
	memset(&spec, 0, sizeof spec);
	spec.struct_size = sizeof spec;
	if ((rc = d->ops->describe(d->p->state, &d->in, &spec, &ready)) != 0)
		return plugin_failed(d, "describe", rc, e);
	if (spec.struct_size < offsetof(struct mpd_container_spec, revision) +
	    sizeof(char *) || spec.name == NULL || spec.image == NULL ||
	    strcmp(spec.name, tag->container) != 0)
		return mpd_err_set(e, MPD_ERR_PLUGIN, "db-engine plugin '%s' "
		    "described no container %s (or a truncated one)",
		    d->p->name, tag->container);
	memcpy(&d->spec, &spec, spec.struct_size < sizeof d->spec ?
	    spec.struct_size : sizeof d->spec);
	d->spec.struct_size = sizeof d->spec;
	if (ready != NULL && ready->argv != NULL) {
		d->ready = *ready;
		d->ready.struct_size = sizeof d->ready;
	}
	d->img.struct_size = sizeof d->img;
	if (d->p->desc->ops_size >= offsetof(struct mpd_db_engine_ops, image) +
	    sizeof(d->ops->image) && d->ops->image != NULL) {
		struct mpd_db_image img;

		memset(&img, 0, sizeof img);
		img.struct_size = sizeof img;
		if ((rc = d->ops->image(d->p->state, &d->in, &img)) != 0)
			return plugin_failed(d, "image", rc, e);
		memcpy(&d->img, &img, img.struct_size < sizeof d->img ?
		    img.struct_size : sizeof d->img);
		d->img.struct_size = sizeof d->img;
	}
	d->owner = (struct podman_owner){
		.type = MPD_TYPE_DB,
		.plugin = d->p->name,
		.kind = "db-engine",
		.name = d->tag.id,
	};
	return 0;
}

static void
image_want(struct db_def *d, struct images_want *w, const char *base)
{
	snprintf(d->containerfile, sizeof d->containerfile, "%s/Containerfile",
	    d->img.build_context);
	memset(w, 0, sizeof *w);
	w->tag = d->spec.image;
	w->containerfile = d->containerfile;
	w->context_dir = d->img.build_context;
	w->base = base;
	w->build_args = d->img.build_args;
	w->n_build_args = d->img.n_build_args;
}

/* The revision: the spec, the plugin's revision, and the build context's
 * hash (computed here, no podman) or the pulled image's reference. */
static int
compute_revision(struct db_def *d, struct mpd_err *e)
{
	if (d->img.build_context != NULL) {
		struct images_want w;

		image_want(d, &w, NULL);
		if (images_inputs_hash(&w, d->img.base_release ?
		    d->img.base_release : "(configured base)",
		    "(context only)", d->inputs, e) != 0)
			return mpd_err_prefix(e, "database '%s'", d->tag.id);
	}
	if (container_revision(&d->spec, &d->owner, d->inputs[0] ? d->inputs :
	    d->spec.image, NULL, d->revision, e) != 0)
		return mpd_err_prefix(e, "database '%s'", d->tag.id);
	d->spec.revision = d->revision;
	return 0;
}

/* ---- the image ---------------------------------------------------------------- */

static void
local_versions(const struct db_def *d, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (const char *const *v = d->img.local_versions; v && *v; v++) {
		int w = snprintf(buf + used, n - used, "%s%s:%s",
		    used ? ", " : "", d->tag.engine, *v);

		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
}

static int
unavailable(const struct db_def *d, const char *why, struct mpd_err *e)
{
	char have[160];

	local_versions(d, have, sizeof have);
	if (*have == '\0')
		return mpd_err_set(e, MPD_ERR_UNAVAILABLE,
		    "MPD_DB=%s:%s is not available here: Debian has no %s, so "
		    "mpd builds none, and podman could not pull %s (%s). Use "
		    "MPD_DB=postgres or mariadb, or set [plugin.%s] image in "
		    "mpd.ini to an image this machine can pull", d->tag.engine,
		    d->tag.version, d->tag.engine, d->spec.image, why,
		    d->tag.engine);
	return mpd_err_set(e, MPD_ERR_UNAVAILABLE,
	    "MPD_DB=%s:%s is not available here: mpd builds %s from Debian's "
	    "packages, and podman could not pull %s (%s). Use one of those, "
	    "or set [plugin.%s] image in mpd.ini to an image this machine can "
	    "pull", d->tag.engine, d->tag.version, have, d->spec.image, why,
	    d->tag.engine);
}

/* Build the image (a local version) or make sure podman has it (pull). */
static int
ensure_image(struct lc *l, struct db_def *d, bool quiet, struct mpd_err *e)
{
	bool exists = false;

	if (d->img.build_context != NULL) {
		struct images_want w;
		struct images_result r;
		char *base = NULL;
		int rc;

		if (d->img.base_release != NULL &&
		    images_base_ref_for(d->img.base_release, &base, e) != 0)
			return -1;
		image_want(d, &w, base);
		lc_step(l, "Database image");
		rc = images_ensure(&w, 1, &r, e);
		free(base);
		if (rc != 0)
			return mpd_err_prefix(e, "database '%s'", d->tag.id);
		if (r.built) {
			char what[160];

			snprintf(what, sizeof what, "image %s", w.tag);
			lc_changed(l, what);
			lc_ok(l, "%s built", w.tag);
		}
		return 0;
	}
	if (podman_image_exists(d->spec.image, &exists, e) != 0)
		return -1;
	if (exists)
		return 0;
	if (!quiet)
		lc_step(l, "Pulling the database image");
	{
		struct mpd_err pe = { .code = MPD_ERR_NONE };

		if (podman_image_pull(d->spec.image, &pe) != 0) {
			const char *why = strstr(pe.msg, "Error: ");

			return unavailable(d, why ? why + 7 : pe.msg, e);
		}
	}
	lc_changed(l, "image pulled");
	return 0;
}

int
database_available(struct lc *l, const struct mpd_db_tag *tag,
		   struct mpd_err *e)
{
	struct db_def d;
	bool exists = false;

	if (describe(l, tag, &d, e) != 0)
		return -1;
	if (d.img.build_context != NULL ||
	    podman_ps_find(&l->ps, tag->container) != NULL)
		return 0;
	if (podman_image_exists(d.spec.image, &exists, e) != 0)
		return -1;
	return exists ? 0 : ensure_image(l, &d, true, e);
}

/* ---- readiness ------------------------------------------------------------------ */

/* The guard's line (or the last line) of the container's log. */
static void
log_reason(const char *name, char *buf, size_t n)
{
	struct mpd_err e = { .code = MPD_ERR_NONE };
	char *text = NULL, *pick = NULL, *line, *save = NULL;

	snprintf(buf, n, "it exited; see sudo podman logs %s", name);
	if (podman_logs(name, 20, &text, &e) != 0 || text == NULL)
		return;
	for (line = strtok_r(text, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "mpd-db: ", 8) == 0) {
			pick = line + 8;
			break;
		}
		if (*line != '\0')
			pick = line;
	}
	if (pick != NULL)
		snprintf(buf, n, "%s", pick);
	free(text);
}

static int
wait_ready(struct lc *l, struct db_def *d, struct mpd_err *e)
{
	int attempts = d->ready.attempts > 0 ? d->ready.attempts : 120;
	int interval = d->ready.interval_ms > 0 ? d->ready.interval_ms : 250;
	char why[400];

	if (d->ready.argv == NULL)
		return 0;
	for (int i = 0; i < attempts; i++) {
		struct mpd_exec_request req = {
			.struct_size = sizeof req,
			.container = d->tag.container,
			.user = "root",
			.argv = d->ready.argv,
			.timeout_ms = DB_PROBE_EXEC_MS,
		};
		struct mpd_exec_result r;
		struct mpd_err pe = { .code = MPD_ERR_NONE };
		enum mpd_container_state st;
		bool podman_level = false;
		int rc;

		memset(&r, 0, sizeof r);
		r.struct_size = sizeof r;
		rc = podman_exec(&req, &r, &pe);
		if (rc == 0 && r.exit_status == 0) {
			runtime_exec_free(&r);
			return 0;
		}
		/* a probe says 1-3 while the server starts; podman says 125
		 * and up (255: "container state improper") when the container
		 * is not running: then only the container's log can tell why */
		if (rc == 0) {
			podman_level = r.exit_status >= 125 || r.exit_status < 0;
			runtime_exec_free(&r);
		}
		if ((rc != 0 || podman_level) &&
		    podman_container_state(d->tag.container, &st, &pe) == 0 &&
		    st != MPD_CONTAINER_RUNNING) {
			log_reason(d->tag.container, why, sizeof why);
			return mpd_err_set(e, MPD_ERR_EXEC,
			    "database '%s' did not start: %s", d->tag.id, why);
		}
		usleep((useconds_t)interval * 1000);
	}
	(void)l;
	return mpd_err_set(e, MPD_ERR_TIMEOUT,
	    "database '%s' did not become ready in %d s: see sudo podman logs "
	    "%s", d->tag.id, attempts * interval / 1000, d->tag.container);
}

/* ---- ensure ---------------------------------------------------------------------- */

static const char *
label_of(const struct podman_container *c, const char *key)
{
	const char *v = podman_container_label(c, key);

	return v ? v : "";
}

struct db_pending {
	struct db_def d;
	enum db_action did;
	bool made;
};

int
database_ensure_begin(struct lc *l, const struct mpd_db_tag *tag,
		      struct db_pending **out, struct mpd_err *e)
{
	const struct podman_container *c;
	struct db_pending *p = calloc(1, sizeof *p);
	struct db_def *d;

	*out = NULL;
	if (p == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	d = &p->d;
	if (describe(l, tag, d, e) != 0 || compute_revision(d, e) != 0)
		goto fail;
	c = podman_ps_find(&l->ps, tag->container);
	if (c != NULL && strcmp(label_of(c, MPD_LABEL_REVISION),
	    d->revision) == 0) {
		if (c->state != MPD_CONTAINER_RUNNING) {
			lc_step(l, "Starting the database");
			if (podman_start(tag->container, e) != 0) {
				mpd_err_prefix(e, "database '%s'", tag->id);
				goto fail;
			}
			p->did = DB_STARTED;
		}
	} else {
		if (ensure_image(l, d, false, e) != 0)
			goto fail;
		lc_step(l, c ? "Recreating the database container" :
		    "Creating the database container");
		if ((c != NULL && podman_rm(tag->container, e) != 0) ||
		    podman_run(&d->spec, &d->owner, e) != 0) {
			mpd_err_prefix(e, "database '%s'", tag->id);
			goto fail;
		}
		p->did = c ? DB_RECREATED : DB_CREATED;
		p->made = true;
	}
	*out = p;
	return 0;
fail:
	free(p);
	return -1;
}

int
database_ensure_finish(struct lc *l, struct db_pending *p,
		       enum db_action *action, struct mpd_err *e)
{
	struct db_def *d = &p->d;
	int rc = -1;

	if (wait_ready(l, d, e) != 0) {
		if (p->made) {
			struct mpd_err re = { .code = MPD_ERR_NONE };

			if (podman_rm(d->tag.container, &re) != 0)
				mpd_warn("%s", re.msg);
		}
		if (lc_ps_refresh(l, &(struct mpd_err){ .code = 0 }) == 0)
			databases_publish(l, &(struct mpd_err){ .code = 0 });
		goto out;
	}
	if (p->did != DB_KEPT) {
		lc_changed(l, "database");
		lc_ok(l, "database %s %s (%s, %s)", d->tag.id,
		    p->did == DB_STARTED ? "started" : p->did == DB_CREATED ?
		    "created" : "recreated", d->ip, d->tag.dns_name);
		if (lc_ps_refresh(l, e) != 0 || databases_publish(l, e) != 0)
			goto out;
	}
	if (action != NULL)
		*action = p->did;
	rc = 0;
out:
	free(p);
	return rc;
}

int
database_ensure(struct lc *l, const struct mpd_db_tag *tag,
		enum db_action *action, struct mpd_err *e)
{
	struct db_pending *p;

	if (database_ensure_begin(l, tag, &p, e) != 0)
		return -1;
	return database_ensure_finish(l, p, action, e);
}

/* ---- per-project database -------------------------------------------------------- */

static int
run_steps(const struct db_def *d, const char *what, const char *project,
	  const struct mpd_step *steps, size_t n, struct mpd_err *e)
{
	char line[400];

	for (size_t i = 0; i < n; i++) {
		const struct mpd_step *s = &steps[i];
		struct mpd_exec_request req = {
			.struct_size = sizeof req,
			.container = d->tag.container,
			.user = s->user ? s->user : "root",
			.argv = s->argv,
			.env = s->env,
			.workdir = s->workdir,
			.timeout_ms = s->timeout_ms > 0 ? s->timeout_ms :
			    DB_STEP_TIMEOUT_MS,
		};
		struct mpd_exec_result r;

		memset(&r, 0, sizeof r);
		r.struct_size = sizeof r;
		if (podman_exec(&req, &r, e) != 0)
			return mpd_err_prefix(e, "database '%s'", d->tag.id);
		if (r.exit_status != 0) {
			mpd_err_set(e, MPD_ERR_EXEC, "database '%s': %s for "
			    "project '%s' failed: %s", d->tag.id, what, project,
			    runtime_exec_message(&r, line, sizeof line));
			runtime_exec_free(&r);
			return -1;
		}
		runtime_exec_free(&r);
	}
	return 0;
}

static int
project_steps(struct lc *l, const struct mpd_db_tag *tag, const char *project,
	      bool create, struct mpd_err *e)
{
	struct mpd_db_project p = {
		.struct_size = sizeof p,
		.project = project,
		.password = project,
	};
	const struct mpd_step *steps = NULL;
	size_t n = 0;
	struct db_def d;
	int rc;

	if (describe(l, tag, &d, e) != 0)
		return -1;
	rc = create ? d.ops->create_project(d.p->state, &d.in, &p, &steps, &n) :
	    d.ops->drop_project(d.p->state, &d.in, &p, &steps, &n);
	if (rc != 0)
		return plugin_failed(&d, create ? "create_project" :
		    "drop_project", rc, e);
	return run_steps(&d, create ? "creating the database" :
	    "dropping the database", project, steps, n, e);
}

int
database_project_create(struct lc *l, const struct mpd_db_tag *tag,
			const char *project, struct mpd_err *e)
{
	return project_steps(l, tag, project, true, e);
}

int
database_project_drop(struct lc *l, const struct mpd_db_tag *tag,
		      const char *project, struct mpd_err *e)
{
	return project_steps(l, tag, project, false, e);
}

/* ---- stop, remove ------------------------------------------------------------------ */

/* The stop timeout the container was made with (its label-less spec is
 * not at hand): the plugins' is at most DB_STOP_TIMEOUT_S. */
static int
stop_container(const char *name, struct mpd_err *e)
{
	return podman_stop(name, DB_STOP_TIMEOUT_S, e);
}

int
database_stop(struct lc *l, const struct mpd_db_tag *tag, bool *was_running,
	      struct mpd_err *e)
{
	const struct podman_container *c = podman_ps_find(&l->ps,
	    tag->container);

	if (was_running != NULL)
		*was_running = false;
	if (c == NULL)
		return mpd_err_set(e, MPD_ERR_NOTFOUND,
		    "database '%s' has no container: mpd --db-create=%s:%s",
		    tag->id, tag->engine, tag->version);
	if (c->state != MPD_CONTAINER_RUNNING)
		return 0;
	if (stop_container(tag->container, e) != 0)
		return mpd_err_prefix(e, "database '%s'", tag->id);
	if (was_running != NULL)
		*was_running = true;
	lc_changed(l, "database stopped");
	return lc_ps_refresh(l, e) != 0 ? -1 : databases_publish(l, e);
}

int
database_remove(struct lc *l, const struct mpd_db_tag *tag, bool *existed,
		struct mpd_err *e)
{
	const struct podman_container *c = podman_ps_find(&l->ps,
	    tag->container);

	if (existed != NULL)
		*existed = c != NULL;
	if (c == NULL)
		return databases_publish(l, e);
	if ((c->state == MPD_CONTAINER_RUNNING &&
	     stop_container(tag->container, e) != 0) ||
	    podman_rm(tag->container, e) != 0)
		return mpd_err_prefix(e, "database '%s'", tag->id);
	lc_changed(l, "database removed");
	return lc_ps_refresh(l, e) != 0 ? -1 : databases_publish(l, e);
}

static bool
is_db(const struct podman_container *c)
{
	return strcmp(label_of(c, MPD_LABEL_TYPE), MPD_TYPE_DB) == 0;
}

int
databases_stop_all(struct lc *l, struct mpd_err *e)
{
	int stopped = 0;

	for (size_t i = 0; i < l->ps.n; i++) {
		const struct podman_container *c = &l->ps.items[i];

		if (!is_db(c) || c->state != MPD_CONTAINER_RUNNING)
			continue;
		if (stop_container(c->name, e) != 0)
			return -1;
		lc_ok(l, "database %s stopped", label_of(c, MPD_LABEL_NAME));
		stopped++;
	}
	if (stopped == 0)
		return 0;
	return lc_ps_refresh(l, e) != 0 ? -1 : databases_publish(l, e);
}

int
databases_resume(struct lc *l, struct mpd_err *e)
{
	struct state_project_list pl;
	int rc = 0;

	if (state_projects_load(&pl, e) != 0)
		return -1;
	for (size_t i = 0; rc == 0 && i < pl.n; i++) {
		const struct state_project *p = &pl.items[i];
		struct mpd_db_tag tag;

		if (p->requested != STATE_REQUESTED_RUNNING ||
		    p->database_id == NULL || *p->database_id == '\0')
			continue;
		rc = mpd_db_id_parse(p->database_id, &tag, e) != 0 ||
		    database_ensure(l, &tag, NULL, e) != 0 ? -1 : 0;
		if (rc != 0)
			mpd_err_prefix(e, "project '%s'", p->name);
	}
	state_project_list_free(&pl);
	return rc;
}

/* ---- images ----------------------------------------------------------------------- */

/* Build every version one engine builds from Debian's packages. */
static int
engine_images(struct lc *l, const char *engine, struct mpd_err *e)
{
	struct mpd_db_tag tag;
	struct db_def d;
	char spec[96], *versions[8];
	size_t n = 0;
	int rc = 0;

	snprintf(spec, sizeof spec, "%s:latest", engine);
	if (mpd_db_tag_parse(spec, &tag, e) != 0 || describe(l, &tag, &d, e) != 0)
		return -1;
	for (const char *const *v = d.img.local_versions; v && *v && n < 8; v++)
		if ((versions[n] = strdup(*v)) != NULL)
			n++;
	for (size_t i = 0; i < n; i++) {
		snprintf(spec, sizeof spec, "%s:%s", engine, versions[i]);
		if (rc == 0 && (mpd_db_tag_parse(spec, &tag, e) != 0 ||
		    describe(l, &tag, &d, e) != 0 ||
		    d.img.build_context == NULL ||
		    ensure_image(l, &d, false, e) != 0))
			rc = -1;
		if (rc == 0)
			lc_ok(l, "%-11s %s", spec, "current");
	}
	for (size_t i = 0; i < n; i++)
		free(versions[i]);
	return rc;
}

int
databases_images(struct lc *l, struct mpd_err *e)
{
	struct plugin_registry *reg = &l->ctx.reg;

	for (size_t i = 0; i < reg->n; i++)
		if (reg->plugins[i].desc->kind == MPD_PLUGIN_DB_ENGINE &&
		    engine_images(l, reg->plugins[i].name, e) != 0)
			return -1;
	return 0;
}

/* ---- publish ---------------------------------------------------------------------- */

int
databases_publish(struct lc *l, struct mpd_err *e)
{
	struct state_database_list dl = {0};
	struct dns_record *r;
	size_t nr = 0;
	int rc = -1;

	dl.items = calloc(l->ps.n ? l->ps.n : 1, sizeof *dl.items);
	r = calloc(l->ps.n ? l->ps.n : 1, sizeof *r);
	if (dl.items == NULL || r == NULL)
		goto oom;
	for (size_t i = 0; i < l->ps.n; i++) {
		const struct podman_container *c = &l->ps.items[i];
		struct state_database *d = &dl.items[dl.n];
		struct mpd_db_tag tag;
		struct mpd_err pe = { .code = MPD_ERR_NONE };

		if (!is_db(c) || mpd_db_id_parse(label_of(c, MPD_LABEL_NAME),
		    &tag, &pe) != 0 || strcmp(tag.container, c->name) != 0)
			continue;
		d->container_name = strdup(c->name);
		d->database_id = strdup(tag.id);
		d->engine = strdup(tag.engine);
		d->version = strdup(tag.version);
		d->status = c->state == MPD_CONTAINER_RUNNING ?
		    STATE_DB_RUNNING : STATE_DB_STOPPED;
		dl.n++;
		if (!d->container_name || !d->database_id || !d->engine ||
		    !d->version)
			goto oom;
		if (c->state == MPD_CONTAINER_RUNNING &&
		    *label_of(c, MPD_LABEL_IP) != '\0') {
			char *name = malloc(strlen(tag.dns_name) + 1);

			if (name == NULL)
				goto oom;
			strcpy(name, tag.dns_name);
			r[nr].name = name;
			r[nr++].ipv4 = label_of(c, MPD_LABEL_IP);
		}
	}
	if (state_databases_set(&dl, e) == 0 &&
	    dns_records_set(DB_DNS_GROUP, r, nr, NULL, e) == 0)
		rc = 0;
	goto out;
oom:
	mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
out:
	for (size_t i = 0; i < nr; i++)
		free((char *)r[i].name);
	free(r);
	state_database_list_free(&dl);
	return rc;
}
