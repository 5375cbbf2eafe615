/* runtimes.c - runtime definitions and the runtime lifecycle (see
 * runtimes.h). */
#include "runtimes.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "certs_store.h"
#include "dns_records.h"
#include "images.h"
#include "log.h"
#include "paths.h"
#include "plugin_host.h"
#include "podman.h"
#include "podman_names.h"
#include "project_restore.h"
#include "sidecar_site.h"
#include "sidecars.h"
#include "state_runtimes.h"
#include "strv.h"

#define RUNTIME_STOP_TIMEOUT_S	10
#define RUNTIME_PHASE_TIMEOUT_MS (15 * 60 * 1000)

/* ---- definitions ----------------------------------------------------------- */

void
runtimes_free(struct runtime_set *s)
{
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

int
runtimes_describe(struct lc *l, struct runtime_set *out, struct mpd_err *e)
{
	struct plugin_registry *reg = &l->ctx.reg;
	const struct vm_context *vm = &l->ctx.vm;

	out->v = calloc(reg->n ? reg->n : 1, sizeof *out->v);
	out->n = 0;
	if (out->v == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	for (size_t i = 0; i < reg->n; i++) {
		struct plugin_loaded *p = &reg->plugins[i];
		const struct mpd_runtime_ops *ops;
		struct runtime_def *d = &out->v[out->n];
		struct mpd_runtime_input in = {
			.struct_size = sizeof in,
			.name = p->name,
			.instance_suffix = vm->platform.instance_suffix,
			.dev_user = vm->user,
			.dev_uid = (uint32_t)vm->uid,
		};
		int rc;

		if (p->desc->kind != MPD_PLUGIN_RUNTIME)
			continue;
		if (plugin_registry_get(reg, MPD_PLUGIN_RUNTIME, p->name, e) ==
		    NULL)
			goto fail;
		ops = p->desc->ops;
		memset(d, 0, sizeof *d);
		d->p = p;
		d->name = p->name;
		d->desc.struct_size = sizeof d->desc;
		rc = ops->describe(p->state, &in, &d->desc);
		if (rc != MPD_OK) {
			const char *msg = plugin_host_ctx_error(p->ctx);

			mpd_err_set(e, MPD_ERR_PLUGIN,
			    "runtime plugin '%s': describe failed (%d)%s%s",
			    p->name, rc, *msg ? ": " : "", msg);
			goto fail;
		}
		/* a 1.0/1.1 plugin wrote less: the rest stays zero */
		if (d->desc.main == NULL || d->desc.image == NULL ||
		    d->desc.ip == NULL) {
			mpd_err_set(e, MPD_ERR_PLUGIN,
			    "runtime plugin '%s' described no image, address "
			    "or main container", p->name);
			goto fail;
		}
		snprintf(d->asset_dir, sizeof d->asset_dir, "%s",
		    d->desc.asset_dir ? d->desc.asset_dir : p->name);
		snprintf(d->pod, sizeof d->pod, MPD_POD_PREFIX "%s-%s",
		    vm->platform.instance_suffix, p->name);
		snprintf(d->hostname, sizeof d->hostname,
		    MPD_RUNTIME_HOST_PREFIX "%s%s", p->name,
		    vm->platform.instance_suffix);
		snprintf(d->dns, sizeof d->dns, "%s." MPD_RUNTIME_ZONE,
		    p->name);
		out->n++;
	}
	return 0;
fail:
	runtimes_free(out);
	return -1;
}

const struct runtime_def *
runtimes_find(const struct runtime_set *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].name, name) == 0)
			return &s->v[i];
	return NULL;
}

bool
runtime_owns_type(const struct runtime_def *d, const char *type)
{
	for (const char *const *t = d->desc.project_types; t && *t; t++)
		if (strcmp(*t, type) == 0)
			return true;
	return false;
}

const struct runtime_def *
runtimes_for_type(const struct runtime_set *s, const char *type)
{
	for (size_t i = 0; i < s->n; i++)
		if (runtime_owns_type(&s->v[i], type))
			return &s->v[i];
	return NULL;
}

bool
runtime_provides(const struct runtime_def *d, const char *key,
		 const char *value)
{
	size_t kl = strlen(key);

	for (const char *const *p = d->desc.provides; p && *p; p++)
		if (strncmp(*p, key, kl) == 0 && (*p)[kl] == '=' &&
		    strcmp(*p + kl + 1, value) == 0)
			return true;
	return false;
}

