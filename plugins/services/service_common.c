/* service_common.c - shared by the in-tree service plugins (see
 * service_common.h). */
#include "service_common.h"

#include "../plugin_path.h"

#include <stdio.h>
#include <string.h>

const char *const svc_dns[] = { SVC_IP_DNSMASQ, NULL };
const char *const svc_drop_all[] = { "ALL", NULL };

int
svc_path(const struct svc_base *b, enum mpd_host_path which, const char *tail,
	 char *out, size_t n)
{
	return plugin_host_path(b->host, b->ctx, which, tail, out, n);
}

int
svc_base_init(struct svc_base *b, const struct mpd_host_api *host,
	      mpd_host_ctx *ctx, const char *name)
{
	char tail[64];

	memset(b, 0, sizeof *b);
	b->host = host;
	b->ctx = ctx;
	snprintf(tail, sizeof tail, "services/%s", name);
	snprintf(b->image, sizeof b->image, "localhost/" MPD_SERVICE_PREFIX "%s:latest",
	    name);
	snprintf(b->container, sizeof b->container, MPD_SERVICE_PREFIX "%s", name);
	return svc_path(b, MPD_HOST_PATH_ASSETS, tail, b->context,
	    sizeof b->context);
}

void
svc_spec_init(const struct svc_base *b, struct mpd_container_spec *s,
	      const char *ip)
{
	memset(s, 0, sizeof *s);
	s->struct_size = sizeof *s;
	s->name = b->container;
	s->image = b->image;
	s->hostname = b->container;
	s->ip = ip;
	s->flags = MPD_CONTAINER_RESTART;
}
