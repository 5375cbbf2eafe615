/* sidecars.c - reconcile a runtime pod's sidecars (see sidecars.h). */
#include "sidecars.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "images.h"
#include "log.h"
#include "paths.h"
#include "plugin_host.h"
#include "podman.h"
#include "podman_names.h"
#include "project_view.h"
#include "revision.h"
#include "sidecar_site.h"
#include "runtimes.h"
#include "state_projects.h"
#include "state_store.h"
#include "strv.h"

#define SIDECAR_RELOAD_TIMEOUT_MS (30 * 1000)

/* A runtime's desired sidecars: its plugin's default_sidecars and the
 * sidecars its running projects ask for (state_project.sidecars; a name
 * no sidecar plugin has is ignored). */
static bool
desired(const struct runtime_def *d, const char *const *wished,
	const char *name)
{
	for (const char *const *s = d->desc.default_sidecars; s && *s; s++)
		if (strcmp(*s, name) == 0)
			return true;
	for (const char *const *s = wished; s && *s; s++)
		if (strcmp(*s, name) == 0)
			return true;
	return false;
}

/* --images bakes the on-demand sidecars too (WebDriver, Valkey: a
 * project may ask for them) on every runtime that carries sidecars. */
static bool
on_demand_for(const struct runtime_def *d, const struct plugin_loaded *p)
{
	(void)p;
	return d->desc.default_sidecars != NULL &&
	    d->desc.default_sidecars[0] != NULL;
}

/* The sidecars the running projects of runtime `d` ask for, into *out
 * (a strv the caller frees; may hold repeats). */
static int
wished_sidecars(const struct runtime_def *d, char ***out, struct mpd_err *e)
{
	struct state_project_list pl;
	struct strv b = STRV_INIT;

	*out = NULL;
	if (state_projects_load(&pl, e) != 0)
		return -1;
	for (size_t i = 0; i < pl.n; i++) {
		const struct state_project *p = &pl.items[i];

		if (strcmp(p->runtime_name, d->name) != 0 ||
		    p->requested != STATE_REQUESTED_RUNNING)
			continue;
		for (char **c = p->sidecars; c != NULL && *c; c++)
			strv_push(&b, *c);
	}
	state_project_list_free(&pl);
	if ((*out = strv_take(&b)) == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	return 0;
}

/* The image want of a sidecar with a build context (ABI 1.2); false when
 * it has none (an image podman has or pulls).  `cf` (PATH_MAX + 16) holds
 * the Containerfile's path. */
static bool
sidecar_want(const struct mpd_sidecar_desc *desc, struct images_want *w,
	     char *cf)
{
	if (!MPD_HAS_FIELD(desc, struct mpd_sidecar_desc, build_context) ||
	    desc->build_context == NULL)
		return false;
	snprintf(cf, PATH_MAX + 16, "%s/Containerfile", desc->build_context);
	memset(w, 0, sizeof *w);
	w->tag = desc->container->image;
	w->containerfile = cf;
	w->context_dir = desc->build_context;
	return true;
}

/* Build the sidecar's image when its inputs changed. */
static int
sidecar_image(struct lc *l, const char *plugin,
	      const struct mpd_sidecar_desc *desc, struct mpd_err *e)
{
	char cf[PATH_MAX + 16];
	struct images_want w;
	struct images_result r;

	if (!sidecar_want(desc, &w, cf))
		return 0;
	if (images_ensure(&w, 1, &r, e) != 0)
		return mpd_err_prefix(e, "sidecar '%s'", plugin);
	if (r.built) {
		char what[160];

		snprintf(what, sizeof what, "image %s", w.tag);
		lc_changed(l, what);
	}
	return 0;
}

/* The hash of a sidecar's build context (Containerfile, files) without
 * asking podman, "" without one: part of its revision. */
static int
context_hash(const struct mpd_sidecar_desc *desc, char *out, struct mpd_err *e)
{
	char cf[PATH_MAX + 16];
	struct images_want w;

	out[0] = '\0';
	if (!sidecar_want(desc, &w, cf))
		return 0;
	return images_inputs_hash(&w, "(configured base)", "(context only)",
	    out, e);
}

static int
write_config(const char *path, const char *text, struct mpd_err *e)
{
	char dir[PATH_MAX];
	char *slash;

	snprintf(dir, sizeof dir, "%s", path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		if (state_store_mkdirs(dir, 0755, e) != 0)
			return -1;
	}
	return state_store_write_atomic(path, text, strlen(text),
	    STATE_FILE_MODE, e);
}

/* The bytes of `path`, or NULL when it cannot be read.  Caller frees. */
static char *
read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (f == NULL)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 8192);

			if (nb == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		size_t got = fread(buf + n, 1, 4096, f);

		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	buf[n] = '\0';
	return buf;
}

