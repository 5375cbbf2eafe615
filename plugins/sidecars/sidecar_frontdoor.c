/* sidecar_frontdoor.c - the frontdoor sidecar: Caddy in every php and node
 * runtime pod (<pod>-frontdoor), serving each running project's https URLs
 * on the runtime's address with the project's leaf certificate.  The
 * Caddyfile is rendered by frontdoor_render.c; the core writes it and runs
 * the reload step.  Contract: docs/RUNTIMES.md, "The frontdoor"; image:
 * assets/sidecars/frontdoor/Containerfile. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpd/plugin.h>
#include <mpd/names.h>

#include "frontdoor_check.h"
#include "frontdoor_render.h"
#include "../plugin_path.h"

#define FD_NAME		"frontdoor"
#define FD_IMAGE	"localhost/mpd-sidecar-" FD_NAME ":latest"
#define FD_CONFIG_DIR	"/etc/mpd/" FD_NAME	/* in the container */
#define FD_CONFIG_FILE	"Caddyfile"
#define FD_RELOAD_MS	15000

struct frontdoor {
	const struct mpd_host_api *host;
	mpd_host_ctx *ctx;
	char context[PATH_MAX];		/* <assets>/sidecars/frontdoor */
	char certs[PATH_MAX];		/* <conf>/certs */
	char state[PATH_MAX];		/* the plugin's state dir */
	char confdir[PATH_MAX];		/* <state>/<runtime> */
	char config_path[PATH_MAX];	/* <confdir>/Caddyfile */
	char name[128];			/* <pod>-frontdoor */
	char revision[24];
	char *config;			/* the last render (malloc'ed) */
	struct mpd_mount mounts[3];
	struct mpd_container_spec spec;
	struct mpd_step reload;
	struct mpd_sidecar_desc desc;
};

static struct frontdoor fd;

/* Caddy binds 443 and reads the leaf keys (0600, the dev user's) as root;
 * nothing else */
static const char *const fd_drop[] = { "ALL", NULL };
static const char *const fd_caps[] = {
	"NET_BIND_SERVICE", "DAC_READ_SEARCH", NULL,
};

/* The core writes <config_path>.new, runs this, and renames .new over
 * config_path only when it succeeded.  --force: the same text reloads
 * too, so renewed certificates are read again. */
static const char *const fd_reload_argv[] = {
	"caddy", "reload", "--config", FD_CONFIG_DIR "/" FD_CONFIG_FILE ".new",
	"--adapter", "caddyfile", "--address", FD_ADMIN_ADDRESS, "--force",
	NULL,
};

/* "<root of `which`>/<tail>" into out[n]; MPD_OK or an error set. */
static int
host_path(struct frontdoor *f, enum mpd_host_path which, const char *tail,
	  char *out, size_t n)
{
	return plugin_host_path(f->host, f->ctx, which, tail, out, n);
}

static int
frontdoor_init(const struct mpd_host_api *host, mpd_host_ctx *ctx,
	       void **state)
{
	struct frontdoor *f = &fd;
	const char *st;
	int rc;

	memset(f, 0, sizeof *f);
	f->host = host;
	f->ctx = ctx;
	*state = f;
	rc = host_path(f, MPD_HOST_PATH_ASSETS, "sidecars/" FD_NAME, f->context,
	    sizeof f->context);
	if (rc == MPD_OK)
		rc = host_path(f, MPD_HOST_PATH_CONF, "certs", f->certs,
		    sizeof f->certs);
	if (rc != MPD_OK)
		return rc;
	st = host->path(ctx, MPD_HOST_PATH_PLUGIN_STATE);
	if (st == NULL || strlen(st) >= sizeof f->state)
		return host->set_error(ctx, MPD_EINVAL,
		    "the host gave no usable state directory");
	memcpy(f->state, st, strlen(st) + 1);
	return MPD_OK;
}

static void
frontdoor_fini(void *state)
{
	struct frontdoor *f = state;

	free(f->config);
	f->config = NULL;
}

static void
fnv(uint64_t *h, const char *s)
{
	for (; s != NULL && *s; s++)
		*h = (*h ^ (unsigned char)*s) * 1099511628211u;
	*h = (*h ^ 0xffu) * 1099511628211u;	/* field separator */
}

/* What the container is (never the config: a config change is a reload),
 * as 16 hex digits. */
static void
spec_revision(struct frontdoor *f)
{
	const struct mpd_container_spec *s = &f->spec;
	uint64_t h = 14695981039346656037u;
	char num[16];

	fnv(&h, s->name);
	fnv(&h, s->image);
	for (size_t i = 0; i < s->n_mounts; i++) {
		snprintf(num, sizeof num, "%u", (unsigned)s->mounts[i].flags);
		fnv(&h, s->mounts[i].source);
		fnv(&h, s->mounts[i].target);
		fnv(&h, num);
	}
	for (const char *const *c = s->cap_drop; c && *c; c++)
		fnv(&h, *c);
	for (const char *const *c = s->cap_add; c && *c; c++)
		fnv(&h, *c);
	snprintf(num, sizeof num, "%u", (unsigned)s->flags);
	fnv(&h, num);
	snprintf(f->revision, sizeof f->revision, "%016llx",
	    (unsigned long long)h);
}

