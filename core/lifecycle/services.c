/* services.c - the always-on services (see services.h). */
#include "services.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "images.h"
#include "log.h"
#include "plugin_host.h"
#include "podman.h"
#include "podman_argv.h"
#include "podman_names.h"
#include "podman_ps.h"
#include "revision.h"
#include "sha256.h"

#define SERVICE_STOP_TIMEOUT_S 10

struct svc {
	struct plugin_loaded *p;
	struct mpd_service_desc desc;
	struct mpd_container_spec spec;		/* desc.container + revision */
	char containerfile[PATH_MAX];
	int want_image;				/* index into wants, or -1 */
	char revision[MPD_SHA256_HEX];
};

const char *
service_action_name(enum service_action a)
{
	switch (a) {
	case SERVICE_KEPT:	return "kept";
	case SERVICE_STARTED:	return "started";
	case SERVICE_CREATED:	return "created";
	case SERVICE_RECREATED:	return "recreated";
	case SERVICE_STOPPED:	return "stopped";
	}
	return "?";
}

void
services_report_free(struct services_report *rep)
{
	if (rep == NULL)
		return;
	free(rep->v);
	for (size_t i = 0; i < rep->n_dns; i++) {
		free(rep->dns_names[i]);
		free(rep->dns_ips[i]);
	}
	free(rep->dns_names);
	free(rep->dns_ips);
	memset(rep, 0, sizeof *rep);
}