void
runtimes_type_list(const struct runtime_set *s, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < s->n; i++)
		for (const char *const *t = s->v[i].desc.project_types; t && *t;
		     t++) {
			bool seen = false;

			/* a type two runtimes own (moodle: php, php82) once */
			for (size_t j = 0; j < i && !seen; j++)
				seen = runtime_owns_type(&s->v[j], *t);
			if (seen || used >= n)
				continue;
			used += (size_t)snprintf(buf + used, n - used, "%s%s",
			    used ? ", " : "", *t);
		}
}

const char *
runtime_main_name(const struct runtime_def *d, char *buf, size_t n)
{
	snprintf(buf, n, "%s-" MPD_RUNTIME_MAIN_ROLE, d->pod);
	return buf;
}

enum mpd_container_state
runtime_state(const struct lc *l, const struct runtime_def *d)
{
	char main[128];
	const struct podman_container *c;

	c = podman_ps_find(&l->ps, runtime_main_name(d, main, sizeof main));
	return c ? c->state : MPD_CONTAINER_MISSING;
}

/* True when l->ps lists the pod's infra container. */
static bool
pod_listed(const struct lc *l, const struct runtime_def *d)
{
	for (size_t i = 0; i < l->ps.n; i++) {
		const struct podman_container *c = &l->ps.items[i];
		const char *rt = podman_container_label(c, MPD_LABEL_RUNTIME);

		if (c->is_infra && rt != NULL && strcmp(rt, d->name) == 0)
			return true;
	}
	return false;
}

/* ---- exec ------------------------------------------------------------------- */

void
runtime_exec_free(struct mpd_exec_result *r)
{
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof *r);
}

int
runtime_exec(struct lc *l, const struct runtime_def *d, const char *user,
	     const char *const *argv, const char *const *env, const char *in,
	     int timeout_ms, struct mpd_exec_result *out, struct mpd_err *e)
{
	char main[128];
	struct mpd_exec_request req = {
		.struct_size = sizeof req,
		.container = runtime_main_name(d, main, sizeof main),
		.user = user ? user : l->ctx.vm.user,
		.argv = argv,
		.env = env,
		.stdin_data = in,
		.stdin_len = in ? strlen(in) : 0,
		.timeout_ms = timeout_ms,
	};

	memset(out, 0, sizeof *out);
	out->struct_size = sizeof *out;
	return podman_exec(&req, out, e);
}

const char *
runtime_last_line(const char *s, char *buf, size_t n)
{
	size_t len = s ? strlen(s) : 0, start;

	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r' ||
	    s[len - 1] == ' '))
		len--;
	start = len;
	while (start > 0 && s[start - 1] != '\n')
		start--;
	snprintf(buf, n, "%.*s", (int)(len - start), s ? s + start : "");
	return buf;
}

const char *
runtime_exec_message(const struct mpd_exec_result *r, char *buf, size_t n)
{
	return runtime_last_line(r->err && *r->err ? r->err : r->out, buf, n);
}

/* Run one step; a failure names the step and its last output line. */
static int
run_step(struct lc *l, const struct runtime_def *d,
	 const struct mpd_step *st, const char *const *env_extra,
	 struct mpd_err *e)
{
	struct mpd_exec_result r;
	struct strv env = STRV_INIT;
	char line[400];
	int rc;

	for (const char *const *v = st->env; v && *v; v++)
		strv_push(&env, *v);
	for (const char *const *v = env_extra; v && *v; v++)
		strv_push(&env, *v);
	if (env.oom) {
		strv_reset(&env);
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	}
	lc_step(l, st->label ? st->label : "running a step");
	rc = runtime_exec(l, d, st->user, st->argv,
	    env.len ? (const char *const *)env.v : NULL, NULL,
	    st->timeout_ms > 0 ? st->timeout_ms : RUNTIME_PHASE_TIMEOUT_MS,
	    &r, e);
	strv_reset(&env);
	if (rc != 0)
		return mpd_err_prefix(e, "runtime '%s'", d->name);
	if (r.exit_status != 0) {
		mpd_err_set(e, MPD_ERR_EXEC,
		    "runtime '%s': %s failed (%s%d): %s", d->name,
		    st->label ? st->label : st->argv[0],
		    r.timed_out ? "timed out, " : "exit ", r.exit_status,
		    runtime_exec_message(&r, line, sizeof line));
		if (r.err && *r.err)
			mpd_debug("%s", r.err);
		runtime_exec_free(&r);
		return -1;
	}
	runtime_exec_free(&r);
	return 0;
}

