/* sidecar_common.c - the shared part of the on-demand sidecars (see
 * sidecar_common.h). */
#include "sidecar_common.h"

#include "../plugin_path.h"

#include <stdio.h>
#include <string.h>

static const char *const sc_drop[] = { "ALL", NULL };

int
sc_host_path(struct sc_base *b, enum mpd_host_path which, const char *tail,
	     char *out, size_t n)
{
	return plugin_host_path(b->host, b->ctx, which, tail, out, n);
}

int
sc_init(struct sc_base *b, const struct mpd_host_api *host,
	mpd_host_ctx *ctx, const char *plugin)
{
	char tail[64];

	memset(b, 0, sizeof *b);
	b->host = host;
	b->ctx = ctx;
	b->plugin = plugin;
	snprintf(b->image, sizeof b->image, "localhost/mpd-sidecar-%s:latest",
	    plugin);
	snprintf(tail, sizeof tail, "sidecars/%s", plugin);
	return sc_host_path(b, MPD_HOST_PATH_ASSETS, tail, b->context,
	    sizeof b->context);
}

/* 1 when `pod` is a pod name mpd makes: [a-z0-9-], short enough for the
 * container's name. */
static int
pod_ok(const char *pod, const char *plugin)
{
	size_t n = pod ? strlen(pod) : 0;

	if (n == 0 || n + 1 + strlen(plugin) > 63 || pod[0] == '-')
		return 0;
	return strspn(pod, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

int
sc_describe_begin(struct sc_base *b, const struct mpd_sidecar_input *in,
		  const struct mpd_sidecar_desc *out)
{
	if (out == NULL || out->struct_size < sizeof *out)
		return b->host->set_error(b->ctx, MPD_EINVAL,
		    "describe needs a struct mpd_sidecar_desc of ABI 1.4");
	if (in == NULL || in->runtime == NULL ||
	    !pod_ok(in->pod, b->plugin))
		return b->host->set_error(b->ctx, MPD_EINVAL,
		    "the %s sidecar needs a runtime name and a pod name",
		    b->plugin);
	snprintf(b->name, sizeof b->name, "%s-%s", in->pod, b->plugin);
	memset(&b->spec, 0, sizeof b->spec);
	b->spec.struct_size = sizeof b->spec;
	b->spec.name = b->name;
	b->spec.image = b->image;
	b->spec.cap_drop = sc_drop;
	b->spec.flags = MPD_CONTAINER_RESTART | MPD_CONTAINER_READ_ONLY |
	    MPD_CONTAINER_NO_NEW_PRIVS;
	memset(&b->desc, 0, sizeof b->desc);
	b->desc.struct_size = sizeof b->desc;
	b->desc.wanted = 1;
	b->desc.container = &b->spec;
	b->desc.build_context = b->context;
	return MPD_OK;
}