/* True when config_path already holds exactly the rendered config. */
static bool
config_current(const struct mpd_sidecar_desc *desc)
{
	char *old = read_text(desc->config_path);
	bool same = old != NULL && strcmp(old, desc->config) == 0;

	free(old);
	return same;
}

/* Apply a changed config to a running sidecar through its reload step
 * (the caller checked that it has one). */
static int
reload(struct lc *l, const char *plugin, const char *container,
       const struct mpd_sidecar_desc *desc, struct mpd_err *e)
{
	char next[PATH_MAX], line[400];
	struct mpd_exec_result r;
	int rc;

	if (config_current(desc))
		return 0;
	snprintf(next, sizeof next, "%s.new", desc->config_path);
	if (write_config(next, desc->config, e) != 0)
		return -1;
	{
		struct mpd_exec_request req = {
			.struct_size = sizeof req,
			.container = container,
			.user = desc->reload->user ? desc->reload->user : "root",
			.argv = desc->reload->argv,
			.env = desc->reload->env,
			.timeout_ms = desc->reload->timeout_ms > 0 ?
			    desc->reload->timeout_ms : SIDECAR_RELOAD_TIMEOUT_MS,
		};

		memset(&r, 0, sizeof r);
		r.struct_size = sizeof r;
		rc = podman_exec(&req, &r, e);
	}
	if (rc != 0 || r.exit_status != 0) {
		unlink(next);
		if (rc == 0)
			mpd_err_set(e, MPD_ERR_EXEC,
			    "sidecar '%s' refused its new config (the old one "
			    "keeps serving): %s", plugin,
			    runtime_exec_message(&r, line, sizeof line));
		runtime_exec_free(&r);
		return -1;
	}
	runtime_exec_free(&r);
	if (rename(next, desc->config_path) != 0)
		return mpd_err_set(e, MPD_ERR_IO, "rename %s: %s", next,
		    strerror(errno));
	lc_changed(l, "sidecar config reloaded");
	return 0;
}

/* Ask sidecar plugin `p` to describe itself for runtime `d`. */
static int
describe(const struct runtime_def *d, struct plugin_loaded *p,
	 const char *projects_json, struct mpd_sidecar_desc *desc,
	 struct mpd_err *e)
{
	const struct mpd_sidecar_ops *ops = p->desc->ops;
	struct mpd_sidecar_input in = {
		.struct_size = sizeof in,
		.runtime = d->name,
		.pod = d->pod,
		.projects_json = projects_json,
	};

	memset(desc, 0, sizeof *desc);
	desc->struct_size = sizeof *desc;
	if (ops->describe(p->state, &in, desc) != MPD_OK) {
		const char *msg = plugin_host_ctx_error(p->ctx);

		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "sidecar '%s' of runtime '%s': %s", p->name, d->name,
		    *msg ? msg : "describe failed");
	}
	return 0;
}

/* The web UIs sidecar `p` declares (ABI 1.4) while it is wanted. */
static int
collect_urls(const struct runtime_def *d, struct plugin_loaded *p,
	     const char *projects_json, struct sidecar_site *site,
	     struct mpd_err *e)
{
	struct mpd_sidecar_desc desc;