/* Wait for the runtime's readiness probe. */
static int
wait_ready(struct lc *l, const struct runtime_def *d, struct mpd_err *e)
{
	const struct mpd_probe *p = d->desc.ready;
	int attempts, interval;

	if (p == NULL || p->argv == NULL)
		return 0;
	attempts = p->attempts > 0 ? p->attempts : 60;
	interval = p->interval_ms > 0 ? p->interval_ms : 500;
	for (int i = 0; i < attempts; i++) {
		struct mpd_exec_result r;

		if (runtime_exec(l, d, "root", p->argv, NULL, NULL, 10000, &r,
		    e) == 0 && r.exit_status == 0) {
			runtime_exec_free(&r);
			return 0;
		}
		runtime_exec_free(&r);
		usleep((useconds_t)interval * 1000);
	}
	return mpd_err_set(e, MPD_ERR_TIMEOUT,
	    "runtime '%s' did not become ready in %d s (systemd inside did "
	    "not reach running): see sudo podman logs %s-main", d->name,
	    attempts * interval / 1000, d->pod);
}

/* ---- provisioning input: the CA and the developer's public keys ----------- */

static int
append_file(struct strv *lines, const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[16384];

	if (f == NULL)
		return 0;
	while (fgets(buf, sizeof buf, f) != NULL) {
		size_t n = strlen(buf);
		bool dup = false;

		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
			buf[--n] = '\0';
		if (n == 0 || buf[0] == '#')
			continue;
		for (size_t i = 0; i < lines->len; i++)
			if (strcmp(lines->v[i], buf) == 0)
				dup = true;
		if (!dup)
			strv_push(lines, buf);
	}
	fclose(f);
	return 0;
}

/* "MPD_AUTHORIZED_KEYS=<lines>": ~/.ssh/authorized_keys and
 * ~/.ssh/id_*.pub, deduplicated.  Caller frees. */
static char *
authorized_keys_env(const struct vm_context *vm, struct mpd_err *e)
{
	struct strv lines = STRV_INIT;
	char path[PATH_MAX + 32], *out = NULL;
	DIR *dir;
	struct dirent *de;
	size_t len = 0;

	snprintf(path, sizeof path, "%s/.ssh/authorized_keys", vm->home);
	append_file(&lines, path);
	snprintf(path, sizeof path, "%s/.ssh", vm->home);
	if ((dir = opendir(path)) != NULL) {
		struct strv pubs = STRV_INIT;

		while ((de = readdir(dir)) != NULL) {
			size_t n = strlen(de->d_name);

			if (strncmp(de->d_name, "id_", 3) == 0 && n > 4 &&
			    strcmp(de->d_name + n - 4, ".pub") == 0)
				strv_pushf(&pubs, "%s/.ssh/%s", vm->home,
				    de->d_name);
		}
		closedir(dir);
		strv_sort(pubs.v, pubs.len);
		for (size_t i = 0; i < pubs.len; i++)
			append_file(&lines, pubs.v[i]);
		strv_reset(&pubs);
	}
	if (lines.oom) {
		strv_reset(&lines);
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		return NULL;
	}
	if (lines.len == 0) {
		strv_reset(&lines);
		mpd_err_set(e, MPD_ERR_INPUT,
		    "no SSH public key for %s: make one with ssh-keygen -t "
		    "ed25519 (the runtime authorizes %s/.ssh/authorized_keys "
		    "and %s/.ssh/id_*.pub)", vm->user, vm->home, vm->home);
		return NULL;
	}
	for (size_t i = 0; i < lines.len; i++)
		len += strlen(lines.v[i]) + 1;
	out = malloc(len + sizeof "MPD_AUTHORIZED_KEYS=");
	if (out != NULL) {
		char *p = out + sprintf(out, "MPD_AUTHORIZED_KEYS=");

		for (size_t i = 0; i < lines.len; i++)
			p += sprintf(p, "%s\n", lines.v[i]);
	} else {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	}
	strv_reset(&lines);
	return out;
}

