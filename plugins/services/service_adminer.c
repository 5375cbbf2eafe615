/* service_adminer.c - mpd-service-adminer (10.163.0.6): Adminer on plain
 * HTTP :8080 inside the network, reached as https://adminer.service.mpd.test/
 * through the portal.  Run contract: assets/services/README.md. */
#include "service_common.h"

#include <string.h>

struct adminer {
	struct svc_base b;
	struct mpd_container_spec spec;
	struct mpd_service_desc desc;
};

static struct adminer adminer;

static int
adminer_init(const struct mpd_host_api *host, mpd_host_ctx *ctx, void **state)
{
	*state = &adminer;
	return svc_base_init(&adminer.b, host, ctx, "adminer");
}

static int
adminer_describe(void *state, const struct mpd_service_input *in,
		 struct mpd_service_desc *out)
{
	struct adminer *a = state;

	(void)in;
	if (out == NULL || out->struct_size < sizeof *out)
		return a->b.host->set_error(a->b.ctx, MPD_EINVAL,
		    "describe needs a struct mpd_service_desc of ABI 1.0");
	svc_spec_init(&a->b, &a->spec, SVC_IP_ADMINER);
	/* resolves *.db.mpd.test through mpd's dnsmasq; php -S as www-data
	 * needs no capability at all */
	a->spec.dns = svc_dns;
	a->spec.cap_drop = svc_drop_all;
	a->spec.flags |= MPD_CONTAINER_READ_ONLY | MPD_CONTAINER_NO_NEW_PRIVS;
	memset(&a->desc, 0, sizeof a->desc);
	a->desc.struct_size = sizeof a->desc;
	a->desc.container = &a->spec;
	a->desc.build_context = a->b.context;
	a->desc.access = "https://adminer.service.mpd.test/";
	a->desc.tcp_port = 8080;
	*out = a->desc;
	return MPD_OK;
}

static const struct mpd_service_ops adminer_ops = {
	.struct_size = sizeof(struct mpd_service_ops),
	.describe = adminer_describe,
};

MPD_PLUGIN_DEFINE(SERVICE, "adminer", PACKAGE_VERSION,
    "Adminer, the database UI, behind the portal",
    adminer_init, NULL, adminer_ops)