	if (describe(d, p, projects_json, &desc, e) != 0)
		return -1;
	if (!desc.wanted || desc.container == NULL ||
	    !MPD_HAS_FIELD(&desc, struct mpd_sidecar_desc, n_urls))
		return 0;
	for (size_t i = 0; i < desc.n_urls && desc.urls != NULL; i++)
		if (sidecar_site_add(site, p->name, desc.urls[i].label,
		    desc.urls[i].upstream, e) != 0)
			return -1;
	return 0;
}

static int
ensure_one(struct lc *l, const struct runtime_def *d, struct plugin_loaded *p,
	   const char *projects_json, struct mpd_err *e)
{
	struct mpd_sidecar_desc desc;
	struct mpd_container_spec spec;
	struct podman_owner owner = {
		.type = MPD_TYPE_SIDECAR, .plugin = p->name, .kind = "sidecar",
		.name = p->name, .pod = d->pod,
	};
	char name[160], inputs[MPD_SHA256_HEX], rev[MPD_SHA256_HEX];
	const struct podman_container *c;
	const char *have;

	if (describe(d, p, projects_json, &desc, e) != 0)
		return -1;
	snprintf(name, sizeof name, "%s-%s", d->pod, p->name);
	c = podman_ps_find(&l->ps, name);
	if (!desc.wanted || desc.container == NULL) {
		if (c != NULL && podman_rm(name, e) != 0)
			return -1;
		return 0;
	}
	/* the revision hashes the image's build context, read here: a
	 * current sidecar costs no podman call (not even an image listing) */
	if (context_hash(&desc, inputs, e) != 0)
		return mpd_err_prefix(e, "sidecar '%s'", p->name);
	spec = *desc.container;
	spec.struct_size = sizeof spec;
	spec.name = name;
	spec.ip = NULL;
	spec.hostname = NULL;
	spec.aliases = NULL;
	spec.dns = NULL;
	if (container_revision(&spec, &owner, inputs[0] ? inputs : NULL,
	    l->ctx.vm.ca_fingerprint, rev, e) != 0)
		return mpd_err_prefix(e, "sidecar '%s'", p->name);
	spec.revision = rev;
	have = c ? podman_container_label(c, MPD_LABEL_REVISION) : NULL;
	if (c != NULL && have != NULL && strcmp(have, rev) == 0) {
		if (c->state != MPD_CONTAINER_RUNNING &&
		    podman_start(name, e) != 0)
			return -1;
		if (desc.config == NULL || desc.config_path == NULL)
			return 0;
		if (desc.reload != NULL && desc.reload->argv != NULL)
			return reload(l, p->name, name, &desc, e);
		/* no reload step: it reads its config when it starts, so a
		 * changed config recreates it below */
		if (config_current(&desc))
			return 0;
	}
	/* new or changed: its image first (built when its inputs changed) */
	if (sidecar_image(l, p->name, &desc, e) != 0)
		return -1;
	/* then boot it with the config in place, and with the
	 * directories it mounts from mpd's own tree (the certificates'
	 * directory exists only once a first leaf was issued) */
	for (size_t m = 0; m < spec.n_mounts; m++) {
		const struct mpd_mount *mt = &spec.mounts[m];
		const char *var = mpd_path(MPD_PATH_VARLIB);
		struct stat st;

		if ((mt->flags & MPD_MOUNT_VOLUME) != 0 || mt->source == NULL ||
		    strncmp(mt->source, var, strlen(var)) != 0 ||
		    stat(mt->source, &st) == 0)
			continue;
		if (state_store_mkdirs(mt->source, 0700, e) != 0)
			return mpd_err_prefix(e, "sidecar '%s'", p->name);
	}
	if (desc.config != NULL && desc.config_path != NULL &&
	    write_config(desc.config_path, desc.config, e) != 0)
		return -1;
	if (c != NULL && podman_rm(name, e) != 0)
		return -1;
	if (podman_run(&spec, &owner, e) != 0)
		return mpd_err_prefix(e, "sidecar '%s'", p->name);
	lc_changed(l, c ? "sidecar recreated" : "sidecar created");
	lc_ok(l, "%s %s in %s", p->name, c ? "recreated" : "created", d->pod);
	return 0;
}