/* "MPD_CA_PEM=<the CA certificate>".  Caller frees. */
static char *
ca_env(struct mpd_err *e)
{
	char *path = certs_store_ca_cert_path(), *pem = NULL, *out = NULL;
	size_t len = 0;

	if (path == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		return NULL;
	}
	if (certs_store_read(path, &pem, &len, e) != 0)
		goto out;
	if (pem == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL,
		    "no CA at %s: run mpd --setup first", path);
		goto out;
	}
	out = malloc(len + sizeof "MPD_CA_PEM=");
	if (out == NULL)
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	else
		sprintf(out, "MPD_CA_PEM=%.*s", (int)len, pem);
out:
	free(pem);
	free(path);
	return out;
}

static int
provision(struct lc *l, const struct runtime_def *d, struct mpd_err *e)
{
	char *keys = authorized_keys_env(&l->ctx.vm, e), *ca = NULL;
	const char *extra[3];
	int rc = -1;

	if (keys == NULL || (ca = ca_env(e)) == NULL)
		goto out;
	extra[0] = keys;
	extra[1] = ca;
	extra[2] = NULL;
	for (size_t i = 0; i < d->desc.n_bootstrap; i++)
		if (run_step(l, d, &d->desc.bootstrap[i], extra, e) != 0)
			goto out;
	for (size_t i = 0; i < d->desc.n_provision; i++)
		if (run_step(l, d, &d->desc.provision[i], NULL, e) != 0)
			goto out;
	rc = 0;
out:
	free(keys);
	free(ca);
	return rc;
}

/* ---- images ---------------------------------------------------------------- */

/* The runtime base of d's release, then d's own image. */
static int
ensure_images(struct lc *l, const struct runtime_def *d,
	      struct images_result res[2], struct mpd_err *e);

int
runtime_images(struct lc *l, const struct runtime_def *d, struct mpd_err *e)
{
	struct images_result img[2];

	if (ensure_images(l, d, img, e) != 0)
		return -1;
	lc_ok(l, "%-11s %s", d->name, img[1].built ? "built" :
	    img[0].built ? "built (its base changed)" : "current");
	return 0;
}

static int
ensure_images(struct lc *l, const struct runtime_def *d,
	      struct images_result res[2], struct mpd_err *e)
{
	char base_tag[96], base_cf[PATH_MAX + 16], base_ctx[PATH_MAX];
	char cf[PATH_MAX + 16];
	char *release_base = NULL;
	const char *assets = mpd_path(MPD_PATH_ASSETS);
	struct images_want w[2];
	int rc;

	(void)l;
	memset(w, 0, sizeof w);
	snprintf(base_tag, sizeof base_tag, MPD_RUNTIME_BASE_IMAGE "%s",
	    d->desc.base_release ? d->desc.base_release : "latest");
	snprintf(base_ctx, sizeof base_ctx, "%s/" MPD_RUNTIME_BASE_ASSETS,
	    assets);
	snprintf(base_cf, sizeof base_cf, "%s/Containerfile", base_ctx);
	if (d->desc.base_release != NULL &&
	    images_base_ref_for(d->desc.base_release, &release_base, e) != 0)
		return -1;
	w[0].tag = base_tag;
	w[0].containerfile = base_cf;
	w[0].context_dir = base_ctx;
	w[0].base = release_base;
	if (d->desc.build_context == NULL) {
		free(release_base);
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "runtime plugin '%s' gave no build context", d->name);
	}
	snprintf(cf, sizeof cf, "%s/Containerfile", d->desc.build_context);
	w[1].tag = d->desc.image;
	w[1].containerfile = cf;
	w[1].context_dir = d->desc.build_context;
	w[1].base = base_tag;
	w[1].build_args = d->desc.build_args;
	w[1].n_build_args = d->desc.n_build_args;
	rc = images_ensure(w, 2, res, e);
	free(release_base);
	if (rc != 0)
		return mpd_err_prefix(e, "runtime '%s'", d->name);
	for (int i = 0; i < 2; i++)
		if (res[i].built) {
			char what[160];

			snprintf(what, sizeof what, "image %s", w[i].tag);
			lc_changed(l, what);
		}
	return 0;
}

/* ---- the pod and its main container ---------------------------------------- */

static int
create_pod(const struct runtime_def *d, struct mpd_err *e)
{
	static const char *const dns[] = { MPD_NET_DNS, NULL };
	const struct mpd_kv labels[] = { { MPD_LABEL_RUNTIME, d->name } };
	const char *const aliases[] = { d->dns, NULL };
	struct podman_pod_spec pod = {
		.name = d->pod,
		.hostname = d->hostname,
		.ip = d->desc.ip,
		.aliases = aliases,
		.labels = labels,
		.n_labels = 1,
		.dns = dns,
	};
	struct podman_owner owner = {
		.type = MPD_TYPE_RUNTIME, .plugin = d->name, .kind = "runtime",
		.name = d->name,
	};

	return podman_pod_create(&pod, &owner, e);
}