static void
copy_str(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static int
report_add_dns(struct services_report *rep, const char *name, const char *ip)
{
	char **nn = realloc(rep->dns_names, (rep->n_dns + 1) * sizeof *nn);
	char **ni;

	if (nn == NULL)
		return -1;
	rep->dns_names = nn;
	ni = realloc(rep->dns_ips, (rep->n_dns + 1) * sizeof *ni);
	if (ni == NULL)
		return -1;
	rep->dns_ips = ni;
	nn[rep->n_dns] = strdup(name);
	ni[rep->n_dns] = strdup(ip);
	if (nn[rep->n_dns] == NULL || ni[rep->n_dns] == NULL) {
		free(nn[rep->n_dns]);
		free(ni[rep->n_dns]);
		return -1;
	}
	rep->n_dns++;
	return 0;
}

/* Ask every service plugin for its description; fills svcs[] and the
 * report rows.  Descriptions stay valid: each plugin is called once. */
static int
describe_all(struct plugin_registry *reg, const struct mpd_service_input *in,
	     struct svc **out, size_t *nout, struct services_report *rep,
	     struct mpd_err *e)
{
	struct svc *v;
	size_t n = 0;

	*out = NULL;
	*nout = 0;
	v = calloc(reg->n ? reg->n : 1, sizeof *v);
	rep->v = calloc(reg->n ? reg->n : 1, sizeof *rep->v);
	if (v == NULL || rep->v == NULL) {
		free(v);
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	}
	for (size_t i = 0; i < reg->n; i++) {
		struct plugin_loaded *p = &reg->plugins[i];
		const struct mpd_service_ops *ops;
		struct svc *s = &v[n];
		struct service_report *r = &rep->v[n];
		int rc;

		if (p->desc->kind != MPD_PLUGIN_SERVICE)
			continue;
		if (plugin_registry_get(reg, MPD_PLUGIN_SERVICE, p->name, e) == NULL)
			goto fail;
		ops = p->desc->ops;
		s->p = p;
		s->want_image = -1;
		s->desc.struct_size = sizeof s->desc;
		rc = ops->describe(p->state, in, &s->desc);
		if (rc != MPD_OK) {
			const char *msg = plugin_host_ctx_error(p->ctx);

			mpd_err_set(e, MPD_ERR_PLUGIN,
			    "service plugin '%s': describe failed (%d)%s%s",
			    p->name, rc, *msg ? ": " : "", msg);
			goto fail;
		}
		if (s->desc.container == NULL ||
		    s->desc.container->struct_size <
		    offsetof(struct mpd_container_spec, revision) + sizeof(char *)) {
			mpd_err_set(e, MPD_ERR_PLUGIN,
			    "service plugin '%s' described no container (or a truncated one)",
			    p->name);
			goto fail;
		}
		s->spec = *s->desc.container;
		s->spec.struct_size = sizeof s->spec;
		copy_str(r->name, sizeof r->name, p->name);
		copy_str(r->container, sizeof r->container, s->spec.name);
		copy_str(r->ip, sizeof r->ip, s->spec.ip);
		copy_str(r->access, sizeof r->access, s->desc.access);
		if (s->desc.n_dns > 0)
			copy_str(r->dns, sizeof r->dns, s->desc.dns[0].name);
		r->tcp_port = s->desc.tcp_port;
		r->state = MPD_CONTAINER_MISSING;
		for (size_t d = 0; d < s->desc.n_dns; d++)
			if (report_add_dns(rep, s->desc.dns[d].name,
			    s->desc.dns[d].ipv4) != 0) {
				mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
				goto fail;
			}
		n++;
		rep->n = n;
	}
	*out = v;
	*nout = n;
	return 0;
fail:
	free(v);
	return -1;
}

/* The revision (revision.h): any change recreates the container. */
static int
compute_revision(struct svc *s, const struct podman_owner *owner,
		 const char *image_inputs, const char *ca_fp, struct mpd_err *e)
{
	if (container_revision(&s->spec, owner, image_inputs, ca_fp,
	    s->revision, e) != 0)
		return mpd_err_prefix(e, "service '%s'", s->p->name);
	s->spec.revision = s->revision;
	return 0;
}

static int
build_images(struct svc *v, size_t n, struct images_result **res,
	     struct services_report *rep, struct mpd_err *e)
{
	struct images_want *wants = calloc(n ? n : 1, sizeof *wants);
	size_t nw = 0;
	int rc;

	*res = NULL;
	if (wants == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	for (size_t i = 0; i < n; i++) {
		if (v[i].desc.build_context == NULL)
			continue;
		snprintf(v[i].containerfile, sizeof v[i].containerfile,
		    "%s/Containerfile", v[i].desc.build_context);
		wants[nw].tag = v[i].spec.image;
		wants[nw].containerfile = v[i].containerfile;
		wants[nw].context_dir = v[i].desc.build_context;
		v[i].want_image = (int)nw++;
	}
	if (nw == 0) {
		free(wants);
		return 0;
	}
	*res = calloc(nw, sizeof **res);
	if (*res == NULL) {
		free(wants);
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	}
	rc = images_ensure(wants, nw, *res, e);
	free(wants);
	if (rc != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (v[i].want_image >= 0)
			rep->v[i].image_built = (*res)[v[i].want_image].built;
	return 0;
}

static const char *
label_of(const struct podman_container *c, const char *key)
{
	const char *v = podman_container_label(c, key);

	return v ? v : "";
}

int
services_ensure(struct plugin_registry *reg,
		const struct mpd_service_input *in,
		struct services_report *rep, struct podman_ps_list *ps_out,
		struct mpd_err *e)
{
	struct svc *v = NULL;
	size_t n = 0;
	struct images_result *img = NULL;
	struct podman_ps_list ps = {0};
	int rc = -1;

	memset(rep, 0, sizeof *rep);
	if (describe_all(reg, in, &v, &n, rep, e) != 0)
		goto out;
	if (build_images(v, n, &img, rep, e) != 0)
		goto out;
	if (podman_ps_managed(&ps, e) != 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct svc *s = &v[i];
		struct service_report *r = &rep->v[i];
		struct podman_owner owner = {
			.type = MPD_TYPE_SERVICE,
			.plugin = s->p->name,
			.kind = "service",
			.name = s->p->name,
		};
		const struct podman_container *c;

		if (compute_revision(s, &owner, s->want_image >= 0 ?
		    img[s->want_image].inputs : NULL, in->ca_fingerprint, e) != 0)
			goto out;
		c = podman_ps_find(&ps, s->spec.name);
		if (c == NULL) {
			if (podman_run(&s->spec, &owner, e) != 0)
				goto fail_one;
			r->action = SERVICE_CREATED;
		} else if (strcmp(label_of(c, MPD_LABEL_REVISION),
		    s->revision) != 0) {
			mpd_debug("service %s: revision %s -> %s", s->p->name,
			    label_of(c, MPD_LABEL_REVISION), s->revision);
			if (podman_rm(s->spec.name, e) != 0 ||
			    podman_run(&s->spec, &owner, e) != 0)
				goto fail_one;
			r->action = SERVICE_RECREATED;
		} else if (c->state != MPD_CONTAINER_RUNNING) {
			if (podman_start(s->spec.name, e) != 0)
				goto fail_one;
			r->action = SERVICE_STARTED;
		} else {
			r->action = SERVICE_KEPT;
		}
		r->state = MPD_CONTAINER_RUNNING;
		continue;
fail_one:
		mpd_err_prefix(e, "service '%s'", s->p->name);
		goto out;
	}
	rc = 0;
out:
	if (ps_out != NULL)
		*ps_out = ps;
	else
		podman_ps_free(&ps);
	free(img);
	free(v);
	return rc;
}

int
services_build_images(struct plugin_registry *reg,
		      const struct mpd_service_input *in,
		      struct services_report *rep, struct mpd_err *e)
{
	struct svc *v = NULL;
	size_t n = 0;
	struct images_result *img = NULL;
	int rc = -1;

	memset(rep, 0, sizeof *rep);
	if (describe_all(reg, in, &v, &n, rep, e) == 0 &&
	    build_images(v, n, &img, rep, e) == 0)
		rc = 0;
	free(img);
	free(v);
	return rc;
}

int
services_observe(struct plugin_registry *reg,
		 const struct mpd_service_input *in,
		 struct services_report *rep, struct podman_ps_list *ps_out,
		 struct mpd_err *e)
{
	struct svc *v = NULL;
	size_t n = 0;
	struct podman_ps_list ps = {0};
	int rc = -1;

	memset(rep, 0, sizeof *rep);
	if (describe_all(reg, in, &v, &n, rep, e) != 0)
		goto out;
	if (podman_ps_managed(&ps, e) != 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		const struct podman_container *c = podman_ps_find(&ps,
		    v[i].spec.name);

		rep->v[i].state = c ? c->state : MPD_CONTAINER_MISSING;
	}
	rc = 0;
out:
	if (ps_out != NULL)
		*ps_out = ps;
	else
		podman_ps_free(&ps);
	free(v);
	return rc;
}

int
services_stop(struct services_report *rep, const struct podman_ps_list *ps,
	      struct mpd_err *e)
{
	int rc = 0;

	for (size_t i = 0; i < ps->n; i++) {
		const struct podman_container *c = &ps->items[i];
		struct service_report *r, *nv;

		if (strcmp(label_of(c, MPD_LABEL_TYPE), MPD_TYPE_SERVICE) != 0 ||
		    c->state != MPD_CONTAINER_RUNNING)
			continue;
		if (podman_stop(c->name, SERVICE_STOP_TIMEOUT_S, e) != 0) {
			rc = -1;
			break;
		}
		nv = realloc(rep->v, (rep->n + 1) * sizeof *nv);
		if (nv == NULL) {
			rc = mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
			break;
		}
		rep->v = nv;
		r = &nv[rep->n++];
		memset(r, 0, sizeof *r);
		copy_str(r->name, sizeof r->name, label_of(c, MPD_LABEL_NAME));
		copy_str(r->container, sizeof r->container, c->name);
		copy_str(r->ip, sizeof r->ip, label_of(c, MPD_LABEL_IP));
		r->action = SERVICE_STOPPED;
		r->state = MPD_CONTAINER_STOPPED;
	}
	return rc;
}