/* 1 when `pod` is a pod name mpd makes: [a-z0-9-], short enough for the
 * container's name. */
static int
pod_ok(const char *pod)
{
	size_t n = pod ? strlen(pod) : 0;

	if (n == 0 || n + strlen("-" FD_NAME) > 63 || pod[0] == '-')
		return 0;
	return strspn(pod, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static int
paths(struct frontdoor *f, const char *runtime)
{
	int w = snprintf(f->confdir, sizeof f->confdir, "%s/%s", f->state,
	    runtime);
	int v = snprintf(f->config_path, sizeof f->config_path, "%s/"
	    FD_CONFIG_FILE, f->confdir);

	if (w < 0 || (size_t)w >= sizeof f->confdir || v < 0 ||
	    (size_t)v >= sizeof f->config_path)
		return f->host->set_error(f->ctx, MPD_EINVAL,
		    "path too long: %s/%s", f->state, runtime);
	return MPD_OK;
}

static int
frontdoor_describe(void *state, const struct mpd_sidecar_input *in,
		   struct mpd_sidecar_desc *out)
{
	struct frontdoor *f = state;
	char err[512];
	char *config = NULL;
	int rc;

	if (out == NULL || out->struct_size < sizeof *out)
		return f->host->set_error(f->ctx, MPD_EINVAL,
		    "describe needs a struct mpd_sidecar_desc of ABI 1.2");
	if (in == NULL ||
	    !MPD_HAS_FIELD(in, struct mpd_sidecar_input, projects_json) ||
	    !fd_check_runtime(in->runtime) || !pod_ok(in->pod))
		return f->host->set_error(f->ctx, MPD_EINVAL,
		    "the frontdoor needs a runtime name, a pod name and the "
		    "runtime's projects");
	if ((rc = paths(f, in->runtime)) != MPD_OK)
		return rc;
	if (fd_render(in->projects_json, in->runtime, &config, err,
	    sizeof err) != 0)
		return f->host->set_error(f->ctx, MPD_EINVAL,
		    "frontdoor of runtime %s: %s", in->runtime, err);
	free(f->config);
	f->config = config;
	snprintf(f->name, sizeof f->name, "%s-" FD_NAME, in->pod);

	f->mounts[0] = (struct mpd_mount){ MPD_VOLUME_NAME, MPD_VOLUME_TARGET,
	    MPD_MOUNT_VOLUME | MPD_MOUNT_RO };
	f->mounts[1] = (struct mpd_mount){ f->certs, MPD_CONTAINER_CERTS,
	    MPD_MOUNT_RO };
	f->mounts[2] = (struct mpd_mount){ f->confdir, FD_CONFIG_DIR,
	    MPD_MOUNT_RO };
	memset(&f->spec, 0, sizeof f->spec);
	f->spec.struct_size = sizeof f->spec;
	f->spec.name = f->name;
	f->spec.image = FD_IMAGE;
	f->spec.mounts = f->mounts;
	f->spec.n_mounts = 3;
	f->spec.cap_drop = fd_drop;
	f->spec.cap_add = fd_caps;
	f->spec.flags = MPD_CONTAINER_RESTART | MPD_CONTAINER_READ_ONLY |
	    MPD_CONTAINER_NO_NEW_PRIVS;
	spec_revision(f);
	f->spec.revision = f->revision;

	f->reload = (struct mpd_step){
		.struct_size = sizeof f->reload,
		.label = "Reloading the frontdoor",
		.user = "root",
		.argv = fd_reload_argv,
		.timeout_ms = FD_RELOAD_MS,
	};
	memset(&f->desc, 0, sizeof f->desc);
	f->desc.struct_size = sizeof f->desc;
	f->desc.wanted = 1;
	f->desc.container = &f->spec;
	f->desc.config_path = f->config_path;
	f->desc.config = f->config;
	f->desc.reload = &f->reload;
	f->desc.build_context = f->context;
	*out = f->desc;
	return MPD_OK;
}

static const struct mpd_sidecar_ops frontdoor_ops = {
	.struct_size = sizeof(struct mpd_sidecar_ops),
	.describe = frontdoor_describe,
};

MPD_PLUGIN_DEFINE(SIDECAR, FD_NAME, PACKAGE_VERSION,
    "Caddy in each php/node runtime pod: the projects' https URLs",
    frontdoor_init, frontdoor_fini, frontdoor_ops)
