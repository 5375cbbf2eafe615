/* service_dnsmasq.c - mpd-service-dnsmasq (10.163.0.3): authoritative DNS
 * for mpd.test.  Records are hosts files mpd writes to
 * state/dnsmasq.d/, watched by dnsmasq (no restart on change); upstream
 * queries go to the VM's real resolvers.  Run contract:
 * assets/services/README.md. */
#include "service_common.h"

#include <string.h>

struct dnsmasq {
	struct svc_base b;
	char records[PATH_MAX];
	char upstream_src[PATH_MAX];
	const char *upstream_dst;
	struct mpd_mount mounts[2];
	struct mpd_container_spec spec;
	struct mpd_dns_record dns[1];
	struct mpd_service_desc desc;
};

static struct dnsmasq dnsmasq;

/* binds :53 as root, then drops to nobody */
static const char *const dnsmasq_caps[] = {
	"NET_BIND_SERVICE", "SETUID", "SETGID", NULL,
};

static int
dnsmasq_init(const struct mpd_host_api *host, mpd_host_ctx *ctx, void **state)
{
	int rc = svc_base_init(&dnsmasq.b, host, ctx, "dnsmasq");

	if (rc == MPD_OK)
		rc = svc_path(&dnsmasq.b, MPD_HOST_PATH_STATE, "dnsmasq.d",
		    dnsmasq.records, sizeof dnsmasq.records);
	*state = &dnsmasq;
	return rc;
}

static int
dnsmasq_describe(void *state, const struct mpd_service_input *in,
		 struct mpd_service_desc *out)
{
	struct dnsmasq *d = state;
	const char *up = in && in->upstream_resolv ? in->upstream_resolv :
	    "/etc/resolv.conf";
	size_t n = strlen(up);

	if (out == NULL || out->struct_size < sizeof *out)
		return d->b.host->set_error(d->b.ctx, MPD_EINVAL,
		    "describe needs a struct mpd_service_desc of ABI 1.0");
	/* systemd-resolved rewrites its resolv.conf by rename: mount the
	 * directory so changes are seen; a plain file is mounted as is */
	if (n > 12 && strcmp(up + n - 12, "/resolv.conf") == 0 &&
	    strncmp(up, "/run/", 5) == 0) {
		memcpy(d->upstream_src, up, n - 12);
		d->upstream_src[n - 12] = '\0';
		d->upstream_dst = "/etc/mpd-upstream";
	} else {
		strncpy(d->upstream_src, up, sizeof d->upstream_src - 1);
		d->upstream_dst = "/etc/mpd-upstream/resolv.conf";
	}
	d->mounts[0] = (struct mpd_mount){ d->records, "/etc/mpd-dns",
	    MPD_MOUNT_RO };
	d->mounts[1] = (struct mpd_mount){ d->upstream_src, d->upstream_dst,
	    MPD_MOUNT_RO };
	svc_spec_init(&d->b, &d->spec, SVC_IP_DNSMASQ);
	d->spec.mounts = d->mounts;
	d->spec.n_mounts = 2;
	d->spec.cap_drop = svc_drop_all;
	d->spec.cap_add = dnsmasq_caps;
	d->spec.flags |= MPD_CONTAINER_READ_ONLY;
	d->dns[0] = (struct mpd_dns_record){ "dnsmasq.service." SVC_ZONE,
	    SVC_IP_DNSMASQ };
	memset(&d->desc, 0, sizeof d->desc);
	d->desc.struct_size = sizeof d->desc;
	d->desc.container = &d->spec;
	d->desc.build_context = d->b.context;
	d->desc.dns = d->dns;
	d->desc.n_dns = 1;
	d->desc.access = "DNS for *.mpd.test at " SVC_IP_DNSMASQ;
	d->desc.tcp_port = 53;
	*out = d->desc;
	return MPD_OK;
}

static const struct mpd_service_ops dnsmasq_ops = {
	.struct_size = sizeof(struct mpd_service_ops),
	.describe = dnsmasq_describe,
};

MPD_PLUGIN_DEFINE(SERVICE, "dnsmasq", PACKAGE_VERSION,
    "DNS for *.mpd.test (dnsmasq, authoritative, records without restart)",
    dnsmasq_init, NULL, dnsmasq_ops)