static int
run_main(const struct runtime_def *d, struct mpd_err *e)
{
	char main[128];
	struct mpd_container_spec spec = *d->desc.main;
	struct podman_owner owner = {
		.type = MPD_TYPE_RUNTIME, .plugin = d->name, .kind = "runtime",
		.name = d->name, .pod = d->pod,
	};

	spec.struct_size = sizeof spec;
	spec.name = runtime_main_name(d, main, sizeof main);
	spec.image = d->desc.image;
	spec.ip = NULL;
	spec.hostname = NULL;
	spec.aliases = NULL;
	spec.dns = NULL;
	return podman_run(&spec, &owner, e);
}

static int
publish_dns(const struct runtime_def *d, bool up, struct mpd_err *e)
{
	char group[96];
	struct dns_record r = { d->dns, d->desc.ip };

	snprintf(group, sizeof group, "runtime-%s", d->name);
	if (dns_records_set(group, &r, up ? 1 : 0, NULL, e) != 0)
		return -1;
	/* its sidecars' site comes back with the sidecars' reconcile */
	return up ? 0 : sidecar_site_unpublish(d, e);
}

static int
register_runtime(const struct runtime_def *d,
		 enum state_runtime_requested req, struct mpd_err *e)
{
	struct state_runtime r = {
		.name = (char *)d->name,
		.ip = (char *)d->desc.ip,
		.runtime = (char *)d->asset_dir,
		.requested = req,
	};

	return state_runtimes_upsert(&r, e);
}

int
runtime_ensure(struct lc *l, const struct runtime_def *d, bool *changed,
	       struct mpd_err *e)
{
	struct state_runtime reg;
	struct mpd_err ge = { .code = MPD_ERR_NONE };
	enum mpd_container_state st = runtime_state(l, d);
	bool registered = state_runtimes_get(d->name, &reg, &ge) == 0;
	bool created = false;

	if (changed != NULL)
		*changed = false;
	if (!registered && ge.code != MPD_ERR_NOTFOUND)
		return mpd_err_set(e, ge.code, "%s", ge.msg);
	if (registered) {
		bool mark_running = reg.requested != STATE_RUNTIME_REQUESTED_RUNNING;

		state_runtime_free(&reg);
		if (st == MPD_CONTAINER_RUNNING) {
			if (mark_running &&
			    register_runtime(d, STATE_RUNTIME_REQUESTED_RUNNING,
			    e) != 0)
				return -1;
			return 0;
		}
		if (st == MPD_CONTAINER_STOPPED) {
			lc_step(l, "Starting runtime");
			if (podman_pod_start(d->pod, e) != 0 ||
			    wait_ready(l, d, e) != 0 ||
			    publish_dns(d, true, e) != 0 ||
			    register_runtime(d, STATE_RUNTIME_REQUESTED_RUNNING,
			    e) != 0 ||
			    lc_ps_refresh(l, e) != 0 ||
			    sidecars_reconcile(l, d, e) != 0 ||
			    projects_restore(l, d, e) != 0)
				return -1;
			lc_changed(l, "runtime started");
			if (changed != NULL)
				*changed = true;
			lc_ok(l, "runtime %s started (%s)", d->name, d->desc.ip);
			return 0;
		}
		/* registered but gone: made again below */
	}
	{
		struct images_result img[2];

		if (ensure_images(l, d, img, e) != 0)
			return -1;
	}
	if (st == MPD_CONTAINER_MISSING) {
		lc_step(l, "Creating runtime");
		if (!pod_listed(l, d) && create_pod(d, e) != 0)
			return mpd_err_prefix(e, "runtime '%s'", d->name);
		if (run_main(d, e) != 0) {
			mpd_err_prefix(e, "runtime '%s'", d->name);
			return -1;
		}
		created = true;
	} else if (st == MPD_CONTAINER_STOPPED) {
		if (podman_pod_start(d->pod, e) != 0)
			return mpd_err_prefix(e, "runtime '%s'", d->name);
	}
	if (wait_ready(l, d, e) != 0 || provision(l, d, e) != 0 ||
	    publish_dns(d, true, e) != 0 ||
	    lc_ps_refresh(l, e) != 0 || sidecars_reconcile(l, d, e) != 0 ||
	    register_runtime(d, STATE_RUNTIME_REQUESTED_RUNNING, e) != 0 ||
	    projects_restore(l, d, e) != 0)
		return -1;
	lc_changed(l, created ? "runtime created" : "runtime provisioned");
	if (changed != NULL)
		*changed = true;
	lc_ok(l, "runtime %s is ready: %s, ssh %s", d->name, d->desc.ip,
	    d->dns);
	return 0;
}

