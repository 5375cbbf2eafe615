/* service_fileaccess.c - mpd-service-fileaccess (10.163.0.5): pubkey-only
 * ssh/scp/sftp for the dev user into the data volume (sessions land in
 * /srv/backups), and the container mpd execs into for data-volume file
 * operations.  Run contract: assets/services/README.md. */
#include "service_common.h"

#include <stdio.h>
#include <string.h>

struct fileaccess {
	struct svc_base b;
	char hostkeys[PATH_MAX];
	char authkeys[PATH_MAX];
	char uid[16], gid[16];
	struct mpd_mount mounts[3];
	struct mpd_kv env[3];
	struct mpd_container_spec spec;
	struct mpd_dns_record dns[1];
	struct mpd_service_desc desc;
};

static struct fileaccess fa;

static int
fileaccess_init(const struct mpd_host_api *host, mpd_host_ctx *ctx,
		void **state)
{
	int rc = svc_base_init(&fa.b, host, ctx, "fileaccess");

	if (rc == MPD_OK)
		rc = svc_path(&fa.b, MPD_HOST_PATH_STATE, "fileaccess/hostkeys",
		    fa.hostkeys, sizeof fa.hostkeys);
	*state = &fa;
	return rc;
}

static int
fileaccess_describe(void *state, const struct mpd_service_input *in,
		    struct mpd_service_desc *out)
{
	struct fileaccess *f = state;
	int w;

	if (out == NULL || out->struct_size < sizeof *out)
		return f->b.host->set_error(f->b.ctx, MPD_EINVAL,
		    "describe needs a struct mpd_service_desc of ABI 1.0");
	if (in == NULL || in->dev_user == NULL || in->dev_home == NULL ||
	    in->dev_uid == 0)
		return f->b.host->set_error(f->b.ctx, MPD_EINVAL,
		    "fileaccess needs the developer's user, uid and home");
	w = snprintf(f->authkeys, sizeof f->authkeys,
	    "%s/.ssh/authorized_keys", in->dev_home);
	if (w < 0 || (size_t)w >= sizeof f->authkeys)
		return f->b.host->set_error(f->b.ctx, MPD_EINVAL,
		    "home directory path too long");
	snprintf(f->uid, sizeof f->uid, "%u", (unsigned)in->dev_uid);
	snprintf(f->gid, sizeof f->gid, "%u", (unsigned)in->dev_gid);
	f->mounts[0] = (struct mpd_mount){ SVC_VOLUME, MPD_VOLUME_TARGET, MPD_MOUNT_VOLUME };
	f->mounts[1] = (struct mpd_mount){ f->hostkeys, "/etc/ssh/mpd-hostkeys", 0 };
	f->mounts[2] = (struct mpd_mount){ f->authkeys,
	    "/etc/ssh/mpd-authorized_keys", MPD_MOUNT_RO };
	f->env[0] = (struct mpd_kv){ "MPD_DEV_USER", in->dev_user };
	f->env[1] = (struct mpd_kv){ "MPD_DEV_UID", f->uid };
	f->env[2] = (struct mpd_kv){ "MPD_DEV_GID", f->gid };
	svc_spec_init(&f->b, &f->spec, SVC_IP_FILEACCESS);
	f->spec.mounts = f->mounts;
	f->spec.n_mounts = 3;
	f->spec.env = f->env;
	f->spec.n_env = 3;
	f->dns[0] = (struct mpd_dns_record){ "fileaccess.service." SVC_ZONE,
	    SVC_IP_FILEACCESS };
	memset(&f->desc, 0, sizeof f->desc);
	f->desc.struct_size = sizeof f->desc;
	f->desc.container = &f->spec;
	f->desc.build_context = f->b.context;
	f->desc.dns = f->dns;
	f->desc.n_dns = 1;
	f->desc.access = "ssh/scp fileaccess.service.mpd.test:/srv/backups";
	f->desc.tcp_port = 22;
	*out = f->desc;
	return MPD_OK;
}

static const struct mpd_service_ops fileaccess_ops = {
	.struct_size = sizeof(struct mpd_service_ops),
	.describe = fileaccess_describe,
};

MPD_PLUGIN_DEFINE(SERVICE, "fileaccess", PACKAGE_VERSION,
    "ssh/scp into the data volume (/srv/backups), and mpd's volume gateway",
    fileaccess_init, NULL, fileaccess_ops)
