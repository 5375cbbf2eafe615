/* service_common.h - what the four in-tree service plugins share: the
 * fixed addresses and names, and building paths from the host's roots.
 * Compiled into each plugin (plugins share no code at run time). */
#ifndef MPD_SERVICE_COMMON_H
#define MPD_SERVICE_COMMON_H

#include <limits.h>
#include <stddef.h>

#include <mpd/plugin.h>

#include <mpd/names.h>

#define SVC_IP_DNSMASQ		MPD_IP_DNSMASQ
#define SVC_IP_PORTAL		MPD_IP_PORTAL
#define SVC_IP_FILEACCESS	MPD_IP_FILEACCESS
#define SVC_IP_ADMINER		MPD_IP_ADMINER
#define SVC_ZONE		MPD_ZONE
#define SVC_VOLUME		MPD_VOLUME_NAME

/* Every plugin's state starts with this. */
struct svc_base {
	const struct mpd_host_api *host;
	mpd_host_ctx *ctx;
	char context[PATH_MAX];		/* assets/services/<name> */
	char image[96];			/* localhost/mpd-service-<name>:latest */
	char container[64];		/* mpd-service-<name> */
};

/* Fill `b` for service `name`; MPD_OK or an error set on the host. */
int svc_base_init(struct svc_base *b, const struct mpd_host_api *host,
		  mpd_host_ctx *ctx, const char *name);

/* "<root>/<tail>" into out[n] for one of the host's roots; MPD_OK or
 * MPD_EINVAL (set on the host) when it does not fit. */
int svc_path(const struct svc_base *b, enum mpd_host_path which,
	     const char *tail, char *out, size_t n);

/* DNS for containers that resolve *.mpd.test themselves. */
extern const char *const svc_dns[];
/* "drop every capability" (cap_add then names the few a service needs) */
extern const char *const svc_drop_all[];

/* A container spec with the common fields filled in. */
void svc_spec_init(const struct svc_base *b, struct mpd_container_spec *s,
		   const char *ip);

#endif