int
sidecars_images(struct lc *l, const struct runtime_def *d, struct mpd_err *e)
{
	struct plugin_registry *reg = &l->ctx.reg;
	char empty[160];

	snprintf(empty, sizeof empty, "{\"runtime\": \"%s\", \"projects\": []}",
	    d->name);
	for (size_t i = 0; i < reg->n; i++) {
		struct plugin_loaded *p = &reg->plugins[i];
		const struct mpd_sidecar_ops *ops;
		struct mpd_sidecar_input in = {
			.struct_size = sizeof in, .runtime = d->name,
			.pod = d->pod, .projects_json = empty,
		};
		struct mpd_sidecar_desc desc;
		if (p->desc->kind != MPD_PLUGIN_SIDECAR ||
		    !(desired(d, NULL, p->name) || on_demand_for(d, p)))
			continue;
		if (plugin_registry_get(reg, MPD_PLUGIN_SIDECAR, p->name, e) ==
		    NULL)
			return -1;
		ops = p->desc->ops;
		memset(&desc, 0, sizeof desc);
		desc.struct_size = sizeof desc;
		if (ops->describe(p->state, &in, &desc) != MPD_OK) {
			const char *msg = plugin_host_ctx_error(p->ctx);

			return mpd_err_set(e, MPD_ERR_PLUGIN, "sidecar '%s': %s",
			    p->name, *msg ? msg : "describe failed");
		}
		if (desc.container != NULL &&
		    sidecar_image(l, p->name, &desc, e) != 0)
			return -1;
	}
	return 0;
}

int
sidecars_reconcile(struct lc *l, const struct runtime_def *d,
		   struct mpd_err *e)
{
	struct plugin_registry *reg = &l->ctx.reg;
	struct sidecar_site site = { NULL, 0 };
	char *view = NULL, **wished = NULL;
	int rc = 0;

	if (wished_sidecars(d, &wished, e) != 0)
		return -1;
	if (project_view_sidecar_json(d->name, &view, e) != 0) {
		strv_free(wished);
		return -1;
	}
	/* first the web UIs the wanted sidecars declare: the frontdoor's
	 * view carries them as the runtime's own site */
	for (size_t i = 0; rc == 0 && i < reg->n; i++) {
		struct plugin_loaded *p = &reg->plugins[i];

		if (p->desc->kind != MPD_PLUGIN_SIDECAR ||
		    !desired(d, (const char *const *)wished, p->name))
			continue;
		if (plugin_registry_get(reg, MPD_PLUGIN_SIDECAR, p->name, e) ==
		    NULL)
			rc = -1;
		else
			rc = collect_urls(d, p, view, &site, e);
	}
	if (rc == 0)
		rc = sidecar_site_publish(l, d, &site, &view, e);
	sidecar_site_free(&site);
	for (size_t i = 0; rc == 0 && i < reg->n; i++) {
		struct plugin_loaded *p = &reg->plugins[i];

		if (p->desc->kind != MPD_PLUGIN_SIDECAR ||
		    !desired(d, (const char *const *)wished, p->name))
			continue;
		rc = ensure_one(l, d, p, view, e);
	}
	free(view);
	if (rc != 0) {
		strv_free(wished);
		return -1;
	}
	/* sidecars of this pod that are not desired any more */
	for (size_t i = 0; rc == 0 && i < l->ps.n; i++) {
		const struct podman_container *c = &l->ps.items[i];
		const char *type = podman_container_label(c, MPD_LABEL_TYPE);
		const char *pod = podman_container_label(c, MPD_LABEL_POD);
		const char *plugin = podman_container_label(c, MPD_LABEL_PLUGIN);

		if (type == NULL || pod == NULL || plugin == NULL ||
		    strcmp(type, MPD_TYPE_SIDECAR) != 0 ||
		    strcmp(pod, d->pod) != 0 ||
		    desired(d, (const char *const *)wished, plugin))
			continue;
		if (podman_rm(c->name, e) != 0)
			rc = -1;
		else {
			lc_changed(l, "sidecar removed");
			lc_ok(l, "%s removed from %s (no project needs it)",
			    plugin, d->pod);
		}
	}
	strv_free(wished);
	return rc;
}
