/* service_portal.c - mpd-service-portal (10.163.0.4): the read-only status
 * page at https://mpd.test/ and the TLS front of Adminer at
 * https://adminer.service.mpd.test/.  Run contract:
 * assets/services/README.md. */
#include "service_common.h"

#include <string.h>

struct portal {
	struct svc_base b;
	char state[PATH_MAX];
	struct mpd_mount mounts[3];
	struct mpd_kv env[1];
	struct mpd_container_spec spec;
	struct mpd_dns_record dns[3];
	struct mpd_service_desc desc;
};

static struct portal portal;

/* Apache: binds :443/:80 as root, runs workers as www-data, reads the
 * dev user's 0600 key (DAC_OVERRIDE), signals and owns its runtime files */
static const char *const portal_caps[] = {
	"NET_BIND_SERVICE", "SETUID", "SETGID", "DAC_OVERRIDE", "KILL",
	"CHOWN", NULL,
};

/* The one certificate of the services' TLS: every name the portal serves. */
static const char *const portal_names[] = {
	SVC_ZONE, "portal.service." SVC_ZONE, "adminer.service." SVC_ZONE,
	NULL,
};

static int
portal_init(const struct mpd_host_api *host, mpd_host_ctx *ctx, void **state)
{
	int rc = svc_base_init(&portal.b, host, ctx, "portal");

	if (rc == MPD_OK)
		rc = svc_path(&portal.b, MPD_HOST_PATH_STATE, "", portal.state,
		    sizeof portal.state);
	*state = &portal;
	return rc;
}

static int
portal_describe(void *state, const struct mpd_service_input *in,
		struct mpd_service_desc *out)
{
	struct portal *p = state;
	const char *cert = NULL, *key = NULL;
	int rc;

	(void)in;
	if (out == NULL || out->struct_size < sizeof *out)
		return p->b.host->set_error(p->b.ctx, MPD_EINVAL,
		    "describe needs a struct mpd_service_desc of ABI 1.0");
	rc = p->b.host->cert_ensure(p->b.ctx, "services", portal_names, &cert,
	    &key);
	if (rc != MPD_OK)
		return rc;
	p->mounts[0] = (struct mpd_mount){ p->state, "/mpd-state", MPD_MOUNT_RO };
	p->mounts[1] = (struct mpd_mount){ cert, "/etc/mpd-tls/cert.pem",
	    MPD_MOUNT_RO };
	p->mounts[2] = (struct mpd_mount){ key, "/etc/mpd-tls/key.pem",
	    MPD_MOUNT_RO };
	p->env[0] = (struct mpd_kv){ "MPD_ADMINER_UPSTREAM",
	    "http://" SVC_IP_ADMINER ":8080" };
	svc_spec_init(&p->b, &p->spec, SVC_IP_PORTAL);
	p->spec.mounts = p->mounts;
	p->spec.n_mounts = 3;
	p->spec.env = p->env;
	p->spec.n_env = 1;
	p->spec.cap_drop = svc_drop_all;
	p->spec.cap_add = portal_caps;
	p->spec.flags |= MPD_CONTAINER_READ_ONLY;
	p->dns[0] = (struct mpd_dns_record){ SVC_ZONE, SVC_IP_PORTAL };
	p->dns[1] = (struct mpd_dns_record){ "portal.service." SVC_ZONE,
	    SVC_IP_PORTAL };
	p->dns[2] = (struct mpd_dns_record){ "adminer.service." SVC_ZONE,
	    SVC_IP_PORTAL };
	memset(&p->desc, 0, sizeof p->desc);
	p->desc.struct_size = sizeof p->desc;
	p->desc.container = &p->spec;
	p->desc.build_context = p->b.context;
	p->desc.dns = p->dns;
	p->desc.n_dns = 3;
	p->desc.cert_names = portal_names;
	p->desc.access = "https://mpd.test/";
	p->desc.tcp_port = 443;
	*out = p->desc;
	return MPD_OK;
}

static const struct mpd_service_ops portal_ops = {
	.struct_size = sizeof(struct mpd_service_ops),
	.describe = portal_describe,
};

MPD_PLUGIN_DEFINE(SERVICE, "portal", PACKAGE_VERSION,
    "the read-only status page at https://mpd.test/ and Adminer's TLS front",
    portal_init, NULL, portal_ops)