/* Stop the pod, withdraw its DNS; the requested state stays. */
static int
halt(struct lc *l, const struct runtime_def *d, struct mpd_err *e)
{
	if (runtime_state(l, d) == MPD_CONTAINER_RUNNING &&
	    podman_pod_stop(d->pod, RUNTIME_STOP_TIMEOUT_S, e) != 0)
		return mpd_err_prefix(e, "runtime '%s'", d->name);
	return publish_dns(d, false, e) != 0 || projects_unpublish(l, d, e) != 0 ?
	    -1 : 0;
}

int
runtime_halt(struct lc *l, const struct runtime_def *d, struct mpd_err *e)
{
	bool running = runtime_state(l, d) == MPD_CONTAINER_RUNNING;

	if (halt(l, d, e) != 0)
		return -1;
	if (running)
		lc_ok(l, "runtime %s stopped", d->name);
	return 0;
}

int
runtime_stop(struct lc *l, const struct runtime_def *d, struct mpd_err *e)
{
	struct mpd_err ge = { .code = MPD_ERR_NONE };
	struct state_runtime reg;

	if (halt(l, d, e) != 0)
		return -1;
	if (state_runtimes_get(d->name, &reg, &ge) == 0) {
		state_runtime_free(&reg);
		if (state_runtimes_set_requested(d->name,
		    STATE_RUNTIME_REQUESTED_STOPPED, e) != 0)
			return -1;
	}
	return lc_ps_refresh(l, e);
}

int
runtimes_resume(struct lc *l, struct mpd_err *e)
{
	struct runtime_set rs = { NULL, 0 };
	int rc;

	if ((rc = runtimes_describe(l, &rs, e)) != 0)
		return -1;
	for (size_t i = 0; rc == 0 && i < rs.n; i++) {
		struct state_runtime reg;
		struct mpd_err ge = { .code = MPD_ERR_NONE };
		bool want;

		if (state_runtimes_get(rs.v[i].name, &reg, &ge) != 0) {
			if (ge.code != MPD_ERR_NOTFOUND)
				rc = mpd_err_set(e, ge.code, "%s", ge.msg);
			continue;
		}
		want = reg.requested == STATE_RUNTIME_REQUESTED_RUNNING;
		state_runtime_free(&reg);
		if (want)
			rc = runtime_ensure(l, &rs.v[i], NULL, e);
	}
	runtimes_free(&rs);
	return rc;
}

int
runtimes_halt_all(struct lc *l, struct mpd_err *e)
{
	struct runtime_set rs = { NULL, 0 };
	bool any = false;
	int rc;

	if ((rc = runtimes_describe(l, &rs, e)) != 0)
		return -1;

	for (size_t i = 0; rc == 0 && i < rs.n; i++) {
		any |= runtime_state(l, &rs.v[i]) == MPD_CONTAINER_RUNNING;
		rc = runtime_halt(l, &rs.v[i], e);
	}
	runtimes_free(&rs);
	/* current-state.json follows what was stopped */
	if (rc == 0 && any)
		rc = lc_ps_refresh(l, e);
	return rc;
}

int
runtime_delete(struct lc *l, const struct runtime_def *d, struct mpd_err *e)
{
	struct mpd_err ge = { .code = MPD_ERR_NONE };

	if ((runtime_state(l, d) != MPD_CONTAINER_MISSING || pod_listed(l, d)) &&
	    podman_pod_rm(d->pod, e) != 0)
		return mpd_err_prefix(e, "runtime '%s'", d->name);
	if (publish_dns(d, false, e) != 0 || projects_unpublish(l, d, e) != 0)
		return -1;
	if (state_runtimes_delete(d->name, &ge) != 0 &&
	    ge.code != MPD_ERR_NOTFOUND)
		return mpd_err_set(e, ge.code, "%s", ge.msg);
	return lc_ps_refresh(l, e);
}
